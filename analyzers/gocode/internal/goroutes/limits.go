package goroutes

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/decide"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/sqltext"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/routes"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
)

// limiterPackages are rate-limiting libraries: every function of theirs
// applied as middleware, wrapped around a handler or called in one
// limits.
var limiterPackages = []string{
	"github.com/ulule/limiter",
	"github.com/didip/tollbooth",
	"github.com/didip/tollbooth_chi",
	"github.com/didip/tollbooth_gin",
	"github.com/didip/tollbooth_echo",
	"github.com/go-chi/httprate",
	"github.com/gofiber/fiber/v2/middleware/limiter",
	"github.com/gofiber/fiber/v3/middleware/limiter",
	"github.com/sethvargo/go-limiter",
	"github.com/throttled/throttled",
}

// knownLimiter reports whether the function name of the package at path
// is a limiter library's: any of limiterPackages, echo's RateLimiter
// middleware.
func knownLimiter(path, name string) bool {
	for _, p := range limiterPackages {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return strings.HasPrefix(name, "RateLimiter") &&
		(path == "github.com/labstack/echo/middleware" || modulePath(strings.TrimSuffix(path, "/middleware"), "github.com/labstack/echo") && strings.HasSuffix(path, "/middleware"))
}

// rateMethods are the methods of golang.org/x/time/rate's Limiter that
// decide.
var rateMethods = map[string]bool{"Allow": true, "AllowN": true, "Wait": true, "WaitN": true, "Reserve": true, "ReserveN": true}

func isRateDecision(fn *types.Func) bool {
	return fn.Pkg() != nil && fn.Pkg().Path() == "golang.org/x/time/rate" && rateMethods[fn.Name()]
}

// limitingAny returns what limits among middleware expressions, "" when
// none does.
func (w *walker) limitingAny(mws []ast.Expr) string {
	for _, e := range mws {
		if by := w.limiting(e, 0); by != "" {
			return by
		}
	}
	return ""
}

// handlerLimit returns the limit a handler expression carries: a limiter
// wrapped around it (a middleware), or its own counting and deciding
// (inline).
func (w *walker) handlerLimit(h ast.Expr, depth int) (routes.How, string) {
	by := w.limiting(h, depth)
	if by == "" {
		return routes.None, ""
	}
	if call, ok := ast.Unparen(h).(*ast.CallExpr); ok && !w.conversion(call) {
		return routes.Middleware, by
	}
	return routes.Inline, by
}

func (w *walker) conversion(call *ast.CallExpr) bool {
	tv, ok := w.info().Types[call.Fun]
	return ok && tv.IsType() && len(call.Args) == 1
}

// limiting returns what limits in a middleware or handler expression: a
// function (or method value, or http.Handler value) that limits, a call
// of one (a middleware constructor, a limiter wrapping a handler), a
// literal whose body counts and decides; "" for none.
func (w *walker) limiting(e ast.Expr, depth int) string {
	if depth > 4 || e == nil {
		return ""
	}
	info := w.info()
	switch x := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		if w.m.bodyLimits(w.fn, x.Body, 0) {
			return w.name() + " (func literal)"
		}
	case *ast.Ident, *ast.SelectorExpr:
		if fn := flow.FuncOf(info, x); fn != nil {
			return w.m.limitsFunc(fn, 0)
		}
		if sel, ok := x.(*ast.SelectorExpr); ok && w.m.limiterName(w.fn.Flow.ImportPath(sel), sel.Sel.Name, "") {
			return compact(types.ExprString(sel))
		}
		if obj := w.fn.Flow.Object(x); obj != nil {
			for _, d := range w.fn.Flow.Defs(obj) {
				if by := w.limiting(d, depth+1); by != "" {
					return by
				}
			}
		}
		if fn := serveHTTP(info.TypeOf(x)); fn != nil {
			return w.m.limitsFunc(fn, 0)
		}
	case *ast.UnaryExpr:
		return w.limiting(x.X, depth+1)
	case *ast.CompositeLit:
		if fn := serveHTTP(info.TypeOf(x)); fn != nil {
			return w.m.limitsFunc(fn, 0)
		}
	case *ast.CallExpr:
		if w.conversion(x) {
			return w.limiting(x.Args[0], depth+1)
		}
		if by := w.limitingCallee(x); by != "" {
			return by
		}
		for _, a := range x.Args {
			if by := w.limiting(a, depth+1); by != "" {
				return by
			}
		}
	}
	return ""
}

func (w *walker) name() string {
	if w.fn.Obj != nil {
		return w.fn.Obj.Name()
	}
	return w.fn.Decl.Name.Name
}

// limitingCallee returns what limits when call's callee does: a limiter
// library's function, a configured limiter, a function of the module
// that counts and decides (httprate.LimitByIP(...)(h) and
// stdlib.NewMiddleware(l).Handler(h) included); "" otherwise.
func (w *walker) limitingCallee(call *ast.CallExpr) string {
	fun := ast.Unparen(call.Fun)
	if fn := flow.FuncOf(w.info(), fun); fn != nil {
		if by := w.m.limitsFunc(fn, 0); by != "" {
			return by
		}
		if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) && fn.Name() != "ServeHTTP" {
			for _, impl := range w.fn.Flow.Callees(call) {
				if by := w.m.limitsFunc(impl, 0); by != "" {
					return by
				}
			}
		}
	}
	switch f := fun.(type) {
	case *ast.CallExpr:
		return w.limitingCallee(f)
	case *ast.SelectorExpr:
		if w.m.limiterName(w.fn.Flow.ImportPath(f), f.Sel.Name, "") {
			return compact(types.ExprString(f))
		}
		if inner, ok := ast.Unparen(f.X).(*ast.CallExpr); ok && w.info().TypeOf(f.X) == nil {
			return w.limitingCallee(inner) // a library that did not load
		}
	}
	return ""
}

// limiterName reports whether a function of the package at path is a
// limiter library's or a configured limiter.
func (m *mapper) limiterName(path, name, fullName string) bool {
	if path == "" {
		return false
	}
	if knownLimiter(path, name) {
		return true
	}
	if m.declared == nil {
		return false
	}
	if fullName == "" {
		fullName = path + "." + name
	}
	return m.declared(fullName)
}

// limitsFunc returns fn's name when it limits: a limiter library's
// function or method, a configured limiter, a limit decision of the
// module, or a function of the module whose body (closures included)
// counts and decides; "" otherwise.
func (m *mapper) limitsFunc(fn *types.Func, depth int) string {
	fn = fn.Origin()
	if by, ok := m.limits[fn]; ok {
		return strings.TrimPrefix(by, "-")
	}
	m.limits[fn] = "-" // a cycle limits nothing
	by := ""
	switch {
	case fn.Pkg() != nil && m.limiterName(fn.Pkg().Path(), fn.Name(), fn.FullName()):
		by = shortName(fn)
	case m.res.Lookup(fn) == nil && m.res.Decides(fn):
		by = shortName(fn) // a decision known from a fact (go vet)
	default:
		if sf := m.res.Lookup(fn); sf != nil && depth < 3 && m.bodyLimits(sf, sf.Decl.Body, depth) {
			by = shortName(fn)
		}
	}
	switch {
	case by != "":
		m.limits[fn] = by
	case depth > 0:
		delete(m.limits, fn) // cut short by the depth: judge it again from the top
	}
	return by
}

// shortName names a function for the route table: pkg.Func, Type.Method.
func shortName(fn *types.Func) string {
	if r := flow.RecvName(fn); r != "" {
		return r + "." + fn.Name()
	}
	if fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}

// bodyLimits reports whether node, inside sf's declaration, counts and
// decides: it answers 429 Too Many Requests; it decides on a counting
// store call (countingOps) about a counter or in limit code, or on a
// limiter's Allow-like method or a limit decision that limits itself
// (decisionLimits); it makes a golang.org/x/time/rate decision, calls a
// limiter library or a configured limiter, or calls a function of the
// module that limits. Calls of function values and of ServeHTTP (the
// next handler) do not count: they run the routes, not the limit.
func (m *mapper) bodyLimits(sf *summary.Func, node ast.Node, depth int) bool {
	calls, ok := m.decided[sf]
	if !ok {
		calls = decide.Find(sf.Flow)
		m.decided[sf] = calls
	}
	info := sf.Flow.Info
	if limitctx.MentionsStatus(info, node, limitctx.Is429) {
		return true // it answers 429 Too Many Requests itself
	}
	for _, c := range calls {
		if c.Expr.Pos() < node.Pos() || c.Expr.End() > node.End() || !c.Counter && !sf.Limit {
			continue
		}
		if c.Store != nil {
			if counts(sf.Flow, c.Store) {
				return true
			}
			continue
		}
		if m.decisionLimits(sf, c.Expr, depth) {
			return true
		}
	}
	found := false
	ast.Inspect(node, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		fn := staticCallee(info, call)
		if fn == nil {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && m.limiterName(sf.Flow.ImportPath(sel), sel.Sel.Name, "") {
				found = true
			}
			return !found
		}
		if fn.Name() == "ServeHTTP" {
			return true
		}
		if isRateDecision(fn) || fn.Pkg() != nil && m.limiterName(fn.Pkg().Path(), fn.Name(), fn.FullName()) {
			found = true
			return false
		}
		if depth < 2 {
			for _, callee := range sf.Flow.Callees(call) {
				if callee.Name() != "ServeHTTP" && m.res.Lookup(callee) != nil && m.limitsFunc(callee, depth+1) != "" {
					found = true
					break
				}
			}
		}
		return !found
	})
	return found
}

// countingOps are the store operations that count: a decision on one of
// them is a limit, while a decision on a plain read (a session looked
// up, a row of an email_requests table found, a plan's quota of members
// checked) is none; a limiter that reads then writes answers 429.
var countingOps = map[store.Kind]map[string]bool{
	store.Redis: {"Incr": true, "IncrBy": true, "HIncrBy": true, "Eval": true, "EvalSha": true, "Run": true,
		"ZCard": true, "ZCount": true, "LLen": true},
	store.DynamoDB: {"UpdateItem": true, "PutItem": true},
}

// counts reports whether a store call counts: a Redis increment or
// script, a DynamoDB write, SQL that writes a counter (an UPDATE or
// upsert that increments it or sets it).
func counts(f *flow.Func, c *store.Call) bool {
	if c.Kind == store.SQL {
		return slices.ContainsFunc(sqltext.Statements(f, c), (*sqlfacts.Statement).WritesCounter)
	}
	return countingOps[c.Kind][c.Op]
}

// decisionLimits reports whether a deciding call that is no store call
// (a limiter's Allow, a limit decision of the module) limits: a function
// of the module it runs must limit by itself (the summary's decisions
// include any function that decides on a store read and returns its
// error); a limiter method outside the module is taken at its name.
// Calls of function values and of ServeHTTP run the next handler, not a
// limit.
func (m *mapper) decisionLimits(sf *summary.Func, call *ast.CallExpr, depth int) bool {
	fn := staticCallee(sf.Flow.Info, call)
	if fn == nil || fn.Name() == "ServeHTTP" {
		return false
	}
	inModule := false
	for _, callee := range sf.Flow.Callees(call) {
		if m.res.Lookup(callee) == nil {
			continue
		}
		inModule = true
		if depth < 2 && m.limitsFunc(callee, depth+1) != "" {
			return true
		}
	}
	return !inModule
}

// serveHTTP returns the ServeHTTP method of a type that implements
// http.Handler, nil for other types.
func serveHTTP(t types.Type) *types.Func {
	if t == nil {
		return nil
	}
	if _, ok := t.Underlying().(*types.Signature); ok {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	fn, _ := obj.(*types.Func)
	return fn
}
