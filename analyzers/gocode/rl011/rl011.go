package rl011

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL011"

// Analyzer reports rate-limit state kept in process memory.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

const ratePkg = "golang.org/x/time/rate"

// kind is what a map's values hold.
type kind int

const (
	none    kind = iota
	counts       // numbers, timestamps, logs of timestamps
	limiter      // golang.org/x/time/rate limiters
)

// valueKind says what a map value type holds: a *rate.Limiter (directly
// or in a field of the struct it points to) or a count or time (a
// number, time.Time, a slice of them, or a struct with such a field).
// Deeper values (a limiter of a struct a field points to) belong to
// something else the map holds (a topic's owner), not to the key.
func valueKind(t types.Type, depth int) kind {
	if depth > 1 {
		return none
	}
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if named, ok := t.(*types.Named); ok && named.Obj().Pkg() != nil {
		switch path, name := named.Obj().Pkg().Path(), named.Obj().Name(); {
		case path == ratePkg && name == "Limiter":
			return limiter
		case path == "time" && name == "Time":
			return counts
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsNumeric != 0 {
			return counts
		}
	case *types.Slice:
		if valueKind(u.Elem(), depth+1) == counts {
			return counts
		}
	case *types.Struct:
		best := none
		for i := 0; i < u.NumFields(); i++ {
			if k := valueKind(u.Field(i).Type(), depth+1); k > best {
				best = k
			}
		}
		return best
	}
	return none
}

// container is a map that lives as long as the process: a package-level
// variable, or a field of a struct the process keeps one of.
type container struct {
	obj    *types.Var
	kind   kind
	writes []ast.Node // per-key writes outside init
	decide ast.Node   // the decision on a per-key read (counts)
}

func run(pass *analysis.Pass) (any, error) {
	res := summary.Of(pass)
	c := &checker{pass: pass, res: res, found: make(map[*types.Var]*container)}
	for _, fn := range res.Funcs() {
		c.scan(fn)
	}
	var list []*container
	for _, ct := range c.found {
		switch {
		case ct == nil, len(ct.writes) == 0:
			// read only: configuration, an allow list
		case ct.kind == limiter, ct.decide != nil:
			list = append(list, ct)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].obj.Pos() < list[j].obj.Pos() })
	for _, ct := range list {
		c.report(ct)
	}
	return nil, nil
}

type checker struct {
	pass     *analysis.Pass
	res      *summary.Result
	found    map[*types.Var]*container
	evidence *evidence
}

// mapOf returns the process-wide map e names, or nil.
func (c *checker) mapOf(f *flow.Func, e ast.Expr) *container {
	var v *types.Var
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ = f.Info.Uses[e].(*types.Var)
		if v == nil || v.Pkg() != c.pass.Pkg || v.Parent() != c.pass.Pkg.Scope() {
			return nil // a local: per request
		}
	case *ast.SelectorExpr:
		sel := f.Info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal {
			return nil
		}
		v, _ = sel.Obj().(*types.Var)
		if v == nil || v.Pkg() != c.pass.Pkg || !c.longLived(sel.Recv(), v) {
			return nil
		}
	default:
		return nil
	}
	if ct, ok := c.found[v]; ok {
		return ct
	}
	if isSyncMap(v.Type()) {
		// Its kind is what Store and LoadOrStore put in it.
		ct := &container{obj: v, kind: none}
		c.found[v] = ct
		return ct
	}
	m, ok := v.Type().Underlying().(*types.Map)
	if !ok {
		c.found[v] = nil
		return nil
	}
	k := valueKind(m.Elem(), 0)
	if k == none {
		c.found[v] = nil
		return nil
	}
	ct := &container{obj: v, kind: k}
	c.found[v] = ct
	return ct
}

// longLived reports whether values of recv's struct type live as long as
// the process: the type serves requests (a ServeHTTP method, or a method
// that returns a handler or middleware), a package-level variable holds
// one, or, for a map of limiters or one on a type named for limiting,
// the type exists to limit.
func (c *checker) longLived(recv types.Type, field *types.Var) bool {
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	named, ok := types.Unalias(recv).(*types.Named)
	if !ok {
		return false
	}
	if counterkey.IsLimitFunc(named.Obj().Name()) {
		return true
	}
	if m, ok := field.Type().Underlying().(*types.Map); ok && valueKind(m.Elem(), 0) == limiter || isSyncMap(field.Type()) {
		return true
	}
	for i := 0; i < named.NumMethods(); i++ {
		if serves(named.Method(i)) {
			return true
		}
	}
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok {
			t := v.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if types.Identical(t, named) {
				return true
			}
		}
	}
	return false
}

// serves reports whether a method answers requests: ServeHTTP, or it
// returns a handler or a middleware of net/http, gin, echo or fiber.
func serves(m *types.Func) bool {
	if m.Name() == "ServeHTTP" {
		return true
	}
	sig, ok := m.Type().(*types.Signature)
	if !ok || sig.Results().Len() != 1 {
		return false
	}
	return handlerType(sig.Results().At(0).Type())
}

func handlerType(t types.Type) bool {
	if named, ok := types.Unalias(t).(*types.Named); ok && named.Obj().Pkg() != nil {
		switch named.Obj().Pkg().Path() {
		case "net/http":
			return named.Obj().Name() == "Handler" || named.Obj().Name() == "HandlerFunc"
		case "github.com/gin-gonic/gin", "github.com/labstack/echo/v4", "github.com/gofiber/fiber/v2":
			return true
		}
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if handlerType(sig.Params().At(i).Type()) {
			return true
		}
	}
	for i := 0; i < sig.Results().Len(); i++ {
		if handlerType(sig.Results().At(i).Type()) {
			return true
		}
	}
	return false
}

// scan records fn's per-key writes of process-wide maps and the limit
// decisions on their per-key reads.
func (c *checker) scan(fn *summary.Func) {
	f := fn.Flow
	initFn := fn.Decl.Recv == nil && fn.Decl.Name.Name == "init"
	parents := fn.Parents()
	reads := make(map[*container][]*ast.IndexExpr)
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !initFn {
			c.syncStore(f, call)
		}
		ix, ok := n.(*ast.IndexExpr)
		if !ok {
			return true
		}
		ct := c.mapOf(f, ix.X)
		if ct == nil || constant(f, ix.Index) {
			return true
		}
		if written(parents, ix) {
			if !initFn {
				ct.writes = append(ct.writes, ix)
			}
		} else {
			reads[ct] = append(reads[ct], ix)
		}
		return true
	})
	for ct, rs := range reads {
		if ct.kind != counts || ct.decide != nil {
			continue
		}
		if d := decision(f, parents, rs); d != nil {
			ct.decide = d
		}
	}
}

// isSyncMap reports whether t is sync.Map (or a pointer to one).
func isSyncMap(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "sync" && named.Obj().Name() == "Map"
}

// syncStore records m.Store(k, v), m.LoadOrStore(k, v) and m.Swap(k, v)
// on a process-wide sync.Map, under a key that is not a constant, of a
// value that holds a rate.Limiter.
func (c *checker) syncStore(f *flow.Func, call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 2 {
		return
	}
	switch sel.Sel.Name {
	case "Store", "LoadOrStore", "Swap":
	default:
		return
	}
	if t := f.Info.TypeOf(sel.X); t == nil || !isSyncMap(t) {
		return
	}
	ct := c.mapOf(f, sel.X)
	if ct == nil || constant(f, call.Args[0]) || valueKind(f.Info.TypeOf(call.Args[1]), 0) != limiter {
		return
	}
	ct.kind = limiter
	ct.writes = append(ct.writes, call)
}

// constant reports whether a map key is a constant (one entry for every
// client, not per client).
func constant(f *flow.Func, e ast.Expr) bool {
	tv, ok := f.Info.Types[e]
	return ok && tv.Value != nil
}

// written reports whether a map index is the target of an assignment,
// an increment, or an append into itself (m[k] = append(m[k], now)).
func written(parents map[ast.Node]ast.Node, ix *ast.IndexExpr) bool {
	var n ast.Node = ix
	for p := parents[n]; p != nil; n, p = p, parents[p] {
		switch p := p.(type) {
		case *ast.SelectorExpr, *ast.ParenExpr:
			continue // m[k].count++
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if l == n {
					return true
				}
			}
			return false
		case *ast.IncDecStmt:
			return p.X == n
		}
		return false
	}
	return false
}

// decision returns the first ordered comparison of f on a per-key read
// of the map (directly, through len, or through variables derived from
// it) that decides: the condition of an if or a returned value.
func decision(f *flow.Func, parents map[ast.Node]ast.Node, reads []*ast.IndexExpr) ast.Node {
	isRead := make(map[ast.Node]bool)
	for _, r := range reads {
		isRead[r] = true
	}
	derived := f.Derived(func(n ast.Node) bool { return isRead[n] })
	var found ast.Node
	ast.Inspect(f.Body, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if !ok || found != nil || !ordered(b.Op) {
			return found == nil
		}
		if !mentions(f, b, isRead, derived) || !decides(f, parents, b) {
			return true
		}
		found = b
		return false
	})
	return found
}

func mentions(f *flow.Func, n ast.Node, reads map[ast.Node]bool, derived map[types.Object]bool) bool {
	return flow.Contains(n, func(m ast.Node) bool { return reads[m] }) || f.Mentions(n, derived)
}

// decides reports whether a comparison is an if condition (or part of
// one) or a returned value, directly or through a variable it is
// assigned to (over := c.count > max; if over).
func decides(f *flow.Func, parents map[ast.Node]ast.Node, cmp ast.Node) bool {
	n := cmp
	for p := parents[n]; p != nil; n, p = p, parents[p] {
		switch p := p.(type) {
		case *ast.ParenExpr, *ast.UnaryExpr:
			continue
		case *ast.BinaryExpr:
			if p.Op == token.LAND || p.Op == token.LOR {
				continue
			}
			return false
		case *ast.IfStmt:
			return p.Cond == n
		case *ast.ReturnStmt:
			return true
		case *ast.AssignStmt:
			if len(p.Lhs) != len(p.Rhs) {
				return false
			}
			for i, r := range p.Rhs {
				if r == n {
					return usedInDecision(f, f.Object(p.Lhs[i]))
				}
			}
		}
		return false
	}
	return false
}

// usedInDecision reports whether a variable is an if condition's or a
// returned value's.
func usedInDecision(f *flow.Func, v types.Object) bool {
	if v == nil {
		return false
	}
	set := map[types.Object]bool{v: true}
	found := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			found = found || f.Mentions(n.Cond, set)
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				found = found || f.Mentions(r, set)
			}
		}
		return !found
	})
	return found
}

func ordered(op token.Token) bool {
	return op == token.LSS || op == token.LEQ || op == token.GTR || op == token.GEQ
}

// report reports a container at its declaration.
func (c *checker) report(ct *container) {
	if c.evidence == nil {
		c.evidence = findEvidence(c.pass)
	}
	what := "this map holds rate-limit counts in process memory"
	if ct.kind == limiter {
		what = "this map holds a rate.Limiter per client in process memory"
	}
	var related []analysis.RelatedInformation
	if ct.decide != nil {
		related = append(related, diag.Related(ct.decide, "the limit is decided on it here"))
	}
	related = append(related, diag.Related(ct.writes[0], "it is written here"))
	msg := what + ", so every replica (and every process) of the service counts on its own and the real limit is the limit times the number of instances" +
		c.evidence.note() + "; keep the counts in a store they share (Redis INCR with an expiry in one pipeline, a database row)"
	diag.Report(c.pass, id, c.evidence.severity(), ident(ct.obj, c.pass), msg, related...)
}

// ident returns the identifier that declares v in the package's files.
func ident(v *types.Var, pass *analysis.Pass) ast.Node {
	for _, file := range pass.Files {
		if file.Pos() <= v.Pos() && v.Pos() < file.End() {
			var found ast.Node
			ast.Inspect(file, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && id.Pos() == v.Pos() {
					found = id
				}
				return found == nil
			})
			if found != nil {
				return found
			}
		}
	}
	return &ast.Ident{NamePos: v.Pos(), Name: v.Name()}
}
