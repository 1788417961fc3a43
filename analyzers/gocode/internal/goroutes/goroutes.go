// Package goroutes maps the HTTP routes of a Go module's applications,
// with the rate limit that covers each: net/http ServeMux (Go 1.22
// patterns, http.Handle on DefaultServeMux), chi, gin, echo and
// gorilla/mux routers, their groups, sub-routers and mounted routers,
// followed across functions and packages through the summary pass.
//
// An application is one router value and what is mounted on it. A route
// is limited by a limiting middleware of its router or of a router above
// it (Use, chi's With, gin and echo group middleware, a limiter wrapping
// the router), a limiting middleware of its own (gin's and echo's
// per-route middleware, a limiter wrapping the handler: limit(h)), or a
// handler that counts and decides itself (limits.go says what limits).
package goroutes

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/decide"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/routes"
)

// Route is a route of the module and the call that registers it.
type Route struct {
	routes.Route
	Pos, End token.Pos // the registration call
}

// Declared reports whether a function, named as (*types.Func).FullName
// writes it, is one of the configuration's limiters.
type Declared func(fullName string) bool

// Of returns the routes of the module (in go vet: the package) that res
// belongs to, computed once for all its packages, with the limiters that
// the configurations of those packages declare.
func Of(fset *token.FileSet, res *summary.Result) []Route {
	return res.Memo("goroutes.Of", func() any { return Find(fset, res, declaredBy(res.Packages())) }).([]Route)
}

// declaredBy returns what the configurations of pkgs declare a limiter,
// or nil when they declare none.
func declaredBy(pkgs []*summary.Result) Declared {
	var cfgs []*config.Config
	for _, p := range pkgs {
		if cfg := p.Config(); cfg != nil && len(cfg.Limiters.Go) > 0 && !slices.Contains(cfgs, cfg) {
			cfgs = append(cfgs, cfg)
		}
	}
	if len(cfgs) == 0 {
		return nil
	}
	return func(fullName string) bool {
		return slices.ContainsFunc(cfgs, func(c *config.Config) bool { return c.Limiters.IsGoLimiter(fullName) })
	}
}

// Find maps the routes of the packages summarized with res; declared (nil
// for none) names the configuration's limiters.
func Find(fset *token.FileSet, res *summary.Result, declared Declared) []Route {
	m := &mapper{
		fset:     fset,
		res:      res,
		declared: declared,
		globals:  make(map[types.Object]*router),
		derived:  make(map[derivedKey]*router),
		returned: make(map[*types.Func]*router),
		walked:   make(map[string]bool),
		reached:  make(map[*summary.Func]bool),
		active:   make(map[*types.Func]bool),
		limits:   make(map[*types.Func]string),
		decided:  make(map[*summary.Func][]*decide.Call),
		seen:     make(map[string]bool),
		varWhere: make(map[*summary.Func]string),
	}
	m.run()
	return m.out
}

// kind is the framework of a router.
type kind int

const (
	serveMux kind = iota + 1
	chiMux
	ginMux
	echoMux
	gorillaMux
)

// router is one router value: an application's root, or a group,
// sub-router or mounted router below one.
type router struct {
	kind   kind
	name   string // the variable it was first bound to
	where  string // the function (or package) it was made in
	parent *router
	prefix string // its path below its parent
	by     string // the limiting middleware applied to all its routes, "" for none
	// uses are limiting middleware that apply only to the routes
	// registered after them (gin's Use, an echo group's Use).
	uses      []use
	created   int           // when it was derived from its parent (mapper.next)
	createdIn *summary.Func // where
}

// use is a limiting middleware applied at a point of the walk, in a
// function.
type use struct {
	seq int
	fn  *summary.Func
	by  string
}

func (r *router) root() *router {
	for i := 0; r.parent != nil && i < 32; i++ {
		r = r.parent
	}
	return r
}

// path joins the prefixes of r's chain and p.
func (r *router) path(p string) string {
	for rr, i := r, 0; rr != nil && i < 32; rr, i = rr.parent, i+1 {
		p = joinPath(rr.prefix, p)
	}
	if p == "" {
		return "/"
	}
	return p
}

// limitAt returns the limiting middleware of r or a router above it
// that covers a route registered on r at seq in fn: a middleware that
// covers only later routes (use) covers it when it came first in the
// same function, or was applied in another function (whose order
// against this one the walk does not know); gin and echo groups take the
// middleware their parent had when they were made.
func (r *router) limitAt(seq int, fn *summary.Func) string {
	for rr, i := r, 0; rr != nil && i < 32; rr, i = rr.parent, i+1 {
		if rr.by != "" {
			return rr.by
		}
		for _, u := range rr.uses {
			if u.fn != fn || u.seq < seq {
				return u.by
			}
		}
		if rr.created > 0 {
			seq, fn = rr.created, rr.createdIn
		}
	}
	return ""
}

// next returns the next point of the walk, to order middleware and
// routes.
func (m *mapper) next() int {
	m.seq++
	return m.seq
}

// mount puts r below parent at prefix, unless that would make a cycle.
func (r *router) mount(parent *router, prefix string) {
	for p, i := parent, 0; p != nil && i < 32; p, i = p.parent, i+1 {
		if p == r {
			return
		}
	}
	r.parent, r.prefix = parent, prefix
}

// group names the application of r for the route table and RL015: the
// root's variable and where it was made.
func (r *router) group() string {
	root := r.root()
	name := root.name
	if name == "" {
		name = "router" // never bound to a variable: http.ListenAndServe(addr, chi.NewRouter())
	}
	return fmt.Sprintf("%s (%s)", name, root.where)
}

// where names a function for group names: import/path.Func,
// import/path.Type.Method, import/path.variable for a literal in a
// variable's declaration.
func (m *mapper) where(fn *summary.Func) string {
	if w, ok := m.varWhere[fn]; ok {
		return w
	}
	if fn.Obj == nil || fn.Obj.Pkg() == nil {
		return fn.Decl.Name.Name
	}
	name := fn.Obj.Name()
	if recv := flow.RecvName(fn.Obj); recv != "" {
		name = recv + "." + name
	}
	return fn.Obj.Pkg().Path() + "." + name
}

// derivedKey identifies a router derived from another by an expression
// (a group, a With, a subrouter): the same expression on the same router
// is the same router.
type derivedKey struct {
	e      ast.Expr
	parent *router
}

type mapper struct {
	fset     *token.FileSet
	res      *summary.Result
	declared Declared

	globals    map[types.Object]*router // package variables and struct fields
	derived    map[derivedKey]*router
	returned   map[*types.Func]*router // what a function without router arguments returns
	walked     map[string]bool         // functions walked, with their router arguments
	reached    map[*summary.Func]bool  // functions walked with a router argument
	active     map[*types.Func]bool    // functions being walked
	defaultMux *router

	limits  map[*types.Func]string // limitsFunc, memoized ("-" for no)
	decided map[*summary.Func][]*decide.Call

	varWhere map[*summary.Func]string // varFuncs' names

	seq     int // points of the walk (next)
	seen    map[string]bool
	pending []pending
	out     []Route
}

// run walks every function of the module that takes no router, then
// those that take one and were not reached with it: their parameter is
// an application of its own.
func (m *mapper) run() {
	var funcs, takers []*summary.Func
	for _, p := range m.res.Packages() {
		for _, fn := range append(p.Funcs(), m.varFuncs(p)...) {
			if strings.HasSuffix(m.fset.Position(fn.Decl.Pos()).Filename, "_test.go") {
				continue
			}
			m.noteGlobals(fn)
			if m.takesRouter(fn) {
				takers = append(takers, fn)
			} else {
				funcs = append(funcs, fn)
			}
		}
	}
	for _, fn := range funcs {
		m.call(fn, nil)
	}
	for _, fn := range takers {
		if !m.walked[walkKey(fn, nil)] && !m.reached[fn] {
			m.call(fn, nil)
		}
	}
	m.finish()
}

// varFuncs returns the function literals of the package's variable
// declarations (the Run of a cobra command, a handler table), each as a
// function declaration named after its variable, so that routers made
// there are walked too.
func (m *mapper) varFuncs(p *summary.Result) []*summary.Func {
	var out []*summary.Func
	for _, file := range p.Files() {
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for _, v := range vs.Values {
					ast.Inspect(v, func(n ast.Node) bool {
						lit, ok := n.(*ast.FuncLit)
						if !ok {
							return true
						}
						fn := &summary.Func{
							Decl: &ast.FuncDecl{Name: ast.NewIdent(vs.Names[0].Name), Type: lit.Type, Body: lit.Body},
							Flow: p.NewFlow(lit.Body),
						}
						if obj := p.Info().Defs[vs.Names[0]]; obj != nil && obj.Pkg() != nil {
							m.varWhere[fn] = obj.Pkg().Path() + "." + obj.Name()
						}
						out = append(out, fn)
						return false
					})
				}
			}
		}
	}
	return out
}

func walkKey(fn *summary.Func, args map[int]*router) string {
	k := fmt.Sprintf("%p", fn)
	if len(args) > 0 {
		k += "|"
		for i := range 16 {
			if r := args[i]; r != nil {
				k += fmt.Sprintf("%d=%p,", i, r)
			}
		}
	}
	return k
}

// takesRouter reports whether one of fn's parameters is a router.
func (m *mapper) takesRouter(fn *summary.Func) bool {
	for _, field := range fn.Decl.Type.Params.List {
		for _, id := range field.Names {
			if kindOf(fn.Flow, id) != 0 {
				return true
			}
		}
	}
	return false
}

// noteGlobals creates the routers that package variables and struct
// fields are assigned from a constructor (s.router = chi.NewRouter(),
// &Server{router: chi.NewRouter()}), so that every function using the
// variable or field sees the same router.
func (m *mapper) noteGlobals(fn *summary.Func) {
	note := func(l, r ast.Expr) {
		obj := globalObj(fn.Flow.Info, l)
		if obj == nil || m.globals[obj] != nil {
			return
		}
		if k := constructor(fn.Flow, r); k != 0 {
			m.globals[obj] = &router{kind: k, name: obj.Name(), where: m.where(fn)}
		}
	}
	ast.Inspect(fn.Decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					note(l, n.Rhs[i])
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				if v, ok := fn.Flow.Info.Uses[id].(*types.Var); ok && v.IsField() {
					note(n.Key, n.Value)
				}
			}
		}
		return true
	})
}

// globalObj returns the package variable or struct field e denotes, nil
// for anything else.
func globalObj(info *types.Info, e ast.Expr) types.Object {
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return nil
	}
	obj, ok := info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	if obj.IsField() || obj.Parent() != nil && obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() {
		return obj
	}
	return nil
}

func pkgOf(obj types.Object) string {
	if obj.Pkg() != nil {
		return obj.Pkg().Path()
	}
	return ""
}

// call walks fn with routers bound to some of its parameters (by index)
// and returns the router it returns, nil when none.
func (m *mapper) call(fn *summary.Func, args map[int]*router) *router {
	if fn.Obj != nil && len(args) == 0 {
		if r, ok := m.returned[fn.Obj]; ok {
			return r
		}
	}
	key := walkKey(fn, args)
	if m.walked[key] || fn.Obj != nil && m.active[fn.Obj] || len(m.active) > 24 {
		return nil
	}
	m.walked[key] = true
	if len(args) > 0 {
		m.reached[fn] = true
	}
	if fn.Obj != nil {
		m.active[fn.Obj] = true
		defer delete(m.active, fn.Obj)
	}
	w := &walker{m: m, fn: fn, env: make(map[types.Object]*router), skip: make(map[*ast.FuncLit]bool)}
	i := 0
	for _, field := range fn.Decl.Type.Params.List {
		if len(field.Names) == 0 {
			i++
		}
		for _, id := range field.Names {
			if r := args[i]; r != nil {
				if obj := fn.Flow.Info.Defs[id]; obj != nil {
					w.env[obj] = r
				}
			}
			i++
		}
	}
	w.walk(fn.Decl.Body)
	if fn.Obj != nil && len(args) == 0 {
		m.returned[fn.Obj] = w.ret
	}
	return w.ret
}

// pending is a route whose router may still be mounted below another or
// wrapped in a limiter: its path, application and router limit are read
// once every function is walked.
type pending struct {
	route   Route
	router  *router
	seq     int           // when it was registered (mapper.next)
	fn      *summary.Func // where
	path    string
	own     string     // a limiting middleware of the route itself
	handler routes.How // the handler's own limit
	by      string
}

// add records a route.
func (m *mapper) add(fn *summary.Func, call *ast.CallExpr, r *router, method, path string, handler ast.Expr, own string, how routes.How, by string) {
	key := fmt.Sprintf("%d|%s|%s|%p", call.Pos(), method, path, r)
	if m.seen[key] {
		return
	}
	m.seen[key] = true
	p, e := m.fset.Position(call.Pos()), m.fset.Position(call.End())
	m.pending = append(m.pending, pending{route: Route{Route: routes.Route{
		Method:  method,
		Handler: handlerName(handler),
		Location: finding.Location{Path: p.Filename,
			Start: finding.Position{Line: p.Line, Column: p.Column},
			End:   finding.Position{Line: e.Line, Column: e.Column}},
	}, Pos: call.Pos(), End: call.End()}, router: r, seq: m.next(), fn: fn, path: path, own: own, handler: how, by: by})
}

// finish completes the routes: full paths, applications, and the limit
// that covers each: its own middleware, its routers', then its handler's.
func (m *mapper) finish() {
	seen := make(map[string]bool)
	groups := make(map[*router]string)
	taken := make(map[string]bool)
	for _, p := range m.pending {
		rt := p.route
		rt.Path = p.router.path(p.path)
		root := p.router.root()
		if _, ok := groups[root]; !ok {
			// Two applications named alike (mux in one function twice)
			// stay apart.
			name := root.group()
			for n := 2; taken[name]; n++ {
				name = fmt.Sprintf("%s #%d", root.group(), n)
			}
			groups[root], taken[name] = name, true
		}
		rt.Group = groups[root]
		switch {
		case p.own != "":
			rt.Limit, rt.By = routes.Middleware, p.own
		case p.router.limitAt(p.seq, p.fn) != "":
			rt.Limit, rt.By = routes.Middleware, p.router.limitAt(p.seq, p.fn)
		default:
			rt.Limit, rt.By = p.handler, p.by
		}
		key := fmt.Sprintf("%d|%s|%s|%s", rt.Pos, rt.Method, rt.Path, rt.Group)
		if !seen[key] {
			seen[key] = true
			m.out = append(m.out, rt)
		}
	}
}

// joinPath joins a prefix and a path: "/api" and "/users" is
// "/api/users", "/users" and "/" is "/users".
func joinPath(prefix, p string) string {
	if prefix == "" {
		return p
	}
	prefix = strings.TrimSuffix(strings.TrimSuffix(prefix, "/*"), "/")
	switch {
	case p == "" || p == "/":
		if prefix == "" {
			return "/"
		}
		return prefix
	case strings.HasPrefix(p, "/"):
		return prefix + p
	default:
		return prefix + "/" + p
	}
}

// handlerName is the handler's source text, shortened; a function literal
// is "func literal".
func handlerName(h ast.Expr) string {
	if funcLit(h) != nil {
		return "func literal"
	}
	return compact(types.ExprString(h))
}

// compact returns source text on one line, shortened.
func compact(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// funcLit returns the function literal e is, nil otherwise.
func funcLit(e ast.Expr) *ast.FuncLit {
	lit, _ := ast.Unparen(e).(*ast.FuncLit)
	return lit
}

// staticCallee returns the function call statically calls, nil for a
// call of a function value or a conversion.
func staticCallee(info *types.Info, call *ast.CallExpr) *types.Func {
	return flow.Callee(info, call)
}
