package reqflow

import (
	"regexp"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// summary is what a function does with its parameters and what it
// returns, as its callers see it.
type summary struct {
	fn            *pyfile.Func
	keyParams     map[string]Sink // parameters that reach a sink, unchecked
	returns       *Source         // a request value it returns, unchecked
	passes        map[string]bool // parameters whose values it returns (def bucket_key(ip): return f"rl:{ip}")
	verifiesParam bool            // it rejects on a lookup of a parameter
	last          *tracker        // the tracker of the latest pass
}

// Function roles in a FastAPI application.
const (
	routeHandler = 1 // decorated with @app.get(...) and the like
	dependency   = 2 // named in Depends(...)
)

// analysis is the project-wide state of one run.
type analysis struct {
	p             *pyfile.Project
	summaries     map[*pyfile.Func]*summary
	roles         map[*pyfile.Func]int
	pathParams    map[*pyfile.Func]map[string]bool // route handler -> path parameters
	routeAuth     map[*pyfile.Func]bool            // route handlers with an authenticating dependencies= list
	authDeps      map[*pyfile.Func]bool            // dependencies that authenticate
	sources       map[*pyast.Node]*Source          // request reads, one Source per node
	returned      map[*pyast.Node]*Source          // request values returned by the project function a call runs
	params        map[*pyast.Node]*Source          // handler parameters bound to request values
	bodies        map[*pyfile.Func][]typedNode     // the nodes the tracker looks at
	dependents    map[*pyfile.Func]map[*pyfile.Func]bool
	wildcardProxy bool // proxy headers are trusted from any host
}

// fastapiRoutes are the decorator methods of FastAPI apps and routers.
var fastapiRoutes = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "api_route": true, "websocket": true}

var pathParam = regexp.MustCompile(`\{(\w+)(?::[^}]*)?\}`)

func newAnalysis(p *pyfile.Project) *analysis {
	a := &analysis{p: p, summaries: make(map[*pyfile.Func]*summary), roles: make(map[*pyfile.Func]int),
		pathParams: make(map[*pyfile.Func]map[string]bool), routeAuth: make(map[*pyfile.Func]bool),
		authDeps: make(map[*pyfile.Func]bool), sources: make(map[*pyast.Node]*Source), returned: make(map[*pyast.Node]*Source), params: make(map[*pyast.Node]*Source),
		bodies: make(map[*pyfile.Func][]typedNode), dependents: make(map[*pyfile.Func]map[*pyfile.Func]bool)}
	for _, f := range p.Files() {
		for _, fn := range f.Functions() {
			a.summaries[fn] = &summary{fn: fn, keyParams: make(map[string]Sink), passes: make(map[string]bool)}
		}
		if !webFile(f) {
			continue
		}
		pyfile.Walk(f.Root, func(n *pyast.Node) bool {
			if n.Type() == "call" {
				if q := f.Qualified(n.ChildByFieldName("function")); q == "fastapi.Depends" || q == "fastapi.Security" {
					if d := firstArg(n); d != nil {
						if fn := f.ScopeOf(n).Resolve(d).Func; fn != nil && a.roles[fn] == 0 {
							a.roles[fn] = dependency
						}
					}
				}
				a.noteProxy(f, n)
			}
			return true
		})
		for _, fn := range f.Functions() {
			a.noteRoute(fn)
		}
	}
	return a
}

// noteProxy records a ProxyHeadersMiddleware (or uvicorn option) that
// trusts forwarding headers from any host.
func (a *analysis) noteProxy(f *pyfile.File, call *pyast.Node) {
	args := call.ChildByFieldName("arguments")
	if args == nil {
		return
	}
	proxy := strings.HasSuffix(f.Qualified(call.ChildByFieldName("function")), "ProxyHeadersMiddleware")
	for _, arg := range args.NamedChildren() {
		if strings.HasSuffix(f.Qualified(arg), "ProxyHeadersMiddleware") {
			proxy = true
		}
	}
	for _, kw := range []string{"trusted_hosts", "forwarded_allow_ips"} {
		if v := f.Keyword(call, kw); v != nil && (proxy || kw == "forwarded_allow_ips") && strings.Contains(f.Text(v), "*") {
			a.wildcardProxy = true
		}
	}
}

// noteRoute records whether fn is a FastAPI route handler, its path
// parameters, and an authenticating dependencies= list.
func (a *analysis) noteRoute(fn *pyfile.Func) {
	f := fn.File
	for _, dec := range fn.Decorators() {
		if dec.Type() != "call" {
			continue
		}
		callee := dec.ChildByFieldName("function")
		if callee.Type() != "attribute" || !fastapiRoutes[f.Text(callee.ChildByFieldName("attribute"))] {
			continue
		}
		if !isFastAPIApp(f.ScopeOf(dec), callee.ChildByFieldName("object")) {
			continue
		}
		a.roles[fn] = routeHandler
		pp := make(map[string]bool)
		if p := firstArg(dec); p != nil {
			path, _ := fn.Scope.String(p)
			for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
				pp[m[1]] = true
			}
		}
		a.pathParams[fn] = pp
		if deps := f.Keyword(dec, "dependencies"); deps != nil {
			pyfile.Walk(deps, func(n *pyast.Node) bool {
				if n.Type() == "call" && a.authMarker(fn.Scope, n) {
					a.routeAuth[fn] = true
				}
				return true
			})
		}
	}
}

// isFastAPIApp reports whether n is a FastAPI application or router,
// here or imported from another module.
func isFastAPIApp(s *pyfile.Scope, n *pyast.Node) bool {
	d := s.Resolve(n)
	if d.Node == nil || d.Node.Type() != "call" {
		return false
	}
	switch d.Scope.File().Qualified(d.Node.ChildByFieldName("function")) {
	case "fastapi.FastAPI", "fastapi.APIRouter", "fastapi.routing.APIRouter":
		return true
	}
	return false
}

// authMarker reports whether call is Security(...) or Depends on an
// authenticating dependency.
func (a *analysis) authMarker(s *pyfile.Scope, call *pyast.Node) bool {
	switch s.File().Qualified(call.ChildByFieldName("function")) {
	case "fastapi.Security":
		return true
	case "fastapi.Depends":
		d := firstArg(call)
		return d != nil && a.isAuthDep(s, d)
	}
	return false
}

// isAuthDep reports whether a dependency authenticates: a project
// function that rejects on a lookup of its inputs, or a name that says
// so.
func (a *analysis) isAuthDep(s *pyfile.Scope, d *pyast.Node) bool {
	if fn := s.Resolve(d).Func; fn != nil && a.authDeps[fn] {
		return true
	}
	name := s.Text(d)
	if d.Type() == "attribute" {
		name = s.Text(d.ChildByFieldName("attribute"))
	}
	return hasWord(name, dependencyWords)
}

// authDecorated reports whether fn is a handler that authenticates the
// request: an authentication decorator (login_required, jwt_required) or
// an authenticating dependencies= list.
func (a *analysis) authDecorated(fn *pyfile.Func) bool {
	if a.routeAuth[fn] {
		return true
	}
	for _, d := range fn.Decorators() {
		if d.Type() == "call" {
			d = d.ChildByFieldName("function")
		}
		name := fn.File.Text(d)
		if d.Type() == "attribute" {
			name = fn.File.Text(d.ChildByFieldName("attribute"))
		}
		if hasWord(name, dependencyWords) {
			return true
		}
	}
	return false
}

// summaryOf returns the summary of the project function a call runs, and
// records that the tracked function depends on it.
func (t *tracker) summaryOf(call *pyast.Node) (*summary, pyfile.CallSite) {
	callee, bound := t.fn.Scope.Callee(call)
	if callee == nil {
		return nil, pyfile.CallSite{}
	}
	return t.a.dependOn(t.fn, callee), pyfile.CallSite{Call: call, Scope: t.fn.Scope, Callee: callee, Bound: bound}
}

// dependOn returns callee's summary and records that fn's summary is
// computed from it.
func (a *analysis) dependOn(fn, callee *pyfile.Func) *summary {
	if a.dependents[callee] == nil {
		a.dependents[callee] = make(map[*pyfile.Func]bool)
	}
	a.dependents[callee][fn] = true
	return a.summaries[callee]
}

// sinks returns the sinks of the tracker's function: its counter keys and
// windows, and the arguments it passes to parameters of project functions
// that reach one.
func (t *tracker) sinks() []Sink {
	out := directSinks(t.fn)
	for _, sn := range t.a.nodes(t.fn) {
		n := sn.node
		if sn.typ != "call" {
			continue
		}
		s, site := t.summaryOf(n)
		if s == nil || len(s.keyParams) == 0 {
			continue
		}
		for _, p := range s.fn.Params() {
			sink, ok := s.keyParams[p.Name]
			if !ok {
				continue
			}
			arg := site.Arg(p.Name)
			if arg == nil {
				continue
			}
			path := append([]Step{{Node: arg, What: "passed to " + s.fn.QualName()}}, sink.Path...)
			if sink.Call != nil {
				path = append(path, Step{Node: sink.Call.Node, What: "counted here"})
			}
			out = append(out, Sink{Node: arg, Role: sink.Role, What: "argument " + p.Name + " of " + s.fn.QualName() + ", which becomes " + sink.What,
				Limit: sink.Limit || limitCode(t.fn) || resultOrdered(t.fn, n), Path: path[:len(path):len(path)]})
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
	if s.verifiesParam && a.roles[s.fn] == dependency && !a.authDeps[s.fn] {
		a.authDeps[s.fn] = true
		changed = true
	}
	for _, sink := range t.sinks() {
		for _, v := range t.values(sink.Node) {
			if v.src != nil || v.param == "" || t.verifiedBefore(v, sink.Node.StartByte()) {
				continue
			}
			if prev, ok := s.keyParams[v.param]; !ok || prev.Role == Window && sink.Role == Key || !prev.Limit && sink.Limit {
				s.keyParams[v.param] = sink
				changed = true
			}
		}
	}
	for _, sn := range a.nodes(s.fn) {
		n := sn.node
		if sn.typ != "return_statement" || n.NamedChildCount() == 0 {
			continue
		}
		for _, v := range t.values(n.NamedChild(0)) {
			switch {
			case t.verifiedBefore(v, n.StartByte()):
			case v.src != nil && s.returns == nil:
				s.returns = v.src
				changed = true
			case v.src == nil && v.param != "" && !s.passes[v.param]:
				s.passes[v.param] = true
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

// maxPasses bounds the summary fixpoint: a function is summarized again
// at most this many times after its first pass.
const maxPasses = 8

// fixpoint summarizes every function, then again each one whose
// callees' summaries changed, until nothing changes.
func (a *analysis) fixpoint() {
	var queue []*pyfile.Func
	queued := make(map[*pyfile.Func]bool)
	passes := make(map[*pyfile.Func]int)
	for _, f := range a.p.Files() {
		for _, fn := range f.Functions() {
			queue = append(queue, fn)
			queued[fn] = true
		}
	}
	for len(queue) > 0 {
		fn := queue[0]
		queue = queue[1:]
		queued[fn] = false
		passes[fn]++
		if !a.summarize(a.summaries[fn]) {
			continue
		}
		for dep := range a.dependents[fn] {
			if !queued[dep] && passes[dep] <= maxPasses {
				queue = append(queue, dep)
				queued[dep] = true
			}
		}
	}
}

func (a *analysis) run() map[*pyfile.File][]Flow {
	a.fixpoint()
	out := make(map[*pyfile.File][]Flow)
	type pair struct{ src, sink *pyast.Node }
	seen := make(map[pair]bool)
	for _, f := range a.p.Files() {
		for _, fn := range f.Functions() {
			t := a.summaries[fn].last // the last pass saw no change: its sources are final
			if t == nil {
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
					k := pair{v.src.Node, sink.Node}
					if seen[k] {
						continue
					}
					seen[k] = true
					if v.src.Kind == Body && counterkey.IsLoginName(v.src.Field) && readsPassword(fn) {
						continue // a login's attempts per account: the account is the point
					}
					fl := Flow{Source: v.src, Sink: sink, Time: v.time || v.src.TimeLike(),
						Verified: t.verifiedBefore(v, sink.Node.StartByte())}
					if home := a.p.FileOf(v.src.Node); home != nil {
						out[home] = append(out[home], fl)
					}
				}
			}
		}
		for _, fl := range a.keyFuncFlows(f) {
			if home := a.p.FileOf(fl.Source.Node); home != nil {
				out[home] = append(out[home], fl)
			}
		}
	}
	return out
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

// keyFuncFlows returns the flows into limiter key functions of f: a
// project function (or a lambda) that returns a request value, passed as
// key_func=, identifier= or as a Limiter's first argument. The limiter
// counts under whatever it returns.
func (a *analysis) keyFuncFlows(f *pyfile.File) []Flow {
	var flows []Flow
	pyfile.Walk(f.Root, func(n *pyast.Node) bool {
		var fn *pyast.Node
		switch n.Type() {
		case "keyword_argument":
			switch f.Text(n.ChildByFieldName("name")) {
			case "key_func": // flask-limiter, slowapi
				fn = n.ChildByFieldName("value")
			case "identifier": // fastapi-limiter
				if call := n.Parent().Parent(); call != nil && call.Type() == "call" &&
					strings.HasPrefix(f.Qualified(call.ChildByFieldName("function")), "fastapi_limiter.") {
					fn = n.ChildByFieldName("value")
				}
			}
		case "call":
			if limiterConstructors[f.Qualified(n.ChildByFieldName("function"))] {
				fn = firstArg(n)
			}
		}
		if fn == nil {
			return true
		}
		var src *Source
		switch fn.Type() {
		case "identifier", "attribute":
			if g := f.ScopeOf(fn).Resolve(fn).Func; g != nil {
				src = a.summaries[g].returns
			}
		case "lambda":
			t := a.track(&pyfile.Func{File: f, Node: fn, Scope: f.ScopeOf(fn)}, false)
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
