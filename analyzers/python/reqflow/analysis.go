package reqflow

import (
	"regexp"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// summary is what a module-level function does with its parameters and
// what it returns, as seen by its callers in the file.
type summary struct {
	fn            *pyfile.Func
	keyParams     map[int]Sink // parameters that reach a sink, unchecked
	returns       *Source      // a request value it returns, unchecked
	verifiesParam bool         // it rejects on a lookup of a parameter
	last          *tracker     // the tracker of the latest round
}

// Function roles in a FastAPI application.
const (
	routeHandler = 1 // decorated with @app.get(...) and the like
	dependency   = 2 // named in Depends(...)
)

// analysis is the file-wide state of one run.
type analysis struct {
	f             *pyfile.File
	summaries     map[string]*summary        // module-level functions by name
	roles         map[uint32]int             // function start byte -> role
	pathParams    map[uint32]map[string]bool // route handler start byte -> path parameters
	routeAuth     map[uint32]bool            // route handlers with an authenticating dependencies= list
	models        map[string]bool            // pydantic models of the file
	authDeps      map[string]bool            // dependencies that authenticate
	sources       map[nodeKey]*Source        // request reads, one Source per node
	bodies        map[uint32][]typedNode     // function start byte -> nodes the tracker looks at
	wildcardProxy bool                       // proxy headers are trusted from any host
}

// fastapiRoutes are the decorator methods of FastAPI apps and routers.
var fastapiRoutes = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "api_route": true, "websocket": true}

var pathParam = regexp.MustCompile(`\{(\w+)(?::[^}]*)?\}`)

func newAnalysis(f *pyfile.File) *analysis {
	a := &analysis{f: f, summaries: make(map[string]*summary), roles: make(map[uint32]int),
		pathParams: make(map[uint32]map[string]bool), routeAuth: make(map[uint32]bool),
		models: make(map[string]bool), authDeps: make(map[string]bool), sources: make(map[nodeKey]*Source), bodies: make(map[uint32][]typedNode)}
	for _, fn := range f.Functions() {
		p := fn.Node.Parent()
		if p != nil && p.Type() == "decorated_definition" {
			p = p.Parent()
		}
		if p != nil && p.Type() == "module" {
			a.summaries[fn.Name()] = &summary{fn: fn, keyParams: make(map[int]Sink)}
		}
	}
	deps := make(map[string]bool)
	pyfile.Walk(f.Root, func(n *pyast.Node) bool {
		switch n.Type() {
		case "class_definition":
			if sup := n.ChildByFieldName("superclasses"); sup != nil {
				for i := 0; i < int(sup.NamedChildCount()); i++ {
					b := sup.NamedChild(i)
					if f.Qualified(b) == "pydantic.BaseModel" || a.models[f.Text(b)] {
						a.models[f.Text(n.ChildByFieldName("name"))] = true
					}
				}
			}
		case "call":
			fn := n.ChildByFieldName("function")
			if f.Qualified(fn) == "fastapi.Depends" {
				if d := firstArg(n); d != nil && d.Type() == "identifier" {
					deps[f.Text(d)] = true
				}
			}
			a.noteProxy(n)
		}
		return true
	})
	for name := range deps {
		if s := a.summaries[name]; s != nil {
			a.roles[s.fn.Node.StartByte()] = dependency
		}
	}
	for _, fn := range f.Functions() {
		a.noteRoute(fn)
	}
	return a
}

// noteProxy records a ProxyHeadersMiddleware (or uvicorn option) that
// trusts forwarding headers from any host.
func (a *analysis) noteProxy(call *pyast.Node) {
	args := call.ChildByFieldName("arguments")
	if args == nil {
		return
	}
	proxy := strings.HasSuffix(a.f.Qualified(call.ChildByFieldName("function")), "ProxyHeadersMiddleware")
	for i := 0; i < int(args.NamedChildCount()); i++ {
		if strings.HasSuffix(a.f.Qualified(args.NamedChild(i)), "ProxyHeadersMiddleware") {
			proxy = true
		}
	}
	for _, kw := range []string{"trusted_hosts", "forwarded_allow_ips"} {
		if v := a.f.Keyword(call, kw); v != nil && (proxy || kw == "forwarded_allow_ips") && strings.Contains(a.f.Text(v), "*") {
			a.wildcardProxy = true
		}
	}
}

// noteRoute records whether fn is a FastAPI route handler, its path
// parameters, and an authenticating dependencies= list.
func (a *analysis) noteRoute(fn *pyfile.Func) {
	for _, dec := range fn.Decorators() {
		if dec.Type() != "call" {
			continue
		}
		callee := dec.ChildByFieldName("function")
		if callee.Type() != "attribute" || !fastapiRoutes[a.f.Text(callee.ChildByFieldName("attribute"))] {
			continue
		}
		app := a.f.Module().Value(callee.ChildByFieldName("object"))
		if app == nil || app.Type() != "call" {
			continue
		}
		if q := a.f.Qualified(app.ChildByFieldName("function")); q != "fastapi.FastAPI" && q != "fastapi.APIRouter" {
			continue
		}
		start := fn.Node.StartByte()
		a.roles[start] = routeHandler
		pp := make(map[string]bool)
		if p := firstArg(dec); p != nil {
			path, _ := fn.Scope.String(p)
			for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
				pp[m[1]] = true
			}
		}
		a.pathParams[start] = pp
		if deps := a.f.Keyword(dec, "dependencies"); deps != nil {
			pyfile.Walk(deps, func(n *pyast.Node) bool {
				if n.Type() == "call" && a.authMarker(n) {
					a.routeAuth[start] = true
				}
				return true
			})
		}
	}
}

// authMarker reports whether call is Security(...) or Depends on an
// authenticating dependency.
func (a *analysis) authMarker(call *pyast.Node) bool {
	switch a.f.Qualified(call.ChildByFieldName("function")) {
	case "fastapi.Security":
		return true
	case "fastapi.Depends":
		d := firstArg(call)
		return d != nil && a.isAuthDep(d)
	}
	return false
}

// isAuthDep reports whether a dependency authenticates: a function of the
// file that rejects on a lookup of its inputs, or a name that says so.
func (a *analysis) isAuthDep(d *pyast.Node) bool {
	name := a.f.Text(d)
	if d.Type() == "attribute" {
		name = a.f.Text(d.ChildByFieldName("attribute"))
	}
	return a.authDeps[name] || hasWord(name, dependencyWords)
}

// role returns fn's FastAPI role, or 0.
func (a *analysis) role(fn *pyfile.Func) int { return a.roles[fn.Node.StartByte()] }

// authDecorated reports whether fn is a handler that authenticates the
// request: an authentication decorator (login_required, jwt_required) or
// an authenticating dependencies= list.
func (a *analysis) authDecorated(fn *pyfile.Func) bool {
	if a.routeAuth[fn.Node.StartByte()] {
		return true
	}
	for _, d := range fn.Decorators() {
		if d.Type() == "call" {
			d = d.ChildByFieldName("function")
		}
		name := a.f.Text(d)
		if d.Type() == "attribute" {
			name = a.f.Text(d.ChildByFieldName("attribute"))
		}
		if hasWord(name, dependencyWords) {
			return true
		}
	}
	return false
}

// sinks returns the sinks of the tracker's function: its counter keys and
// windows, and the arguments it passes to parameters of the file's
// functions that reach one.
func (t *tracker) sinks() []Sink {
	out := directSinks(t.fn)
	for _, sn := range t.a.nodes(t.fn) {
		n := sn.node
		if sn.typ != "call" {
			continue
		}
		callee := n.ChildByFieldName("function")
		if callee.Type() != "identifier" {
			continue
		}
		s := t.a.summaries[t.f.Text(callee)]
		if s == nil || len(s.keyParams) == 0 {
			continue
		}
		ps := params(t.f, s.fn.Node)
		args := n.ChildByFieldName("arguments")
		pos := 0
		for i := 0; args != nil && i < int(args.NamedChildCount()); i++ {
			arg := args.NamedChild(i)
			idx := -1
			switch arg.Type() {
			case "keyword_argument":
				name := t.f.Text(arg.ChildByFieldName("name"))
				for j, p := range ps {
					if p.name == name {
						idx = j
					}
				}
				arg = arg.ChildByFieldName("value")
			case "list_splat", "dictionary_splat", "comment":
				continue
			default:
				idx = pos
				pos++
			}
			if sink, ok := s.keyParams[idx]; ok && idx < len(ps) {
				out = append(out, Sink{Node: arg, Role: sink.Role, What: "argument " + ps[idx].name + " of " + t.f.Text(callee) + ", which becomes " + sink.What,
					Limit: sink.Limit || limitCode(t.fn) || resultOrdered(t.fn, n)})
			}
		}
	}
	return out
}

// summarize recomputes s; it reports whether anything changed.
func (a *analysis) summarize(s *summary) bool {
	t := a.track(s.fn, true)
	s.last = t
	changed := false
	for o := range t.verifiedAt {
		if o.src == nil && !s.verifiesParam {
			s.verifiesParam = true
			changed = true
		}
	}
	if s.verifiesParam && a.role(s.fn) == dependency && !a.authDeps[s.fn.Name()] {
		a.authDeps[s.fn.Name()] = true
		changed = true
	}
	for _, sink := range t.sinks() {
		for _, v := range t.values(sink.Node) {
			if v.src != nil || t.verifiedBefore(v, sink.Node.StartByte()) {
				continue
			}
			if prev, ok := s.keyParams[v.param]; !ok || prev.Role == Window && sink.Role == Key || !prev.Limit && sink.Limit {
				s.keyParams[v.param] = sink
				changed = true
			}
		}
	}
	if s.returns == nil {
		for _, sn := range a.nodes(s.fn) {
			n := sn.node
			if sn.typ != "return_statement" || n.NamedChildCount() == 0 || s.returns != nil {
				continue
			}
			if v := t.value(n.NamedChild(0)); v != nil && v.src != nil && !t.verifiedBefore(v, n.StartByte()) {
				s.returns = v.src
				changed = true
			}
		}
	}
	return changed
}

// track runs a tracker over fn.
func (a *analysis) track(fn *pyfile.Func, summarize bool) *tracker {
	t := newTracker(a, fn)
	t.seedParams(summarize)
	t.propagate()
	t.findVerifications()
	return t
}

// maxRounds bounds the summary fixpoint: call chains deeper than this
// within one file are not followed to the end.
const maxRounds = 6

func (a *analysis) run() []Flow {
	for round := 0; round < maxRounds; round++ {
		changed := false
		for _, fn := range a.f.Functions() {
			if s := a.summaries[fn.Name()]; s != nil && s.fn == fn && a.summarize(s) {
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	var flows []Flow
	type pair struct{ src, sink uint32 }
	seen := make(map[pair]bool)
	for _, fn := range a.f.Functions() {
		var t *tracker
		if s := a.summaries[fn.Name()]; s != nil && s.fn == fn && s.last != nil {
			t = s.last // the last round saw no change: its sources are final
		} else {
			t = a.track(fn, false)
		}
		for _, sink := range t.sinks() {
			if !sink.Limit {
				continue // a counter of something else: page views, stock
			}
			for _, v := range t.values(sink.Node) {
				if v.src == nil {
					continue
				}
				k := pair{v.src.Node.StartByte(), sink.Node.StartByte()}
				if seen[k] {
					continue
				}
				seen[k] = true
				if v.src.Kind == Body && counterkey.IsLoginName(v.src.Field) && readsPassword(fn) {
					continue // a login's attempts per account: the account is the point
				}
				flows = append(flows, Flow{Source: v.src, Sink: sink, Time: v.time || v.src.TimeLike(),
					Verified: t.verifiedBefore(v, sink.Node.StartByte())})
			}
		}
	}
	return append(flows, a.keyFuncFlows()...)
}

// readsPassword reports whether fn handles a login: a name or string in
// it speaks of a password (form["password"], check_password_hash).
func readsPassword(fn *pyfile.Func) bool {
	found := false
	pyfile.Walk(fn.Node, func(n *pyast.Node) bool {
		if (n.Type() == "identifier" || n.Type() == "string") && counterkey.MentionsPassword(fn.File.Text(n)) {
			found = true
		}
		return !found
	})
	return found
}

// limiterConstructors take the key function as their first argument.
var limiterConstructors = map[string]bool{
	"flask_limiter.Limiter": true, "flask_limiter.extension.Limiter": true, "slowapi.Limiter": true,
}

// keyFuncFlows returns the flows into limiter key functions: a function
// of the file (or a lambda) that returns a request value, passed as
// key_func=, identifier= or as a Limiter's first argument. The limiter
// counts under whatever it returns.
func (a *analysis) keyFuncFlows() []Flow {
	var flows []Flow
	pyfile.Walk(a.f.Root, func(n *pyast.Node) bool {
		var fn *pyast.Node
		switch n.Type() {
		case "keyword_argument":
			switch a.f.Text(n.ChildByFieldName("name")) {
			case "key_func": // flask-limiter, slowapi
				fn = n.ChildByFieldName("value")
			case "identifier": // fastapi-limiter
				if call := n.Parent().Parent(); call != nil && call.Type() == "call" &&
					strings.HasPrefix(a.f.Qualified(call.ChildByFieldName("function")), "fastapi_limiter.") {
					fn = n.ChildByFieldName("value")
				}
			}
		case "call":
			if limiterConstructors[a.f.Qualified(n.ChildByFieldName("function"))] {
				fn = firstArg(n)
			}
		}
		if fn == nil {
			return true
		}
		var src *Source
		switch fn.Type() {
		case "identifier":
			if s := a.summaries[a.f.Text(fn)]; s != nil {
				src = s.returns
			}
		case "lambda":
			t := a.track(&pyfile.Func{File: a.f, Node: fn, Scope: a.f.Module()}, false)
			if v := t.value(fn.ChildByFieldName("body")); v != nil {
				src = v.src
			}
		}
		if src != nil {
			flows = append(flows, Flow{Source: src, Sink: Sink{Node: fn, Role: Key, What: "the limiter's key function", Limit: true}, Time: src.TimeLike()})
		}
		return true
	})
	return flows
}
