// Package pyroutes maps the HTTP routes of a Python project's FastAPI and
// Flask applications, with the rate limit that covers each: a limiter
// decorator (slowapi, flask-limiter), a limiter dependency of the route,
// its router or its app (fastapi-limiter's RateLimiter, a project
// dependency that counts and decides), a middleware or before-request hook
// that does, a limiter library's default limits, or a handler that counts
// and decides itself.
package pyroutes

import (
	"fmt"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/internal/routes"
)

// Route is a route of the project and the decorator that defines it.
type Route struct {
	routes.Route
	Decorator *pyast.Node
	File      *pyfile.File
}

// Find returns the routes of the project, computed once.
func Find(p *pyfile.Project) []Route {
	return p.Memo("pyroutes.Find", func() any { return newMapper(p).run() }).([]Route)
}

// router is an application or router object: FastAPI(), APIRouter(),
// Flask(), Blueprint().
type router struct {
	node   *pyast.Node // its construction
	file   *pyfile.File
	name   string // the name it is bound to
	flask  bool
	prefix string
	parent *router
	limit  routes.How // a limit on every route of the router ("" for none)
	by     string
}

type mapper struct {
	p       *pyfile.Project
	routers map[*pyast.Node]*router
}

func newMapper(p *pyfile.Project) *mapper {
	return &mapper{p: p, routers: make(map[*pyast.Node]*router)}
}

// routerOf returns the router an expression denotes, or nil.
func (m *mapper) routerOf(s *pyfile.Scope, n *pyast.Node) *router {
	d := s.Resolve(n)
	if d.Node == nil || d.Node.Type() != "call" || d.Scope == nil {
		return nil
	}
	if r, ok := m.routers[d.Node]; ok {
		return r
	}
	f := d.Scope.File()
	q := f.Qualified(d.Node.ChildByFieldName("function"))
	var r *router
	switch q {
	case "fastapi.FastAPI", "fastapi.APIRouter", "fastapi.routing.APIRouter", "starlette.applications.Starlette":
		r = &router{node: d.Node, file: f, name: d.Name}
		if v := f.Keyword(d.Node, "prefix"); v != nil {
			r.prefix, _ = d.Scope.String(v)
		}
		if deps := f.Keyword(d.Node, "dependencies"); deps != nil {
			if by := m.limiterIn(d.Scope, deps); by != "" {
				r.limit, r.by = routes.Dependency, by
			}
		}
	case "flask.Flask", "flask.Blueprint", "quart.Quart", "quart.Blueprint":
		r = &router{node: d.Node, file: f, name: d.Name, flask: true}
		if v := f.Keyword(d.Node, "url_prefix"); v != nil {
			r.prefix, _ = d.Scope.String(v)
		}
	default:
		return nil
	}
	m.routers[d.Node] = r
	return r
}

// fastapiMethods and flaskMethods are the decorator methods that register
// a route.
var fastapiMethods = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "api_route": true, "websocket": true}

func (m *mapper) run() []Route {
	var out []Route
	// Routers' nesting, app-wide limits, then the routes.
	for _, f := range m.p.Files() {
		pyfile.Walk(f.Root, func(n *pyast.Node) bool {
			if n.Type() == "call" {
				m.noteCall(f, n)
			}
			return true
		})
	}
	for _, f := range m.p.Files() {
		for _, fn := range f.Functions() {
			m.noteHook(fn)
		}
	}
	for _, f := range m.p.Files() {
		for _, fn := range f.Functions() {
			out = append(out, m.routesOf(fn)...)
		}
	}
	return out
}

// noteCall records include_router / register_blueprint (nesting and
// prefixes), add_middleware, limiter libraries attached to an app.
func (m *mapper) noteCall(f *pyfile.File, call *pyast.Node) {
	callee := call.ChildByFieldName("function")
	s := f.ScopeOf(call)
	if callee.Type() == "attribute" {
		method := f.Text(callee.ChildByFieldName("attribute"))
		switch method {
		case "include_router", "register_blueprint":
			parent := m.routerOf(s, callee.ChildByFieldName("object"))
			args := call.ChildByFieldName("arguments")
			if parent == nil || args == nil || args.NamedChildCount() == 0 {
				return
			}
			child := m.routerOf(s, args.NamedChild(0))
			if child == nil || child.parent != nil || child == parent {
				return
			}
			child.parent = parent
			kw := "prefix"
			if method == "register_blueprint" {
				kw = "url_prefix"
			}
			if v := f.Keyword(call, kw); v != nil {
				if p, ok := s.String(v); ok {
					if method == "include_router" {
						child.prefix = p + child.prefix
					} else {
						child.prefix = p // register_blueprint's url_prefix replaces the blueprint's own
					}
				}
			}
			if deps := f.Keyword(call, "dependencies"); deps != nil && child.limit == "" {
				if by := m.limiterIn(s, deps); by != "" {
					child.limit, child.by = routes.Dependency, by
				}
			}
		case "add_middleware":
			app := m.routerOf(s, callee.ChildByFieldName("object"))
			args := call.ChildByFieldName("arguments")
			if app == nil || args == nil || args.NamedChildCount() == 0 {
				return
			}
			mw := args.NamedChild(0)
			if by := m.middlewareLimits(s, mw); by != "" {
				app.limit, app.by = routes.Middleware, by
			}
		case "init_app":
			// limiter.init_app(app) with default limits
			if lim := m.limiterDefaults(s, callee.ChildByFieldName("object")); lim != "" {
				if args := call.ChildByFieldName("arguments"); args != nil && args.NamedChildCount() > 0 {
					if app := m.routerOf(s, args.NamedChild(0)); app != nil && app.limit == "" {
						app.limit, app.by = routes.Default, lim
					}
				}
			}
		}
		return
	}
	// Limiter(key_func, app=app, default_limits=[...]) (flask-limiter)
	if f.Qualified(callee) == "flask_limiter.Limiter" || f.Qualified(callee) == "flask_limiter.extension.Limiter" {
		if defaults := f.Keyword(call, "default_limits"); defaults != nil {
			if app := f.Keyword(call, "app"); app != nil {
				if r := m.routerOf(s, app); r != nil && r.limit == "" {
					r.limit, r.by = routes.Default, "default_limits "+compact(defaults.Text())
				}
			}
		}
	}
}

// noteHook records functions that limit every request of an app or
// blueprint: @app.middleware("http") (FastAPI), @app.before_request and
// @bp.before_request (Flask), when they count and decide.
func (m *mapper) noteHook(fn *pyfile.Func) {
	for _, d := range fn.Decorators() {
		call := d
		if d.Type() == "call" {
			d = d.ChildByFieldName("function")
		}
		if d.Type() != "attribute" {
			continue
		}
		switch fn.File.Text(d.ChildByFieldName("attribute")) {
		case "middleware", "before_request", "before_app_request":
			r := m.routerOf(fn.File.ScopeOf(call), d.ChildByFieldName("object"))
			if r != nil && fn.Decides() {
				r.limit, r.by = routes.Middleware, fn.QualName()
			}
		}
	}
}

// middlewareLimits reports what limits in a middleware class: slowapi's
// SlowAPIMiddleware, or a project middleware whose dispatch (or __call__)
// counts and decides; "" for any other.
func (m *mapper) middlewareLimits(s *pyfile.Scope, mw *pyast.Node) string {
	if q := s.File().Qualified(mw); strings.HasPrefix(q, "slowapi.middleware.") || s.DeclaredLimiter(mw) {
		return s.Text(mw)
	}
	c := s.Resolve(mw).Class
	if c == nil {
		return ""
	}
	for _, name := range []string{"dispatch", "__call__"} {
		if meth := c.Method(name); meth != nil && meth.Decides() {
			return c.Name()
		}
	}
	return ""
}

// limiterDefaults returns the default limits of a Limiter, or "".
func (m *mapper) limiterDefaults(s *pyfile.Scope, n *pyast.Node) string {
	d := s.Resolve(n)
	if d.Node == nil || d.Node.Type() != "call" {
		return ""
	}
	if v := d.Scope.File().Keyword(d.Node, "default_limits"); v != nil {
		return "default_limits " + compact(v.Text())
	}
	return ""
}

// limiterIn returns what, in a dependencies=[...] list, limits: Depends
// on a limiter dependency.
func (m *mapper) limiterIn(s *pyfile.Scope, deps *pyast.Node) string {
	by := ""
	pyfile.Walk(deps, func(n *pyast.Node) bool {
		if by != "" {
			return false
		}
		if n.Type() == "call" {
			switch s.File().Qualified(n.ChildByFieldName("function")) {
			case "fastapi.Depends", "fastapi.params.Depends", "fastapi.Security":
				if args := n.ChildByFieldName("arguments"); args != nil && args.NamedChildCount() > 0 && limiterDependency(s, args.NamedChild(0)) {
					by = compact(n.Text())
				}
			}
		}
		return by == ""
	})
	return by
}

// limiterDependency reports whether a dependency limits: fastapi-limiter's
// RateLimiter (or any limiter library's), a project function, or an
// instance of a project class whose __call__, that counts and decides.
func limiterDependency(s *pyfile.Scope, dep *pyast.Node) bool {
	if s.DeclaredLimiter(dep) || dep.Type() == "call" && s.DeclaredLimiter(dep.ChildByFieldName("function")) {
		return true // the configuration's limiters
	}
	if dep.Type() == "call" {
		q := s.File().Qualified(dep.ChildByFieldName("function"))
		if strings.HasPrefix(q, "fastapi_limiter.") || strings.HasSuffix(q, "RateLimiter") && strings.Contains(q, "limiter") {
			return true
		}
		if c := s.Resolve(dep.ChildByFieldName("function")).Class; c != nil {
			if call := c.Method("__call__"); call != nil && call.Decides() {
				return true
			}
		}
		return false
	}
	d := s.Resolve(dep)
	if d.Func != nil {
		return d.Func.Decides()
	}
	if c := s.ClassOf(dep); c != nil {
		if call := c.Method("__call__"); call != nil && call.Decides() {
			return true
		}
	}
	return false
}

// routesOf returns the routes fn handles.
func (m *mapper) routesOf(fn *pyfile.Func) []Route {
	f := fn.File
	var out []Route
	for _, dec := range fn.Decorators() {
		if dec.Type() != "call" {
			continue
		}
		callee := dec.ChildByFieldName("function")
		if callee.Type() != "attribute" {
			continue
		}
		method := f.Text(callee.ChildByFieldName("attribute"))
		s := f.ScopeOf(dec)
		r := m.routerOf(s, callee.ChildByFieldName("object"))
		if r == nil {
			continue
		}
		var methods []string
		switch {
		case r.flask && method == "route":
			methods = stringList(s, f.Keyword(dec, "methods"), "GET")
		case r.flask && (method == "get" || method == "post" || method == "put" || method == "patch" || method == "delete"):
			methods = []string{strings.ToUpper(method)}
		case !r.flask && method == "api_route":
			methods = stringList(s, f.Keyword(dec, "methods"), "GET")
		case !r.flask && method == "websocket":
			methods = []string{"WEBSOCKET"}
		case !r.flask && fastapiMethods[method]:
			methods = []string{strings.ToUpper(method)}
		default:
			continue
		}
		path := ""
		if a := arg(dec); a != nil {
			path, _ = s.String(a)
		}
		if v := f.Keyword(dec, "path"); v != nil {
			path, _ = s.String(v)
		}
		if v := f.Keyword(dec, "rule"); v != nil {
			path, _ = s.String(v)
		}
		how, by := m.limitOf(fn, dec, r)
		for _, meth := range methods {
			out = append(out, Route{Route: routes.Route{
				Method: meth, Path: fullPath(r, path), Handler: fn.QualName(), Location: f.Location(dec),
				Group: groupName(r), Limit: how, By: by,
			}, Decorator: dec, File: f})
		}
	}
	return out
}

// limitOf returns the limit that covers a route: its own decorators and
// dependencies first, then its routers' and app's, then what the handler
// does itself.
func (m *mapper) limitOf(fn *pyfile.Func, route *pyast.Node, r *router) (routes.How, string) {
	f := fn.File
	s := f.ScopeOf(route)
	for _, d := range fn.Decorators() {
		call := d
		if d.Type() == "call" {
			d = d.ChildByFieldName("function")
		}
		if limitingDecorator(s, d) {
			return routes.Decorator, compact(call.Text()) // the project's own: @ratelimit(limit=10)
		}
		if d.Type() != "attribute" || !isLimiter(s, d.ChildByFieldName("object")) {
			continue
		}
		switch f.Text(d.ChildByFieldName("attribute")) {
		case "exempt":
			return routes.Exempt, compact(call.Text())
		case "limit", "shared_limit":
			return routes.Decorator, compact(call.Text())
		}
	}
	if deps := f.Keyword(route, "dependencies"); deps != nil {
		if by := m.limiterIn(s, deps); by != "" {
			return routes.Dependency, by
		}
	}
	for _, p := range fn.Params() {
		for _, n := range []*pyast.Node{p.Default, p.Type} {
			if n == nil {
				continue
			}
			if by := m.limiterIn(fn.Scope, n); by != "" {
				return routes.Dependency, by
			}
		}
	}
	for rr := r; rr != nil; rr = rr.parent {
		if rr.limit != "" {
			return rr.limit, rr.by
		}
	}
	if fn.Decides() {
		for _, op := range fn.Ops() {
			if fn.IsLimitOp(op) {
				return routes.Inline, opName(op)
			}
		}
	}
	return routes.None, ""
}

// limitingDecorator reports whether a decorator is a project function
// whose wrapper (a function defined inside it, at any depth) counts and
// decides: a decorator the project wrote to rate-limit its routes.
func limitingDecorator(s *pyfile.Scope, d *pyast.Node) bool {
	if s.DeclaredLimiter(d) {
		return true // the configuration's limiters
	}
	dec := s.Resolve(d).Func
	if dec == nil {
		return false
	}
	if dec.Decides() {
		return true
	}
	for _, inner := range dec.File.Functions() {
		if inner != dec && encloses(dec.Node, inner.Node) && inner.Decides() {
			return true
		}
	}
	return false
}

func encloses(outer, n *pyast.Node) bool {
	return n.Tree() == outer.Tree() && n.StartByte() >= outer.StartByte() && n.EndByte() <= outer.EndByte()
}

// isLimiter reports whether n is a flask-limiter or slowapi Limiter.
func isLimiter(s *pyfile.Scope, n *pyast.Node) bool {
	d := s.Resolve(n)
	if d.Node == nil || d.Node.Type() != "call" || d.Scope == nil {
		return false
	}
	q := d.Scope.File().Qualified(d.Node.ChildByFieldName("function"))
	return strings.HasPrefix(q, "flask_limiter.") || strings.HasPrefix(q, "slowapi.")
}

// opName describes the operation that limits inline.
func opName(op *pyfile.Call) string {
	if op.Lifted() {
		if f := op.Scope.File(); f != nil {
			if fn := f.EnclosingFunc(op.Node); fn != nil {
				return fn.QualName()
			}
		}
	}
	return op.Method
}

// fullPath joins the prefixes of a router's chain and a route's path.
func fullPath(r *router, path string) string {
	var prefixes []string
	for rr, depth := r, 0; rr != nil && depth < 16; rr, depth = rr.parent, depth+1 {
		prefixes = append([]string{rr.prefix}, prefixes...)
	}
	p := strings.Join(prefixes, "") + path
	if p == "" {
		return "/"
	}
	return p
}

// groupName names a router for the route table.
func groupName(r *router) string {
	name := r.name
	if name == "" {
		name = "app"
	}
	return fmt.Sprintf("%s (%s)", name, r.file.Path)
}

// stringList returns the strings of a list literal, or def when there is
// none.
func stringList(s *pyfile.Scope, n *pyast.Node, def string) []string {
	if n == nil || (n.Type() != "list" && n.Type() != "tuple" && n.Type() != "set") {
		return []string{def}
	}
	var out []string
	for _, c := range n.NamedChildren() {
		if v, ok := s.String(c); ok {
			out = append(out, strings.ToUpper(v))
		}
	}
	if len(out) == 0 {
		return []string{def}
	}
	return out
}

// arg returns a call's first positional argument, or nil.
func arg(call *pyast.Node) *pyast.Node {
	args := call.ChildByFieldName("arguments")
	if args == nil || args.NamedChildCount() == 0 || args.NamedChild(0).Type() == "keyword_argument" {
		return nil
	}
	return args.NamedChild(0)
}

// compact returns source text on one line, shortened.
func compact(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}
