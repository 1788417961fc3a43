package goroutes

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/routes"
)

// walker walks one function body, in source order, with the routers its
// variables hold.
type walker struct {
	m    *mapper
	fn   *summary.Func
	env  map[types.Object]*router // local variables and parameters
	skip map[*ast.FuncLit]bool    // walked with a router bound (chi's Route, Group)
	ret  *router
}

func (w *walker) info() *types.Info { return w.fn.Flow.Info }

func (w *walker) walk(body ast.Node) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return !w.skip[n]
		case *ast.AssignStmt:
			w.assign(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			w.assign(lhs, n.Values)
		case *ast.ReturnStmt:
			for _, res := range n.Results {
				if r := w.router(res); r != nil && w.ret == nil {
					w.ret = r
				}
			}
		case *ast.CallExpr:
			w.callStmt(n)
		}
		return true
	})
}

// assign binds the variables assigned a router.
func (w *walker) assign(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		var r *router
		switch {
		case len(lhs) == len(rhs):
			r = w.router(rhs[i])
		case len(rhs) == 1 && i == 0:
			r = w.router(rhs[0]) // r, err := newRouter()
		}
		if r == nil {
			continue
		}
		if obj := globalObj(w.info(), l); obj != nil {
			if w.m.globals[obj] == nil {
				w.m.globals[obj] = r
			}
			continue
		}
		if obj := w.fn.Flow.Object(l); obj != nil {
			w.env[obj] = r
			if r.name == "" {
				r.name = obj.Name()
			}
		}
	}
}

// router returns the router e evaluates to, nil when it is none.
func (w *walker) router(e ast.Expr) *router {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		if sel, ok := x.(*ast.SelectorExpr); ok && w.isDefaultMux(sel) {
			return w.m.defaultServeMux()
		}
		var obj types.Object
		if g := globalObj(w.info(), x); g != nil {
			if r := w.m.globals[g]; r != nil {
				return r
			}
			obj = g
		} else if obj = w.fn.Flow.Object(x); obj != nil {
			if r := w.env[obj]; r != nil {
				return r
			}
		}
		if obj == nil {
			return nil
		}
		k := kindOf(w.fn.Flow, x)
		if k == 0 {
			return nil
		}
		// A router made out of sight (a parameter no caller fills, a
		// field set elsewhere): an application of its own.
		r := &router{kind: k, name: obj.Name(), where: w.m.where(w.fn)}
		if globalObj(w.info(), x) != nil {
			r.where = pkgOf(obj)
			w.m.globals[obj] = r
		} else {
			w.env[obj] = r
		}
		return r
	case *ast.CallExpr:
		return w.callRouter(x)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return w.router(x.X)
		}
	case *ast.StarExpr:
		return w.router(x.X)
	}
	return nil
}

// callRouter returns the router a call returns: a constructor's new
// router, a group or sub-router of a router, or what a function of the
// module returns.
func (w *walker) callRouter(call *ast.CallExpr) *router {
	if k := constructor(w.fn.Flow, call); k != 0 {
		return w.derive(call, nil, func() *router {
			return &router{kind: k, where: w.m.where(w.fn)}
		})
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if r, ok := w.derivedRouter(call, sel); ok {
			return r
		}
	}
	// A function of the module that returns a router.
	callee := staticCallee(w.info(), call)
	if callee == nil {
		return nil
	}
	fn := w.m.res.Lookup(callee)
	if fn == nil || !returnsRouter(fn) {
		return nil
	}
	return w.m.call(fn, w.routerArgs(call))
}

// derive returns the router made by e from parent, made once.
func (w *walker) derive(e ast.Expr, parent *router, make func() *router) *router {
	k := derivedKey{e, parent}
	if r := w.m.derived[k]; r != nil {
		return r
	}
	r := make()
	if parent != nil {
		r.created, r.createdIn = w.m.next(), w.fn
	}
	w.m.derived[k] = r
	return r
}

// derivedRouter returns the router a method of a router derives: chi's
// Route, Group and With, gin's and echo's Group, gorilla's Subrouter.
func (w *walker) derivedRouter(call *ast.CallExpr, sel *ast.SelectorExpr) (*router, bool) {
	name := sel.Sel.Name
	if name == "Subrouter" {
		base, prefix, _, ok := w.gorillaChain(sel.X)
		if !ok {
			return nil, false
		}
		return w.derive(call, base, func() *router {
			return &router{kind: gorillaMux, parent: base, prefix: prefix}
		}), true
	}
	parent := w.router(sel.X)
	if parent == nil {
		return nil, false
	}
	child := func(prefix string, mws []ast.Expr) *router {
		return w.derive(call, parent, func() *router {
			return &router{kind: parent.kind, parent: parent, prefix: prefix, by: w.limitingAny(mws)}
		})
	}
	switch parent.kind {
	case chiMux:
		switch name {
		case "With":
			return child("", call.Args), true
		case "Route", "Group":
			// The sub-router the function fills is walked by callStmt;
			// the call returns it.
			if name == "Route" && len(call.Args) == 2 {
				return child(w.str(call.Args[0]), nil), true
			}
			if name == "Group" && len(call.Args) == 1 {
				return child("", nil), true
			}
		}
	case ginMux, echoMux:
		if name == "Group" && len(call.Args) >= 1 {
			return child(w.str(call.Args[0]), call.Args[1:]), true
		}
	}
	return nil, false
}

// callStmt applies what a call does to routers: registers a route,
// applies middleware, mounts a router, fills a router in a function of
// the module, or wraps a router in a limiter.
func (w *walker) callStmt(call *ast.CallExpr) {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if w.isPkgFunc(sel, "net/http", "Handle", "HandleFunc") && len(call.Args) == 2 {
			w.serveMuxRoute(call, w.m.defaultServeMux(), call.Args[0], call.Args[1])
			return
		}
		if w.gorillaRoute(call, sel) {
			return
		}
		if recv := w.router(sel.X); recv != nil {
			w.method(call, recv, sel.Sel.Name)
			return
		}
	}
	// A limiter wrapping a router: limit(mux), httprate.LimitByIP(...)(r).
	if w.handlerValued(call) {
		if by := w.limitingCallee(call); by != "" {
			for _, a := range call.Args {
				if r := w.router(a); r != nil && r.by == "" {
					r.by = by
				}
			}
		}
	}
	// A function of the module given a router: RegisterRoutes(r).
	if callee := staticCallee(w.info(), call); callee != nil {
		if args := w.routerArgs(call); len(args) > 0 {
			if fn := w.m.res.Lookup(callee); fn != nil {
				w.m.call(fn, args)
			}
		}
	}
}

// handlerValued reports whether call's value may be a handler: a
// function or an http.Handler (or its type is unknown), not nothing, as
// of a function that registers routes.
func (w *walker) handlerValued(call *ast.CallExpr) bool {
	t := w.info().TypeOf(call)
	if t == nil {
		return true
	}
	if tup, ok := t.(*types.Tuple); ok {
		if tup.Len() == 0 {
			return false
		}
		t = tup.At(0).Type()
	}
	if _, ok := t.Underlying().(*types.Signature); ok {
		return true
	}
	return serveHTTP(t) != nil
}

// routerArgs returns the routers passed to call, by parameter index.
func (w *walker) routerArgs(call *ast.CallExpr) map[int]*router {
	var out map[int]*router
	for i, a := range call.Args {
		if funcLit(a) != nil {
			continue
		}
		if r := w.router(a); r != nil {
			if out == nil {
				out = make(map[int]*router)
			}
			out[i] = r
		}
	}
	return out
}

// method applies a method call on a router.
func (w *walker) method(call *ast.CallExpr, r *router, name string) {
	args := call.Args
	switch r.kind {
	case serveMux:
		if (name == "Handle" || name == "HandleFunc") && len(args) == 2 {
			w.serveMuxRoute(call, r, args[0], args[1])
		}
	case chiMux:
		w.chiMethod(call, r, name)
	case ginMux:
		switch {
		case name == "Use":
			// gin's middleware covers the routes registered after it.
			if by := w.limitingAny(args); by != "" {
				r.uses = append(r.uses, use{w.m.next(), w.fn, by})
			}
		case name == "Handle" && len(args) >= 3:
			w.handlers(call, r, []string{strings.ToUpper(w.str(args[0]))}, args[1], args[2:], false)
		case name == "Match" && len(args) >= 3:
			w.handlers(call, r, w.strList(args[0]), args[1], args[2:], false)
		case name == "Any" && len(args) >= 2:
			w.handlers(call, r, []string{"*"}, args[0], args[1:], false)
		case httpMethod(name) && len(args) >= 2:
			w.handlers(call, r, []string{name}, args[0], args[1:], false)
		}
	case echoMux:
		switch {
		case name == "Use" || name == "Pre":
			// Echo's own middleware covers every route; a group's, the
			// routes registered after it.
			if by := w.limitingAny(args); by != "" && r.parent == nil && r.by == "" {
				r.by = by
			} else if by != "" {
				r.uses = append(r.uses, use{w.m.next(), w.fn, by})
			}
		case name == "Add" && len(args) >= 3:
			w.handlers(call, r, []string{strings.ToUpper(w.str(args[0]))}, args[1], args[2:], true)
		case name == "Match" && len(args) >= 3:
			w.handlers(call, r, w.strList(args[0]), args[1], args[2:], true)
		case name == "Any" && len(args) >= 2:
			w.handlers(call, r, []string{"*"}, args[0], args[1:], true)
		case httpMethod(name) && len(args) >= 2:
			w.handlers(call, r, []string{name}, args[0], args[1:], true)
		}
	case gorillaMux:
		if name == "Use" {
			if by := w.limitingAny(args); by != "" && r.by == "" {
				r.by = by
			}
		}
	}
}

// chiMethod applies a method of a chi router.
func (w *walker) chiMethod(call *ast.CallExpr, r *router, name string) {
	args := call.Args
	switch name {
	case "Use":
		if by := w.limitingAny(args); by != "" && r.by == "" {
			r.by = by
		}
	case "Route", "Group":
		sub := w.router(call)
		if sub == nil || len(args) == 0 {
			return
		}
		w.fill(args[len(args)-1], sub)
	case "Mount":
		if len(args) != 2 {
			return
		}
		if sub, by := w.mounted(args[1]); sub != nil {
			sub.mount(r, w.str(args[0]))
			if by != "" && sub.by == "" {
				sub.by = by
			}
			return
		}
		w.route(call, r, "*", joinPath(w.str(args[0]), "/*"), args[1], nil)
	case "Handle", "HandleFunc":
		if len(args) == 2 {
			method, path := splitPattern(w.str(args[0]))
			w.route(call, r, method, path, args[1], nil)
		}
	case "Method", "MethodFunc":
		if len(args) == 3 {
			w.route(call, r, strings.ToUpper(w.str(args[0])), w.str(args[1]), args[2], nil)
		}
	default:
		if len(args) == 2 && httpMethod(strings.ToUpper(name)) && name != strings.ToUpper(name) {
			w.route(call, r, strings.ToUpper(name), w.str(args[0]), args[1], nil)
		}
	}
}

// fill walks the function that fills a sub-router (chi's Route and
// Group): a literal in place, or a function of the module.
func (w *walker) fill(fnExpr ast.Expr, sub *router) {
	if lit := funcLit(fnExpr); lit != nil {
		w.skip[lit] = true
		params := lit.Type.Params.List
		if len(params) == 1 && len(params[0].Names) == 1 {
			if obj := w.info().Defs[params[0].Names[0]]; obj != nil {
				w.env[obj] = sub
			}
		}
		w.walk(lit.Body)
		return
	}
	if fn := w.m.res.Lookup(flow.FuncOf(w.info(), fnExpr)); fn != nil {
		w.m.call(fn, map[int]*router{0: sub})
	}
}

// mounted returns the router a handler expression is, through the
// middleware wrapped around it (http.StripPrefix, auth(api), a limiter),
// and the limiter among them.
func (w *walker) mounted(e ast.Expr) (*router, string) { return w.mountedAt(e, 0) }

func (w *walker) mountedAt(e ast.Expr, depth int) (*router, string) {
	if r := w.router(e); r != nil {
		return r, ""
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || depth > 8 {
		return nil, ""
	}
	// The router is the argument wrapped, the last router or call:
	// http.StripPrefix(p, h), limit(h), http.TimeoutHandler(h, d, msg).
	for i := len(call.Args) - 1; i >= 0; i-- {
		if w.router(call.Args[i]) == nil && !isCall(call.Args[i]) {
			continue
		}
		r, by := w.mountedAt(call.Args[i], depth+1)
		if r != nil && by == "" {
			by = w.limitingCallee(call)
		}
		return r, by
	}
	return nil, ""
}

func isCall(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok
}

// serveMuxRoute registers a ServeMux pattern, or mounts a router there
// (mux.Handle("/api/", http.StripPrefix("/api", api))).
func (w *walker) serveMuxRoute(call *ast.CallExpr, r *router, pattern, h ast.Expr) {
	method, path := splitPattern(w.str(pattern))
	if sub, by := w.mounted(h); sub != nil {
		prefix := ""
		if strip := stripPrefix(w, h); strip != "" {
			prefix = strip
		}
		sub.mount(r, prefix)
		if by != "" && sub.by == "" {
			sub.by = by
		}
		return
	}
	w.route(call, r, method, path, h, nil)
}

// stripPrefix returns the prefix http.StripPrefix removes in h, "" when
// none.
func stripPrefix(w *walker, h ast.Expr) string {
	found := ""
	ast.Inspect(h, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found != "" {
			return found == ""
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && w.isPkgFunc(sel, "net/http", "StripPrefix") && len(call.Args) == 2 {
			found = w.str(call.Args[0])
		}
		return found == ""
	})
	return found
}

// handlers registers a gin or echo route: gin's middleware come before
// the handler, echo's after it.
func (w *walker) handlers(call *ast.CallExpr, r *router, methods []string, path ast.Expr, hs []ast.Expr, echo bool) {
	h, mws := hs[len(hs)-1], hs[:len(hs)-1]
	if echo {
		h, mws = hs[0], hs[1:]
	}
	for _, m := range methods {
		w.route(call, r, m, w.str(path), h, mws)
	}
}

// route records a route with its own middleware and its handler's limit.
// A route that serves files or answers the same for everyone (a file
// server, a redirect, NotFound) is exempt: it has no limit to bypass.
func (w *walker) route(call *ast.CallExpr, r *router, method, path string, h ast.Expr, mws []ast.Expr) {
	how, by := w.handlerLimit(h, 0)
	if how == routes.None {
		if what := w.static(h, 0); what != "" {
			how, by = routes.Exempt, what
		}
	}
	w.m.add(w.fn, call, r, method, path, h, w.limitingAny(mws), how, by)
}

// staticHandlers are net/http's handlers that serve files or answer the
// same for everyone.
var staticHandlers = map[string]string{
	"FileServer": "static files", "FileServerFS": "static files",
	"RedirectHandler": "a redirect", "NotFoundHandler": "not found",
}

// static says what a handler serves when it is one of staticHandlers,
// also through http.StripPrefix and a variable; "" otherwise.
func (w *walker) static(h ast.Expr, depth int) string {
	if depth > 4 {
		return ""
	}
	switch x := ast.Unparen(h).(type) {
	case *ast.CallExpr:
		sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
		if !ok || w.fn.Flow.ImportPath(sel) != "net/http" {
			return ""
		}
		if what := staticHandlers[sel.Sel.Name]; what != "" {
			return what
		}
		if sel.Sel.Name == "StripPrefix" && len(x.Args) == 2 {
			return w.static(x.Args[1], depth+1)
		}
	case *ast.Ident:
		if obj := w.fn.Flow.Object(x); obj != nil {
			if defs := w.fn.Flow.Defs(obj); len(defs) == 1 {
				return w.static(defs[0], depth+1)
			}
		}
	}
	return ""
}

// str returns the constant text of e ("" when it has none).
func (w *walker) str(e ast.Expr) string {
	if tv, ok := w.info().Types[e]; ok && tv.Value != nil {
		if s, err := strconv.Unquote(tv.Value.ExactString()); err == nil {
			return s
		}
	}
	if lit, ok := ast.Unparen(e).(*ast.BasicLit); ok && lit.Kind == token.STRING {
		s, _ := strconv.Unquote(lit.Value)
		return s
	}
	s, _ := w.fn.Flow.ConstString(e)
	return s
}

// strList returns the constant strings of a []string literal, upper case.
func (w *walker) strList(e ast.Expr) []string {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return []string{"*"}
	}
	var out []string
	for _, el := range lit.Elts {
		if s := w.str(el); s != "" {
			out = append(out, strings.ToUpper(s))
		}
	}
	if len(out) == 0 {
		return []string{"*"}
	}
	return out
}

// isPkgFunc reports whether sel names one of the functions of the
// package at path.
func (w *walker) isPkgFunc(sel *ast.SelectorExpr, path string, names ...string) bool {
	if w.fn.Flow.ImportPath(sel) != path {
		return false
	}
	for _, n := range names {
		if sel.Sel.Name == n {
			return true
		}
	}
	return false
}

// isDefaultMux reports whether sel is http.DefaultServeMux.
func (w *walker) isDefaultMux(sel *ast.SelectorExpr) bool {
	return w.isPkgFunc(sel, "net/http", "DefaultServeMux")
}

func (m *mapper) defaultServeMux() *router {
	if m.defaultMux == nil {
		m.defaultMux = &router{kind: serveMux, name: "http.DefaultServeMux", where: "net/http"}
	}
	return m.defaultMux
}

// splitPattern splits a ServeMux pattern ("GET example.com/items/{id}")
// into its method ("*" for any) and path.
func splitPattern(p string) (string, string) {
	method := "*"
	if m, rest, ok := strings.Cut(p, " "); ok {
		method, p = strings.ToUpper(m), strings.TrimSpace(rest)
	}
	if i := strings.IndexByte(p, '/'); i > 0 {
		p = p[i:] // drop the host
	}
	return method, p
}

// httpMethod reports whether s is an HTTP method in upper case.
func httpMethod(s string) bool {
	switch s {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE":
		return true
	}
	return false
}
