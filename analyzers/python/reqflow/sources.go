package reqflow

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/internal/reqheaders"
)

// collections are the request attributes that map names to client values.
var collections = map[string]Kind{
	"headers": Header, "args": Query, "query_params": Query, "values": Query,
	"form": Body, "json": Body, "cookies": Cookie, "environ": Header, "META": Header,
	"GET": Query, "POST": Body, "data": Body, // Django, Django REST framework
}

// isRequest reports whether n denotes the current request: Flask's global
// request, a parameter annotated with Starlette's Request, a parameter
// the callers pass the request to (def client_ip(request)), an attribute
// holding one.
func (t *tracker) isRequest(n *pyast.Node) bool {
	return n != nil && (n.Type() == "identifier" || n.Type() == "attribute") && t.fn.Scope.KindOf(n) == pyfile.Request
}

// requestSource returns the source that n reads, if it reads the request
// directly: request.headers.get("X"), request.args["q"], request.get_json(),
// request.cookies.get("c"), request.access_route, request.client.host
// behind a wildcard proxy middleware.
func (t *tracker) requestSource(n *pyast.Node) *Source {
	if s, ok := t.a.sources[n]; ok {
		return s
	}
	s := t.readSource(n)
	t.a.sources[n] = s
	return s
}

func (t *tracker) readSource(n *pyast.Node) *Source {
	switch n.Type() {
	case "call":
		fn := n.ChildByFieldName("function")
		if fn == nil || fn.Type() != "attribute" {
			return nil
		}
		obj, method := fn.ChildByFieldName("object"), t.f.Text(fn.ChildByFieldName("attribute"))
		if t.isRequest(obj) {
			switch method {
			case "get_json", "json", "form", "body", "get_data":
				return &Source{Node: n, Kind: Body}
			}
			return nil
		}
		switch method {
		case "get", "getlist", "get_all", "getall", "getone":
		default:
			return nil
		}
		return t.collectionRead(obj, n, t.firstStringArg(n))
	case "subscript":
		key, _ := t.fn.Scope.String(n.ChildByFieldName("subscript"))
		return t.collectionRead(n.ChildByFieldName("value"), n, key)
	case "attribute":
		obj, attr := n.ChildByFieldName("object"), t.f.Text(n.ChildByFieldName("attribute"))
		if t.isRequest(obj) && attr == "access_route" {
			return &Source{Node: n, Kind: Forwarded, Field: "X-Forwarded-For"}
		}
		if t.isRequest(obj) && (attr == "json" || attr == "form" || attr == "data") {
			return &Source{Node: n, Kind: Body}
		}
		if attr == "host" && obj.Type() == "attribute" && t.f.Text(obj.ChildByFieldName("attribute")) == "client" &&
			t.isRequest(obj.ChildByFieldName("object")) && t.a.wildcardProxy {
			return &Source{Node: n, Kind: Forwarded, Field: "X-Forwarded-For"}
		}
	}
	return nil
}

// collectionRead returns the source for reading key from coll when coll is
// request.<collection>.
func (t *tracker) collectionRead(coll, read *pyast.Node, key string) *Source {
	if coll != nil && coll.Type() == "identifier" {
		// headers = request.META; headers.get("HTTP_X_FORWARDED_FOR")
		if d := t.fn.Scope.Resolve(coll); d.Node != nil && d.Scope == t.fn.Scope {
			coll = d.Node
		}
	}
	if coll == nil || coll.Type() != "attribute" || !t.isRequest(coll.ChildByFieldName("object")) {
		return nil
	}
	name := t.f.Text(coll.ChildByFieldName("attribute"))
	kind, ok := collections[name]
	if !ok {
		return nil
	}
	if name == "environ" || name == "META" {
		if !strings.HasPrefix(key, "HTTP_") {
			return nil // REMOTE_ADDR and other server-set values
		}
		key = strings.ReplaceAll(strings.TrimPrefix(key, "HTTP_"), "_", "-")
	}
	if kind == Header {
		switch {
		case t.edgeHeader(key):
			return nil // the configuration says the edge writes it
		case reqheaders.Classify(key) == reqheaders.Forwarding:
			kind = Forwarded
		case reqheaders.Classify(key) == reqheaders.GatewayIdentity, reqheaders.Classify(key) == reqheaders.PlatformAddress:
			return nil // written by an authenticating gateway or the platform
		}
	}
	return &Source{Node: read, Kind: kind, Field: key}
}

// edgeHeader reports whether the configuration's trusted proxy header
// (trusted-proxy.header) is the header name: the edge overwrites it, so
// the client cannot choose its value.
func (t *tracker) edgeHeader(name string) bool {
	h := t.f.Config().TrustedProxy.Header
	return h != "" && strings.EqualFold(h, name)
}

// firstStringArg returns the constant string value of call's first
// positional argument.
func (t *tracker) firstStringArg(call *pyast.Node) string {
	if a := firstArg(call); a != nil {
		s, _ := t.fn.Scope.String(a)
		return s
	}
	return ""
}

// firstArg returns call's first positional argument, or nil.
func firstArg(call *pyast.Node) *pyast.Node {
	args := call.ChildByFieldName("arguments")
	if args == nil || args.NamedChildCount() == 0 || args.NamedChild(0).Type() == "keyword_argument" {
		return nil
	}
	return args.NamedChild(0)
}

// fastapiMarkers maps FastAPI's parameter functions to source kinds (0:
// not a client value).
var fastapiMarkers = map[string]Kind{
	"fastapi.Header": Header, "fastapi.Query": Query, "fastapi.Cookie": Cookie,
	"fastapi.Body": Body, "fastapi.Form": Body, "fastapi.Path": 0, "fastapi.File": 0,
	"fastapi.Depends": 0, "fastapi.Security": 0,
}

// paramSource classifies a parameter of a FastAPI route handler or
// dependency: the source FastAPI binds it to, and whether it is an
// authentication dependency (Security, or Depends on one).
func (t *tracker) paramSource(p pyfile.Param, pathParams map[string]bool) (src *Source, auth bool) {
	if marker := t.marker(p); marker != nil {
		q := t.f.Qualified(marker.ChildByFieldName("function"))
		switch q {
		case "fastapi.Security":
			return nil, true
		case "fastapi.Depends":
			dep := firstArg(marker)
			if dep == nil {
				return nil, false
			}
			g := t.fn.Scope.Resolve(dep).Func
			if g == nil {
				return nil, false
			}
			s := t.a.dependOn(t.fn, g)
			if t.a.authDeps[g] {
				return nil, true
			}
			if s != nil && s.returns != nil {
				return t.a.dependencySource(p.Node, s), false
			}
			return nil, false
		}
		kind := fastapiMarkers[q]
		if kind == 0 {
			return nil, false
		}
		field := p.Name
		if alias := t.f.Keyword(marker, "alias"); alias != nil {
			field, _ = t.fn.Scope.String(alias)
		} else if kind == Header {
			field = strings.ReplaceAll(p.Name, "_", "-")
		}
		if kind == Header {
			switch {
			case t.edgeHeader(field):
				return nil, false // the configuration says the edge writes it
			case reqheaders.Classify(field) == reqheaders.Forwarding:
				kind = Forwarded
			case reqheaders.Classify(field) == reqheaders.GatewayIdentity, reqheaders.Classify(field) == reqheaders.PlatformAddress:
				return nil, false // written by an authenticating gateway or the platform
			}
		}
		return t.a.paramSourceAt(&Source{Node: p.Node, Kind: kind, Field: field}), false
	}
	if pathParams[p.Name] {
		return nil, false
	}
	if p.Type != nil {
		typ := p.Type
		if typ.Type() == "type" && typ.NamedChildCount() > 0 {
			typ = typ.NamedChild(0)
		}
		if c := t.fn.Scope.Resolve(typ).Class; c != nil && c.Derives("pydantic.BaseModel") {
			return t.a.paramSourceAt(&Source{Node: p.Node, Kind: Body}), false
		}
		if scalarType(t.f.Text(typ)) {
			return t.a.paramSourceAt(&Source{Node: p.Node, Kind: Query, Field: p.Name}), false
		}
		return nil, false
	}
	if p.Default != nil {
		switch p.Default.Type() {
		case "string", "integer", "float", "none":
			return t.a.paramSourceAt(&Source{Node: p.Node, Kind: Query, Field: p.Name}), false
		}
	}
	return nil, false
}

// paramSourceAt returns the one Source of a handler parameter: the first
// src given for its node.
func (a *analysis) paramSourceAt(src *Source) *Source {
	if prev, ok := a.params[src.Node]; ok {
		return prev
	}
	a.params[src.Node] = src
	return src
}

// dependencySource returns the one Source of a handler parameter bound to
// a FastAPI dependency that returns a request value.
func (a *analysis) dependencySource(param *pyast.Node, dep *summary) *Source {
	if prev, ok := a.params[param]; ok && prev.Via == dep.fn.QualName() {
		return prev
	}
	r := *dep.returns
	r.Node, r.Via = param, dep.fn.QualName()
	r.Path = append(append([]Step(nil), dep.returns.Path...), Step{Node: dep.returns.Node, What: "read by the dependency " + dep.fn.QualName()})
	a.params[param] = &r
	return &r
}

// marker returns the FastAPI parameter call of p: its default
// (`= Header(None)`) or inside Annotated[str, Header()].
func (t *tracker) marker(p pyfile.Param) *pyast.Node {
	isMarker := func(n *pyast.Node) bool {
		if n == nil || n.Type() != "call" {
			return false
		}
		_, ok := fastapiMarkers[t.f.Qualified(n.ChildByFieldName("function"))]
		return ok
	}
	if isMarker(p.Default) {
		return p.Default
	}
	var found *pyast.Node
	if p.Type != nil && strings.Contains(t.f.Text(p.Type), "Annotated") {
		pyfile.Walk(p.Type, func(n *pyast.Node) bool {
			if found == nil && isMarker(n) {
				found = n
			}
			return found == nil
		})
	}
	return found
}

// scalarType reports whether an annotation is one FastAPI reads from the
// query string: str, int, float, UUID, and optional forms of them.
func scalarType(text string) bool {
	text = strings.NewReplacer(" ", "", "typing.", "", "Optional[", "", "]", "", "|None", "", "None|", "").Replace(text)
	switch text {
	case "str", "int", "float", "UUID", "uuid.UUID":
		return true
	}
	return false
}
