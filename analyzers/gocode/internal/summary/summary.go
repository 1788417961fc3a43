package summary

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/declared"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/reqflow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/taint"
	"github.com/rlcheck/rlcheck/internal/config"
)

// Analyzer is the summary pass as go vet runs it: one package at a time,
// with the summaries of the dependencies imported as facts.
var Analyzer = &analysis.Analyzer{
	Name:             "rlsummary",
	Doc:              "summarize what functions do with counter stores and request values, for rlcheck's rules",
	URL:              "https://github.com/rlcheck/rlcheck/blob/main/docs/architecture.md",
	Run:              runVet,
	RunDespiteErrors: true,
	FactTypes:        []analysis.Fact{new(FuncFact), new(VarFact), new(PkgFact)},
	ResultType:       reflect.TypeFor[*Result](),
}

// Of returns the summary pass's result for the package of pass. The
// running analyzer must require Analyzer (or the pass Module.Bind puts in
// its place).
func Of(pass *analysis.Pass) *Result {
	for _, req := range pass.Analyzer.Requires {
		if r, ok := pass.ResultOf[req].(*Result); ok {
			return r
		}
	}
	panic(fmt.Sprintf("%s does not require the summary pass", pass.Analyzer.Name))
}

// Result is what the summary pass knows of one package.
type Result struct {
	info *types.Info
	ctx  *pkgCtx

	// lazy builds funcs on first use, for a package whose functions are
	// not summarized (a dependency of go vet's package that the rules
	// never look at, unless it is analyzed itself).
	lazy func()
	once sync.Once

	funcs  []*Func
	byDecl map[*ast.FuncDecl]*Func

	flows   []*reqflow.Flow
	callers map[*types.Func][]Use // uses of the package's wrappers, module-wide
}

// Func is one function declaration with a body.
type Func struct {
	Decl *ast.FuncDecl
	Obj  *types.Func // nil when the declaration has no object (partial types)
	Flow *flow.Func
	// Limit reports whether the function is rate-limit code: named for
	// limiting, or it answers 429 (limitctx.Func).
	Limit bool

	params      map[types.Object]int
	parentsOnce sync.Once
	parents     map[ast.Node]ast.Node
	wrap        *store.Wrapper
	decision    bool
	decideAt    token.Pos // the counter call a decision decides on
	returns     [3]bool   // by taint.Kind: what the first result carries
	expires     []int     // the parameters whose Redis key it gives a time to live
}

// Parents maps the nodes of the declaration to their parents
// (flow.Parents), built once.
func (fn *Func) Parents() map[ast.Node]ast.Node {
	fn.parentsOnce.Do(func() { fn.parents = flow.Parents(fn.Decl) })
	return fn.parents
}

// Funcs returns the package's function declarations with a body, in
// source order.
func (r *Result) Funcs() []*Func {
	r.build()
	return r.funcs
}

// Func returns the summary of a declaration of the package, nil for one
// without a body.
func (r *Result) Func(fd *ast.FuncDecl) *Func {
	r.build()
	return r.byDecl[fd]
}

func (r *Result) build() {
	if r.lazy != nil {
		r.once.Do(r.lazy)
	}
}

// Decision returns the limit decision of the module that call runs (its
// callee, or an implementation of the interface method it calls) and the
// counter call inside it, token.NoPos when that is not known (the
// decision is known from a fact). fn is nil when call runs none.
func (r *Result) Decision(call *ast.CallExpr) (fn *types.Func, at token.Pos) {
	callees := r.ctx.Callees(call)
	if static := flow.Callee(r.info, call); static != nil {
		callees = append([]*types.Func{static}, callees...)
	}
	for _, c := range callees {
		c = c.Origin()
		if !r.ctx.Decider(c) {
			continue
		}
		if f := r.ctx.w.funcs[c]; f != nil {
			return c, f.decideAt
		}
		return c, token.NoPos
	}
	return nil, token.NoPos
}

// Flows returns the request values that reach counter keys in the
// package, in source order (reqflow).
func (r *Result) Flows() []*reqflow.Flow { return r.flows }

// NewFlow indexes a body that is not a function declaration's (nil for
// package-level declarations) in the package's context.
func (r *Result) NewFlow(body *ast.BlockStmt) *flow.Func {
	return flow.NewIn(r.ctx, r.info, body)
}

// Use is a call of a wrapper in another function.
type Use struct {
	Caller  *Func
	Call    *ast.CallExpr
	Wrapper *store.Wrapper
}

// Value returns the caller's variable that receives the wrapper's reply
// (n of n, err := s.Count(ctx, k)), nil when the reply is not kept in
// one.
func (u Use) Value() types.Object {
	if u.Wrapper.Value < 0 {
		return nil
	}
	switch p := u.Caller.Parents()[u.Call].(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && u.Wrapper.Value < len(p.Lhs) {
			return u.Caller.Flow.Object(p.Lhs[u.Wrapper.Value])
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && u.Wrapper.Value < len(p.Names) {
			return u.Caller.Flow.Object(p.Names[u.Wrapper.Value])
		}
	}
	return nil
}

// Wrapper returns the store operation the function wraps, nil when it is
// no wrapper.
func (fn *Func) Wrapper() *store.Wrapper { return fn.wrap }

// Lookup returns the summary of fn, a function declared in the module
// (rlcheck scan) or in the package (go vet) of the function f belongs
// to, so that a rule can read a callee's body; nil for any other
// function.
func Lookup(f *flow.Func, fn *types.Func) *Func {
	ctx, ok := f.Ctx.(*pkgCtx)
	if !ok || fn == nil {
		return nil
	}
	return ctx.w.funcs[fn.Origin()]
}

// Expiry returns the function of the module that call, a call in f (a
// function of a package the summary pass indexed), runs (its callee, or
// an implementation of the interface method it calls) that gives the
// Redis keys passed as some of its parameters a time to live, and those
// parameters; nil when call runs none.
func Expiry(f *flow.Func, call *ast.CallExpr) (fn *types.Func, params []int) {
	ctx, ok := f.Ctx.(*pkgCtx)
	if !ok {
		return nil, nil
	}
	for _, c := range ctx.Callees(call) {
		c = c.Origin()
		if ps := ctx.w.expiresOf(c); len(ps) > 0 {
			return c, ps
		}
	}
	return nil, nil
}

// Uses returns the calls of the package's function fn (a wrapper), for
// the rules that report at the wrapper what its callers do with the reply
// (RL009). In go vet only the package's own callers are known; rlcheck
// scan knows the module's.
func (r *Result) Uses(fn *types.Func) []Use { return r.callers[fn] }

// newFuncs indexes the function declarations of files.
func newFuncs(ctx *pkgCtx, info *types.Info, files []*ast.File) ([]*Func, map[*ast.FuncDecl]*Func) {
	var funcs []*Func
	byDecl := make(map[*ast.FuncDecl]*Func)
	for fd := range flow.FuncDecls(files) {
		fn := &Func{Decl: fd, Flow: flow.NewIn(ctx, info, fd.Body), Limit: limitctx.Func(info, fd), params: make(map[types.Object]int)}
		fn.Obj, _ = info.Defs[fd.Name].(*types.Func)
		i := 0
		for _, field := range fd.Type.Params.List {
			if len(field.Names) == 0 {
				i++
			}
			for _, id := range field.Names {
				if v := info.Defs[id]; v != nil {
					fn.params[v] = i
				}
				i++
			}
		}
		funcs = append(funcs, fn)
		byDecl[fd] = fn
	}
	return funcs, byDecl
}

// world is what the summaries are solved over and looked up in: one
// package and its dependencies' facts (go vet), or a whole module.
type world struct {
	funcs   map[*types.Func]*Func
	decls   map[types.Object]ast.Expr
	consts  *constVars
	graph   map[token.Pos][]*types.Func // dynamic calls the call graph resolves
	methods []*types.Func               // methods with summaries, for interface calls
	own     map[*types.Package]bool     // the packages summarized: the module's, or in go vet the package and those with facts
	facts   *factView                   // go vet: the dependencies' facts
	reqs    map[*types.Func]*reqflow.Summary
	imports []fileImports // every file's, sorted by position
}

func newWorld() *world {
	return &world{
		funcs:  make(map[*types.Func]*Func),
		decls:  make(map[types.Object]ast.Expr),
		consts: newConstVars(),
		own:    make(map[*types.Package]bool),
		reqs:   make(map[*types.Func]*reqflow.Summary),
	}
}

// add indexes one package into the world; cfg is the configuration
// governing its directory (nil: none).
func (w *world) add(pkg *types.Package, info *types.Info, files []*ast.File, cfg *config.Config) *Result {
	r := &Result{info: info, ctx: newPkgCtx(w, info, files, cfg)}
	w.own[pkg] = true
	w.imports = append(w.imports, r.ctx.imports...)
	slices.SortFunc(w.imports, func(a, b fileImports) int { return int(a.start) - int(b.start) })
	r.funcs, r.byDecl = newFuncs(r.ctx, info, files)
	for _, fn := range r.funcs {
		if fn.Obj != nil {
			w.funcs[fn.Obj] = fn
		}
	}
	indexDecls(w.decls, info, files)
	w.consts.add(r.ctx, info, files)
	return r
}

// indexMethods lists the methods that have a summary or a fact, sorted,
// for interface calls the call graph does not resolve.
func (w *world) indexMethods() {
	var ms []*types.Func
	for obj, fn := range w.funcs {
		if isMethod(obj) && (fn.wrap != nil || fn.decision || len(fn.expires) > 0 || w.reqs[obj] != nil) {
			ms = append(ms, obj)
		}
	}
	if w.facts != nil {
		ms = append(ms, w.facts.methods()...)
	}
	slices.SortFunc(ms, func(a, b *types.Func) int {
		return strings.Compare(a.FullName(), b.FullName())
	})
	w.methods = slices.Compact(ms)
}

func isMethod(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil
}

// implementations returns the methods with summaries that an interface
// method call may run: same name, on a type that implements the
// interface. Only the interfaces of summarized code count: an io.Reader
// is nobody's counter store, and every Read of the module would answer.
func (w *world) implementations(m *types.Func) []*types.Func {
	sig, ok := m.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || m.Pkg() == nil || !w.owns(m.Pkg()) {
		return nil
	}
	iface, ok := sig.Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var out []*types.Func
	for _, c := range w.methods {
		if c.Name() != m.Name() {
			continue
		}
		recv := c.Type().(*types.Signature).Recv().Type()
		if types.Implements(recv, iface) || !types.IsInterface(recv) && types.Implements(types.NewPointer(recv), iface) {
			out = append(out, c)
		}
	}
	return out
}

// owns reports whether pkg's code is summarized.
func (w *world) owns(pkg *types.Package) bool {
	return w.own[pkg] || w.facts != nil && w.facts.summarized(pkg)
}

// wrapper returns what fn wraps: its summary in the world, or its fact.
func (w *world) wrapper(fn *types.Func) *store.Wrapper {
	if f := w.funcs[fn]; f != nil {
		return f.wrap
	}
	if w.facts != nil {
		return w.facts.wrapper(fn)
	}
	return nil
}

// returnsKind reports whether fn's first result carries a value of kind
// k.
func (w *world) returnsKind(fn *types.Func, k taint.Kind) bool {
	if f := w.funcs[fn]; f != nil {
		return f.returns[k]
	}
	return w.facts != nil && w.facts.returns(fn, k)
}

// decider reports whether fn is a limit decision.
func (w *world) decider(fn *types.Func) bool {
	if f := w.funcs[fn]; f != nil {
		return f.decision
	}
	return w.facts != nil && w.facts.decision(fn)
}

// expiresOf returns the parameters whose Redis key fn gives a time to
// live.
func (w *world) expiresOf(fn *types.Func) []int {
	if f := w.funcs[fn]; f != nil {
		return f.expires
	}
	if w.facts != nil {
		return w.facts.expires(fn)
	}
	return nil
}

// reqSummary returns what fn does with request values.
func (w *world) reqSummary(fn *types.Func) *reqflow.Summary {
	if s, ok := w.reqs[fn]; ok {
		return s
	}
	if w.facts != nil {
		return w.facts.req(fn)
	}
	return nil
}

// pkgCtx is the context (flow.Context and its extensions) of the
// functions of one package.
type pkgCtx struct {
	w       *world
	info    *types.Info
	imports []fileImports // by file position

	// cfg is the configuration governing the package's directory (nil:
	// none): the wrappers and limiters it declares are what calls of
	// them do, whatever their bodies (if any is in sight) do.
	cfg *config.Config
	// declared and named hold the wrapper built for each declared
	// function (named: by the names of a callee that did not load), so
	// that the summaries' fixpoint compares the same pointer every round.
	mu       sync.Mutex
	declared map[*types.Func]*store.Wrapper
	named    map[string]*store.Wrapper
}

// fileImports are the package names a file imports, for imports that did
// not load.
type fileImports struct {
	start, end token.Pos
	names      map[string]string // name -> import path
}

func newPkgCtx(w *world, info *types.Info, files []*ast.File, cfg *config.Config) *pkgCtx {
	c := &pkgCtx{w: w, info: info, cfg: cfg, declared: make(map[*types.Func]*store.Wrapper), named: make(map[string]*store.Wrapper)}
	for _, f := range files {
		fi := fileImports{start: f.FileStart, end: f.FileEnd, names: make(map[string]string)}
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue
			}
			name := flow.PackageName(path)
			if spec.Name != nil {
				name = spec.Name.Name
			}
			fi.names[name] = path
		}
		c.imports = append(c.imports, fi)
	}
	return c
}

// ImportOf implements flow.Importer: the file holding id may be one of
// another package of the module (the type expression of a struct field
// declared there, c.data.Cache of a cache.Cache).
func (c *pkgCtx) ImportOf(id *ast.Ident) string {
	for _, fi := range c.imports {
		if fi.start <= id.Pos() && id.Pos() < fi.end {
			return fi.names[id.Name]
		}
	}
	return c.w.importOf(id)
}

// importOf looks id up in the imports of the world's files.
func (w *world) importOf(id *ast.Ident) string {
	i := sort.Search(len(w.imports), func(i int) bool { return w.imports[i].end > id.Pos() })
	if i < len(w.imports) && w.imports[i].start <= id.Pos() {
		return w.imports[i].names[id.Name]
	}
	return ""
}

// Callees implements flow.Context.
func (c *pkgCtx) Callees(call *ast.CallExpr) []*types.Func {
	if fns, ok := c.w.graph[call.Lparen]; ok {
		return fns
	}
	fn := flow.Callee(c.info, call)
	if fn == nil {
		return nil
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
		return c.w.implementations(fn)
	}
	return []*types.Func{fn.Origin()}
}

// ConstVar implements flow.Context.
func (c *pkgCtx) ConstVar(v *types.Var) (string, bool) {
	if s, ok := c.w.consts.value(v); ok {
		return s, true
	}
	if c.w.facts != nil {
		return c.w.facts.constVar(v)
	}
	return "", false
}

// VarInit implements flow.Initializer.
func (c *pkgCtx) VarInit(v *types.Var) ast.Expr {
	if in, ok := c.w.consts.init[v]; ok {
		return in.value
	}
	return nil
}

// TypeExpr implements flow.Declarer.
func (c *pkgCtx) TypeExpr(obj types.Object) ast.Expr { return c.w.decls[obj] }

// Wrapper implements store.Wrappers: the declared operation, or the
// summary's.
func (c *pkgCtx) Wrapper(fn *types.Func) *store.Wrapper {
	if w := c.Declared(fn); w != nil {
		return w
	}
	return c.w.wrapper(fn.Origin())
}

// proxy returns what the configuration says of the proxies in front of
// the package's code (RL008).
func (c *pkgCtx) proxy() config.TrustedProxy {
	if c.cfg == nil {
		return config.TrustedProxy{}
	}
	return c.cfg.TrustedProxy
}

// Declared implements store.Declarations.
func (c *pkgCtx) Declared(fn *types.Func) *store.Wrapper {
	if c.cfg == nil || len(c.cfg.Wrappers) == 0 {
		return nil
	}
	fn = fn.Origin()
	c.mu.Lock()
	defer c.mu.Unlock()
	w, ok := c.declared[fn]
	if !ok {
		w = declared.Wrapper(c.cfg, fn)
		c.declared[fn] = w
	}
	return w
}

// Returns implements taint.Returns.
func (c *pkgCtx) Returns(fn *types.Func, k taint.Kind) bool { return c.w.returnsKind(fn.Origin(), k) }

// DeclaredNamed implements store.Declarations.
func (c *pkgCtx) DeclaredNamed(names []string) *store.Wrapper {
	if c.cfg == nil || len(c.cfg.Wrappers) == 0 || len(names) == 0 {
		return nil
	}
	key := strings.Join(names, "\x00")
	c.mu.Lock()
	defer c.mu.Unlock()
	w, ok := c.named[key]
	if !ok {
		w = declared.Named(c.cfg, names)
		c.named[key] = w
	}
	return w
}

// DeciderNamed implements decide.NamedDeciders.
func (c *pkgCtx) DeciderNamed(names []string) bool {
	return declared.DecidesNamed(c.cfg, names)
}

// Decider implements decide.Deciders: a declared decision, or one the
// summaries found.
func (c *pkgCtx) Decider(fn *types.Func) bool {
	return declared.Decides(c.cfg, fn) || c.w.decider(fn.Origin())
}

// indexDecls records the type expressions that objects are declared
// with: parameters, results, struct fields, typed vars.
func indexDecls(decls map[types.Object]ast.Expr, info *types.Info, files []*ast.File) {
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Field:
				for _, id := range n.Names {
					if obj := info.Defs[id]; obj != nil {
						decls[obj] = n.Type
					}
				}
			case *ast.ValueSpec:
				if n.Type != nil {
					for _, id := range n.Names {
						if obj := info.Defs[id]; obj != nil {
							decls[obj] = n.Type
						}
					}
				}
			}
			return true
		})
	}
}

// guard turns a panic of the pass into an error naming the package.
func guard(pkg *types.Package, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("internal error in the summary pass on %s: %v\n%s", pkg.Path(), r, debug.Stack())
	}
}
