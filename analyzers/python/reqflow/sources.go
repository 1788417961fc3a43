package reqflow

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/internal/reqheaders"
)

// requestTypes are the annotations of a Starlette/FastAPI request
// parameter.
var requestTypes = map[string]bool{
	"fastapi.Request": true, "fastapi.requests.Request": true, "starlette.requests.Request": true,
	"starlette.requests.HTTPConnection": true, "fastapi.WebSocket": true,
}

// globalRequests are the framework's request proxies.
var globalRequests = map[string]bool{"flask.request": true, "quart.request": true}

// collections are the request attributes that map names to client values.
var collections = map[string]Kind{
	"headers": Header, "args": Query, "query_params": Query, "values": Query,
	"form": Body, "json": Body, "cookies": Cookie, "environ": Header,
}

// isRequest reports whether n denotes the current request: Flask's global
// request, or a parameter annotated with Starlette's Request.
func (t *tracker) isRequest(n *pyast.Node) bool {
	if n == nil || n.Type() != "identifier" {
		return false
	}
	name := t.f.Text(n)
	if t.requestParams[name] {
		return true
	}
	_, shadowed := t.params[name]
	return !shadowed && globalRequests[t.f.Imports[name]]
}

// requestSource returns the source that n reads, if it reads the request
// directly: request.headers.get("X"), request.args["q"], request.get_json(),
// request.cookies.get("c"), request.access_route, request.client.host
// behind a wildcard proxy middleware.
func (t *tracker) requestSource(n *pyast.Node) *Source {
	k := nodeKey{n.StartByte(), n.EndByte(), n.Symbol()}
	if s, ok := t.a.sources[k]; ok {
		return s
	}
	s := t.readSource(n)
	t.a.sources[k] = s
	return s
}

// nodeKey identifies a node of the file.
type nodeKey struct {
	start, end uint32
	symbol     uint16
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
	if coll == nil || coll.Type() != "attribute" || !t.isRequest(coll.ChildByFieldName("object")) {
		return nil
	}
	name := t.f.Text(coll.ChildByFieldName("attribute"))
	kind, ok := collections[name]
	if !ok {
		return nil
	}
	if name == "environ" {
		if !strings.HasPrefix(key, "HTTP_") {
			return nil // REMOTE_ADDR and other server-set values
		}
		key = strings.ReplaceAll(strings.TrimPrefix(key, "HTTP_"), "_", "-")
	}
	if kind == Header {
		switch reqheaders.Classify(key) {
		case reqheaders.Forwarding:
			kind = Forwarded
		case reqheaders.GatewayIdentity, reqheaders.PlatformAddress:
			return nil // written by an authenticating gateway or the platform
		}
	}
	return &Source{Node: read, Kind: kind, Field: key}
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

// param is one parameter of a function definition.
type param struct {
	name  string
	node  *pyast.Node // the whole parameter
	typ   *pyast.Node // its annotation, or nil
	value *pyast.Node // its default, or nil
}

// params lists the named parameters of a function definition up to the
// first *args or keyword-only marker, in order.
func params(f *pyfile.File, def *pyast.Node) []param {
	ps := def.ChildByFieldName("parameters")
	if ps == nil {
		return nil
	}
	var out []param
	for i := 0; i < int(ps.NamedChildCount()); i++ {
		p := ps.NamedChild(i)
		switch p.Type() {
		case "identifier":
			out = append(out, param{name: f.Text(p), node: p})
		case "typed_parameter":
			if p.NamedChildCount() > 0 && p.NamedChild(0).Type() == "identifier" {
				out = append(out, param{name: f.Text(p.NamedChild(0)), node: p, typ: p.ChildByFieldName("type")})
			}
		case "default_parameter", "typed_default_parameter":
			out = append(out, param{name: f.Text(p.ChildByFieldName("name")), node: p, typ: p.ChildByFieldName("type"), value: p.ChildByFieldName("value")})
		case "list_splat_pattern", "dictionary_splat_pattern", "keyword_separator":
			return out
		}
	}
	return out
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
func (t *tracker) paramSource(p param, pathParams map[string]bool) (src *Source, auth bool) {
	if marker := t.marker(p); marker != nil {
		q := t.f.Qualified(marker.ChildByFieldName("function"))
		switch q {
		case "fastapi.Security":
			return nil, true
		case "fastapi.Depends":
			dep := firstArg(marker)
			if dep == nil || dep.Type() != "identifier" {
				return nil, false
			}
			name := t.f.Text(dep)
			if t.a.authDeps[name] {
				return nil, true
			}
			if s := t.a.summaries[name]; s != nil && s.returns != nil {
				r := *s.returns
				r.Node, r.Via = p.node, name
				return &r, false
			}
			return nil, false
		}
		kind := fastapiMarkers[q]
		if kind == 0 {
			return nil, false
		}
		field := p.name
		if alias := t.f.Keyword(marker, "alias"); alias != nil {
			field, _ = t.fn.Scope.String(alias)
		} else if kind == Header {
			field = strings.ReplaceAll(p.name, "_", "-")
		}
		if kind == Header {
			switch reqheaders.Classify(field) {
			case reqheaders.Forwarding:
				kind = Forwarded
			case reqheaders.GatewayIdentity, reqheaders.PlatformAddress:
				return nil, false // written by an authenticating gateway or the platform
			}
		}
		return &Source{Node: p.node, Kind: kind, Field: field}, false
	}
	if pathParams[p.name] {
		return nil, false
	}
	if p.typ != nil {
		typ := p.typ
		if typ.Type() == "type" && typ.NamedChildCount() > 0 {
			typ = typ.NamedChild(0)
		}
		if typ.Type() == "identifier" && t.a.models[t.f.Text(typ)] {
			return &Source{Node: p.node, Kind: Body}, false
		}
		if scalarType(t.f.Text(typ)) {
			return &Source{Node: p.node, Kind: Query, Field: p.name}, false
		}
		return nil, false
	}
	if p.value != nil {
		switch p.value.Type() {
		case "string", "integer", "float", "none":
			return &Source{Node: p.node, Kind: Query, Field: p.name}, false
		}
	}
	return nil, false
}

// marker returns the FastAPI parameter call of p: its default
// (`= Header(None)`) or inside Annotated[str, Header()].
func (t *tracker) marker(p param) *pyast.Node {
	isMarker := func(n *pyast.Node) bool {
		if n == nil || n.Type() != "call" {
			return false
		}
		_, ok := fastapiMarkers[t.f.Qualified(n.ChildByFieldName("function"))]
		return ok
	}
	if isMarker(p.value) {
		return p.value
	}
	var found *pyast.Node
	if p.typ != nil && strings.Contains(t.f.Text(p.typ), "Annotated") {
		pyfile.Walk(p.typ, func(n *pyast.Node) bool {
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
