package goroutes

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
)

// modulePath reports whether path is the package base of a module or one
// of its major versions (base/v5), not a package below it.
func modulePath(path, base string) bool {
	rest, ok := strings.CutPrefix(path, base)
	if !ok {
		return false
	}
	if rest == "" {
		return true
	}
	return len(rest) > 2 && rest[:2] == "/v" && strings.Trim(rest[2:], "0123456789") == ""
}

// frameworkOf returns the framework whose package path is path.
func frameworkOf(path string) kind {
	switch {
	case path == "net/http":
		return serveMux
	case modulePath(path, "github.com/go-chi/chi"):
		return chiMux
	case modulePath(path, "github.com/gin-gonic/gin"):
		return ginMux
	case modulePath(path, "github.com/labstack/echo"):
		return echoMux
	case modulePath(path, "github.com/gorilla/mux"):
		return gorillaMux
	}
	return 0
}

// routerNames are, by framework, the router types and the functions and
// methods that return a router (what flow.TypeSource names when the
// framework did not load).
var routerNames = map[kind]map[string]bool{
	serveMux:   {"ServeMux": true, "NewServeMux": true},
	chiMux:     {"Mux": true, "Router": true, "NewRouter": true, "NewMux": true, "With": true, "Group": true, "Route": true},
	ginMux:     {"Engine": true, "RouterGroup": true, "IRouter": true, "IRoutes": true, "New": true, "Default": true, "Group": true},
	echoMux:    {"Echo": true, "Group": true, "New": true},
	gorillaMux: {"Router": true, "NewRouter": true, "Subrouter": true},
}

// constructors are, by framework, the functions that make a new router.
var constructors = map[kind]map[string]bool{
	serveMux:   {"NewServeMux": true},
	chiMux:     {"NewRouter": true, "NewMux": true},
	ginMux:     {"New": true, "Default": true},
	echoMux:    {"New": true},
	gorillaMux: {"NewRouter": true},
}

// kindOf returns the framework of the router a variable, parameter or
// field e holds, 0 when it holds none.
func kindOf(f *flow.Func, e ast.Expr) kind {
	path, name := f.TypeSource(e)
	k := frameworkOf(path)
	if k != 0 && routerNames[k][name] {
		return k
	}
	return 0
}

// constructor returns the framework of the router e makes (chi.NewRouter(),
// http.NewServeMux()), 0 when e makes none.
func constructor(f *flow.Func, e ast.Expr) kind {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return 0
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return 0
	}
	k := frameworkOf(f.ImportPath(sel))
	if k != 0 && constructors[k][sel.Sel.Name] {
		return k
	}
	return 0
}

// returnsRouter reports whether one of fn's results is a router.
func returnsRouter(fn *summary.Func) bool {
	if fn.Obj != nil {
		if sig, ok := fn.Obj.Type().(*types.Signature); ok {
			for i := range sig.Results().Len() {
				if k, name := namedKind(sig.Results().At(i).Type()); k != 0 && routerNames[k][name] {
					return true
				}
			}
		}
	}
	if fn.Decl.Type.Results == nil {
		return false
	}
	for _, field := range fn.Decl.Type.Results.List {
		te := field.Type
		if star, ok := te.(*ast.StarExpr); ok {
			te = star.X
		}
		if sel, ok := te.(*ast.SelectorExpr); ok {
			if k := frameworkOf(fn.Flow.ImportPath(sel)); k != 0 && routerNames[k][sel.Sel.Name] {
				return true
			}
		}
	}
	return false
}

// namedKind returns the framework and name of a named type (or pointer
// to one).
func namedKind(t types.Type) (kind, string) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return 0, ""
	}
	return frameworkOf(n.Obj().Pkg().Path()), n.Obj().Name()
}

// gorillaMatchers are the methods of a gorilla/mux route that narrow
// what it matches.
var gorillaMatchers = map[string]bool{
	"Methods": true, "Path": true, "PathPrefix": true, "Host": true, "Schemes": true,
	"Headers": true, "Queries": true, "Name": true, "MatcherFunc": true, "HeadersRegexp": true,
}

// gorillaChain reads a chain of route matchers down to its router:
// r.PathPrefix("/api").Methods("GET") is the router r, the path "/api"
// and the method GET.
func (w *walker) gorillaChain(e ast.Expr) (base *router, path string, methods []string, ok bool) {
	for range 16 {
		call, isCall := ast.Unparen(e).(*ast.CallExpr)
		if !isCall {
			return nil, "", nil, false
		}
		sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !isSel {
			return nil, "", nil, false
		}
		name := sel.Sel.Name
		if !gorillaMatchers[name] && name != "NewRoute" {
			return nil, "", nil, false
		}
		switch name {
		case "Methods":
			methods = append(methods, w.strs(call.Args)...)
		case "Path", "PathPrefix":
			if len(call.Args) == 1 {
				path = w.str(call.Args[0])
			}
		}
		if r := w.router(sel.X); r != nil {
			if r.kind != gorillaMux {
				return nil, "", nil, false
			}
			return r, path, methods, true
		}
		e = sel.X
	}
	return nil, "", nil, false
}

// gorillaRoute registers a gorilla/mux route: r.HandleFunc("/x",
// h).Methods("POST"), r.Methods("GET").Path("/x").Handler(h),
// r.PathPrefix("/api").Handler(api). It reports whether call was one.
func (w *walker) gorillaRoute(call *ast.CallExpr, sel *ast.SelectorExpr) bool {
	name := sel.Sel.Name
	var base *router
	var path string
	var methods []string
	switch name {
	case "Handle", "HandleFunc":
		r := w.router(sel.X)
		if r == nil || r.kind != gorillaMux || len(call.Args) != 2 {
			return false
		}
		base, path = r, w.str(call.Args[0])
	case "Handler", "HandlerFunc":
		b, p, ms, ok := w.gorillaChain(sel.X)
		if !ok || len(call.Args) != 1 {
			return false
		}
		base, path, methods = b, p, ms
	default:
		return false
	}
	h := call.Args[len(call.Args)-1]
	if sub, by := w.mounted(h); sub != nil {
		sub.mount(base, stripPrefix(w, h))
		if by != "" && sub.by == "" {
			sub.by = by
		}
		return true
	}
	// Matchers chained after the registration: .Methods("POST").
	parents := w.fn.Parents()
	for n := ast.Node(call); ; {
		s, ok := parents[n].(*ast.SelectorExpr)
		if !ok {
			break
		}
		c, ok := parents[s].(*ast.CallExpr)
		if !ok || c.Fun != s || !gorillaMatchers[s.Sel.Name] {
			break
		}
		if s.Sel.Name == "Methods" {
			methods = append(methods, w.strs(c.Args)...)
		}
		n = c
	}
	if len(methods) == 0 {
		methods = []string{"*"}
	}
	for _, m := range methods {
		w.route(call, base, m, path, h, nil)
	}
	return true
}

// strs returns the constant strings among args, upper case.
func (w *walker) strs(args []ast.Expr) []string {
	var out []string
	for _, a := range args {
		if s := w.str(a); s != "" {
			out = append(out, strings.ToUpper(s))
		}
	}
	return out
}
