// Package flow is a small intra-procedural def-use helper for the Go
// analyzers: what a local variable was assigned, which of its fields were
// set, which variables derive from a value, and constant strings.
//
// It is deliberately flow-insensitive: a variable's definitions are all the
// values assigned to it anywhere in the function, closures included. What
// lies beyond the function (the targets of dynamic calls, package-level
// variables that hold constant text, what other functions do) comes from
// a Context, which the summary pass provides.
package flow

import (
	"cmp"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"iter"
	"slices"
	"strings"
)

// Context is what is known beyond one function body. The summary pass
// (analyzers/gocode/internal/summary) implements it; the packages built
// on flow look for further methods on it (store's Wrapper) with type
// assertions, so that flow need not know them.
type Context interface {
	// Callees returns the functions call may run: its static callee, or,
	// for an interface method or a function value, the implementations
	// the call graph resolves it to. nil when nothing is known.
	Callees(call *ast.CallExpr) []*types.Func
	// ConstVar returns the value of a package-level string variable that
	// is initialised with a constant and never assigned again (SQL or
	// expression text kept in a var instead of a const).
	ConstVar(v *types.Var) (string, bool)
}

// Func holds the definitions and uses of the variables of one function body.
type Func struct {
	Info *types.Info
	Body *ast.BlockStmt
	// Ctx is what is known beyond the body; nil for New's functions.
	Ctx Context

	defs   map[types.Object][]ast.Expr
	fields map[types.Object]map[string][]ast.Expr
	uses   map[types.Object][]*ast.Ident
}

// New indexes body. info may lack entries (partial type information):
// identifiers without an object are simply not tracked.
func New(info *types.Info, body *ast.BlockStmt) *Func { return NewIn(nil, info, body) }

// NewIn indexes body with a context (which may be nil).
func NewIn(ctx Context, info *types.Info, body *ast.BlockStmt) *Func {
	f := &Func{
		Ctx:    ctx,
		Info:   info,
		Body:   body,
		defs:   make(map[types.Object][]ast.Expr),
		fields: make(map[types.Object]map[string][]ast.Expr),
		uses:   make(map[types.Object][]*ast.Ident),
	}
	if body == nil {
		return f
	}
	written := make(map[*ast.Ident]bool) // plain assignment targets: not reads
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			f.assign(n.Lhs, n.Rhs)
			if n.Tok == token.ASSIGN || n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok {
						written[id] = true
					}
				}
			}
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			f.assign(lhs, n.Values)
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if obj := f.Object(e); obj != nil {
					f.defs[obj] = append(f.defs[obj], n.X)
				}
			}
		case *ast.CallExpr:
			// b.WriteString(x) on a strings.Builder or bytes.Buffer: the
			// call defines b.
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && isBuffer(info.TypeOf(sel.X)) {
				if obj := f.Object(sel.X); obj != nil {
					f.defs[obj] = append(f.defs[obj], n)
				}
			}
			// &v passed to a call (Scan(&n), json.Unmarshal(b, &v)):
			// the call defines v.
			for _, a := range n.Args {
				if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
					if obj := f.Object(u.X); obj != nil {
						f.defs[obj] = append(f.defs[obj], n)
					}
				}
			}
		case *ast.Ident:
			if obj := info.Uses[n]; obj != nil && !written[n] {
				f.uses[obj] = append(f.uses[obj], n)
			}
		}
		return true
	})
	return f
}

// isBuffer reports whether t is strings.Builder or bytes.Buffer, or a
// pointer to one.
func isBuffer(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	path, name := n.Obj().Pkg().Path(), n.Obj().Name()
	return path == "strings" && name == "Builder" || path == "bytes" && name == "Buffer"
}

func (f *Func) assign(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		var r ast.Expr
		switch {
		case len(lhs) == len(rhs):
			r = rhs[i]
		case len(rhs) == 1:
			r = rhs[0]
		default:
			continue
		}
		if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
			if obj := f.Object(sel.X); obj != nil {
				m := f.fields[obj]
				if m == nil {
					m = make(map[string][]ast.Expr)
					f.fields[obj] = m
				}
				m[sel.Sel.Name] = append(m[sel.Sel.Name], r)
			}
			continue
		}
		if obj := f.Object(l); obj != nil {
			f.defs[obj] = append(f.defs[obj], r)
		}
	}
}

// Object returns the local variable that e (an identifier, possibly
// parenthesized) denotes, or nil.
func (f *Func) Object(e ast.Expr) types.Object {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	obj := f.Info.Defs[id]
	if obj == nil {
		obj = f.Info.Uses[id]
	}
	if v, ok := obj.(*types.Var); ok && !v.IsField() {
		return v
	}
	return nil
}

// Defs returns the values assigned to obj in the body, in source order.
// A call that received &obj counts as a definition, and so does a write
// to a strings.Builder or bytes.Buffer (b.WriteString(x)).
func (f *Func) Defs(obj types.Object) []ast.Expr { return f.defs[obj] }

// Vars returns the variables the body assigns, in source order of their
// declaration.
func (f *Func) Vars() []types.Object {
	out := make([]types.Object, 0, len(f.defs))
	for obj := range f.defs {
		out = append(out, obj)
	}
	slices.SortFunc(out, func(a, b types.Object) int { return cmp.Compare(a.Pos(), b.Pos()) })
	return out
}

// FieldSets returns the values assigned to obj.field in the body.
func (f *Func) FieldSets(obj types.Object, field string) []ast.Expr {
	return f.fields[obj][field]
}

// Uses returns the identifiers that read obj (targets of = and := are
// left out).
func (f *Func) Uses(obj types.Object) []*ast.Ident { return f.uses[obj] }

// Mentions reports whether e refers to any object in set.
func (f *Func) Mentions(e ast.Node, set map[types.Object]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && set[f.Info.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}

// Derived returns the variables whose value derives from a node for which
// src returns true, directly or through other variables of the body.
func (f *Func) Derived(src func(ast.Node) bool) map[types.Object]bool {
	out := make(map[types.Object]bool)
	for changed := true; changed; {
		changed = false
		for obj, defs := range f.defs {
			if out[obj] {
				continue
			}
			for _, d := range defs {
				if contains(d, src) || f.Mentions(d, out) {
					out[obj] = true
					changed = true
					break
				}
			}
		}
	}
	return out
}

// DerivedFrom returns the variables vars and those whose value derives
// from one of them, directly or through other variables of the body.
func (f *Func) DerivedFrom(vars ...types.Object) map[types.Object]bool {
	set := make(map[types.Object]bool, len(vars))
	for _, v := range vars {
		if v != nil {
			set[v] = true
		}
	}
	out := f.Derived(func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		return ok && set[f.Info.Uses[id]]
	})
	for v := range set {
		out[v] = true
	}
	return out
}

// IsZero reports whether e is a constant equal to zero (0, 0.0, a named
// constant that is 0).
func (f *Func) IsZero(e ast.Expr) bool {
	tv, ok := f.Info.Types[ast.Unparen(e)]
	return ok && tv.Value != nil && tv.Value.Kind() != constant.Unknown && constant.Sign(tv.Value) == 0
}

// CompositeLit returns the composite literal e is, or that the local
// variable e names is always assigned (its one definition); nil when the
// value is built out of sight.
func (f *Func) CompositeLit(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if obj := f.Object(e); obj != nil {
		defs := f.Defs(obj)
		if len(defs) != 1 {
			return nil
		}
		e = ast.Unparen(defs[0])
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }

// ReturnsVerdict reports whether a signature returns a verdict first and
// an error last: (bool, error), (int, error), (*Result, error), (Result,
// ..., error).
func ReturnsVerdict(sig *types.Signature) bool {
	n := sig.Results().Len()
	if n < 2 || !IsError(sig.Results().At(n-1).Type()) {
		return false
	}
	switch t := sig.Results().At(0).Type().Underlying().(type) {
	case *types.Basic:
		return t.Info()&(types.IsBoolean|types.IsInteger) != 0
	case *types.Pointer, *types.Struct:
		return true
	}
	return false
}

func contains(e ast.Node, pred func(ast.Node) bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if n != nil && pred(n) {
			found = true
		}
		return !found
	})
	return found
}

// Contains reports whether the tree of e holds a node for which pred is
// true.
func Contains(e ast.Node, pred func(ast.Node) bool) bool { return contains(e, pred) }

// ConstString evaluates e to a constant string: constants (also
// package-level ones and concatenations), aws.String("...") of either AWS
// SDK, and local variables whose every assignment is the same constant.
func (f *Func) ConstString(e ast.Expr) (string, bool) {
	return f.constString(e, 0)
}

func (f *Func) constString(e ast.Expr, depth int) (string, bool) {
	if e == nil || depth > 8 {
		return "", false
	}
	e = ast.Unparen(e)
	if tv, ok := f.Info.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() == constant.String {
			return constant.StringVal(tv.Value), true
		}
		return "", false
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := f.constString(e.X, depth+1)
		y, ok2 := f.constString(e.Y, depth+1)
		return x + y, ok1 && ok2
	case *ast.CallExpr:
		if f.isAWSString(e) {
			return f.constString(e.Args[0], depth+1)
		}
	case *ast.SelectorExpr:
		// pkg.Var of another package.
		if v, ok := f.Info.Uses[e.Sel].(*types.Var); ok && f.Ctx != nil && isPackageVar(v) {
			return f.Ctx.ConstVar(v)
		}
	case *ast.Ident:
		if v, ok := f.Info.Uses[e].(*types.Var); ok && f.Ctx != nil && isPackageVar(v) {
			return f.Ctx.ConstVar(v)
		}
		obj := f.Object(e)
		if obj == nil {
			return "", false
		}
		defs := f.defs[obj]
		if len(defs) == 0 {
			return "", false
		}
		var val string
		for i, d := range defs {
			s, ok := f.constString(d, depth+1)
			if !ok || i > 0 && s != val {
				return "", false
			}
			val = s
		}
		return val, true
	}
	return "", false
}

// isPackageVar reports whether v is a package-level variable.
func isPackageVar(v *types.Var) bool {
	return !v.IsField() && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// isAWSString reports whether call is aws.String(x) of aws-sdk-go or
// aws-sdk-go-v2.
// When the aws package did not load (dependencies missing from the module
// cache), the call is recognised by its import path.
func (f *Func) isAWSString(call *ast.CallExpr) bool {
	if len(call.Args) != 1 {
		return false
	}
	var p string
	if fn := Callee(f.Info, call); fn != nil {
		if fn.Name() != "String" || fn.Pkg() == nil {
			return false
		}
		p = fn.Pkg().Path()
	} else if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "String" {
		p = f.ImportPath(sel)
	}
	return p == "github.com/aws/aws-sdk-go/aws" || p == "github.com/aws/aws-sdk-go-v2/aws"
}

// ImportPath returns the import path of the package sel selects from
// (pkg.Name), or "" when sel.X is not a package name. It needs no type
// information of the imported package: go/types records the import even
// when the package failed to load.
func ImportPath(info *types.Info, sel *ast.SelectorExpr) string {
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return ""
	}
	if pn, ok := info.Uses[id].(*types.PkgName); ok {
		return pn.Imported().Path()
	}
	return ""
}

// Callee returns the function or method call invokes, or nil when it is
// not a static call of a known function (a conversion, a func value,
// missing type information).
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	return FuncOf(info, call.Fun)
}

// Callees returns the functions call may run: those the context resolves
// it to, else its static callee.
func (f *Func) Callees(call *ast.CallExpr) []*types.Func {
	if f.Ctx != nil {
		if fns := f.Ctx.Callees(call); len(fns) > 0 {
			return fns
		}
	}
	if fn := Callee(f.Info, call); fn != nil {
		return []*types.Func{fn}
	}
	return nil
}

// FuncOf returns the function or method e names (an identifier or a
// selector, possibly instantiated: DoWithData[int]), or nil for other
// expressions (a func value, a conversion, missing type information).
func FuncOf(info *types.Info, e ast.Expr) *types.Func {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.IndexExpr:
		e = ast.Unparen(x.X)
	case *ast.IndexListExpr:
		e = ast.Unparen(x.X)
	}
	var id *ast.Ident
	switch x := e.(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	return fn
}

// RecvName returns the name of the named type a method is declared on
// (through a pointer), or "" for functions and methods of unnamed types.
func RecvName(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// Parents maps every node under root to its parent, parentheses skipped:
// the parent of a parenthesized expression's content is the node above the
// parentheses.
func Parents(root ast.Node) map[ast.Node]ast.Node {
	parents := make(map[ast.Node]ast.Node)
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		for i := len(stack) - 1; i >= 0; i-- {
			if _, ok := stack[i].(*ast.ParenExpr); !ok {
				parents[n] = stack[i]
				break
			}
		}
		stack = append(stack, n)
		return true
	})
	return parents
}

// IsComparison reports whether op compares two values.
func IsComparison(op token.Token) bool {
	switch op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
		return true
	}
	return false
}

// FuncDecls yields the function declarations of files that have a body,
// in source order: the unit every analyzer judges.
func FuncDecls(files []*ast.File) iter.Seq[*ast.FuncDecl] {
	return func(yield func(*ast.FuncDecl) bool) {
		for _, file := range files {
			for _, decl := range file.Decls {
				if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil && !yield(fd) {
					return
				}
			}
		}
	}
}

// Declarer is implemented by a Context that knows the syntax objects were
// declared with.
type Declarer interface {
	// TypeExpr returns the type expression obj was declared with (a
	// parameter, a struct field, a var with a type), or nil.
	TypeExpr(obj types.Object) ast.Expr
}

// TypeSource names the type of e from syntax when its package did not
// load: the import path and name of the type e is declared with (var rdb
// *redis.Client, a struct field, a parameter) or of the function whose
// result it holds (redis.NewClient); a method of such a value is taken to
// return a value of the same package (rdb.TxPipeline(), pool.Get()), and
// is named instead of the type. With type information it is the named
// type itself. It returns "", "" when unknown.
func (f *Func) TypeSource(e ast.Expr) (path, name string) {
	return f.typeSource(e, 0)
}

func (f *Func) typeSource(e ast.Expr, depth int) (string, string) {
	if e == nil || depth > 4 {
		return "", ""
	}
	e = ast.Unparen(e)
	if path, name := namedOf(f.Info.TypeOf(e)); path != "" {
		return path, name
	}
	switch x := e.(type) {
	case *ast.StarExpr:
		return f.typeSource(x.X, depth+1)
	case *ast.UnaryExpr:
		return f.typeSource(x.X, depth+1)
	case *ast.CompositeLit:
		return f.typeExprSource(x.Type)
	case *ast.CallExpr:
		if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
			if p := f.ImportPath(sel); p != "" {
				return p, sel.Sel.Name
			}
			// A client's method hands out an object of its own package
			// (rdb.TxPipeline(), pool.Get()).
			if p, _ := f.typeSource(sel.X, depth+1); p != "" {
				return p, sel.Sel.Name
			}
		}
	case *ast.Ident, *ast.SelectorExpr:
		id, _ := x.(*ast.Ident)
		if sel, ok := x.(*ast.SelectorExpr); ok {
			id = sel.Sel
		}
		obj := f.Info.Uses[id]
		if obj == nil {
			obj = f.Info.Defs[id]
		}
		if d, ok := f.Ctx.(Declarer); ok && obj != nil {
			if te := d.TypeExpr(obj); te != nil {
				return f.typeExprSource(te)
			}
		}
		if v := f.Object(x); v != nil {
			for _, d := range f.Defs(v) {
				if p, n := f.typeSource(d, depth+1); p != "" {
					return p, n
				}
			}
		}
	}
	return "", ""
}

// typeExprSource names the type a type expression refers to by its import
// path: *redis.Client, []pkg.T.
func (f *Func) typeExprSource(te ast.Expr) (string, string) {
	for {
		switch x := ast.Unparen(te).(type) {
		case *ast.StarExpr:
			te = x.X
			continue
		case *ast.ArrayType:
			te = x.Elt
			continue
		case *ast.SelectorExpr:
			if p := f.ImportPath(x); p != "" {
				return p, x.Sel.Name
			}
		}
		return "", ""
	}
}

// namedOf returns the package path and name of a named type (or a pointer
// to one) whose package is known.
func namedOf(t types.Type) (string, string) {
	if t == nil {
		return "", ""
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return "", ""
	}
	return n.Obj().Pkg().Path(), n.Obj().Name()
}

// Initializer is implemented by a Context that knows the initialisers of
// package-level variables.
type Initializer interface {
	// VarInit returns the expression v is initialised with, nil when
	// unknown (a variable of a package outside the analysis).
	VarInit(v *types.Var) ast.Expr
}

// ConstSource returns the expression that gives e its constant text: the
// initialiser of the package-level variable e names (var q = "UPDATE
// ..."), when that variable holds constant text and the context knows it;
// e itself otherwise. Findings about the text then point at the text.
func (f *Func) ConstSource(e ast.Expr) ast.Expr {
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return e
	}
	v, ok := f.Info.Uses[id].(*types.Var)
	if !ok || f.Ctx == nil || !isPackageVar(v) {
		return e
	}
	if _, ok := f.Ctx.ConstVar(v); !ok {
		return e
	}
	if in, ok := f.Ctx.(Initializer); ok {
		if init := in.VarInit(v); init != nil {
			return init
		}
	}
	return e
}

// Importer is implemented by a Context that knows the imports of the
// package's files.
type Importer interface {
	// ImportOf returns the import path that an identifier names in its
	// file (a package name), "" when none.
	ImportOf(id *ast.Ident) string
}

// ImportPath is ImportPath of sel, also when the imported package did not
// load: go/types declares no name for a package it could not import, so
// the name is then looked up in the file's imports through the context.
func (f *Func) ImportPath(sel *ast.SelectorExpr) string {
	if p := ImportPath(f.Info, sel); p != "" {
		return p
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || f.Info.Uses[id] != nil || f.Info.Defs[id] != nil {
		return ""
	}
	if im, ok := f.Ctx.(Importer); ok {
		return im.ImportOf(id)
	}
	return ""
}

// PackageName guesses the name of the package at an import path when it
// did not load: its last element without a major-version suffix (/v9),
// a go- prefix or a -go suffix (github.com/redis/go-redis/v9 is redis).
func PackageName(path string) string {
	parts := strings.Split(path, "/")
	name := parts[len(parts)-1]
	if len(parts) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = parts[len(parts)-2]
	}
	if i := strings.Index(name, ".v"); i > 0 { // gopkg.in/yaml.v3
		name = name[:i]
	}
	name = strings.TrimPrefix(strings.TrimSuffix(name, "-go"), "go-")
	return strings.ReplaceAll(name, "-", "")
}
