package dynamo

import (
	"go/ast"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
)

const exprPkg = "github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"

// BuiltUpdate is an UpdateItem input whose UpdateExpression comes from the
// aws-sdk-go-v2 expression builder (expr.Update() of
// expression.NewBuilder().WithUpdate(...).Build()).
type BuiltUpdate struct {
	// Adds lists the attributes the update increments: Add with a value
	// that is not a negative constant, Set(n, n.Plus(...)) and
	// Set(n, IfNotExists(n, ...).Plus(...)).
	Adds []string
	// Conditional is set when the input carries a condition: the builder
	// has WithCondition and ConditionExpression is expr.Condition(), or
	// ConditionExpression is set some other way.
	Conditional bool
}

// Built reads an input whose UpdateExpression is built with the
// expression package; it returns nil otherwise.
func Built(f *flow.Func, in *store.Input) *BuiltUpdate {
	call, ok := ast.Unparen(in.One("UpdateExpression")).(*ast.CallExpr)
	if !ok || !isExprMethod(f, call, "Update") {
		return nil
	}
	sel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	built := reachable(f, sel.X, 0)
	b := &BuiltUpdate{}
	withCondition := false
	for _, c := range built {
		switch {
		case isExprMethod(f, c, "WithCondition"):
			withCondition = true
		case isExprMethod(f, c, "WithUpdate") && len(c.Args) == 1:
			b.Adds = append(b.Adds, increments(f, c.Args[0])...)
		}
	}
	for _, v := range in.Fields["ConditionExpression"] {
		if cc, ok := ast.Unparen(v).(*ast.CallExpr); ok && isExprMethod(f, cc, "Condition") {
			b.Conditional = b.Conditional || withCondition
			continue
		}
		if id, ok := ast.Unparen(v).(*ast.Ident); ok && id.Name == "nil" {
			continue
		}
		b.Conditional = true
	}
	return b
}

// increments lists the counters an UpdateBuilder expression increments.
func increments(f *flow.Func, e ast.Expr) []string {
	var out []string
	for _, c := range reachable(f, e, 0) {
		if !isExprFunc(f, c, "Add") && !isExprFunc(f, c, "Set") || len(c.Args) != 2 {
			continue
		}
		name, ok := nameOf(f, c.Args[0])
		if !ok {
			continue
		}
		op := flow.Callee(f.Info, c)
		if op.Name() == "Add" {
			if v := valueArg(f, c.Args[1]); v == nil || !negative(f.Info, v) {
				out = append(out, name)
			}
			continue
		}
		// Set(n, n.Plus(v)) or Set(n, IfNotExists(n, z).Plus(v)).
		plus, sameName := false, false
		if n, ok := nameOf(f, c.Args[1]); ok && n == name {
			sameName = true
		}
		for _, oc := range reachable(f, c.Args[1], 0) {
			if isExprFunc(f, oc, "Plus") {
				plus = true
			}
			if n, ok := nameOf(f, oc); ok && n == name {
				sameName = true
			}
		}
		if plus && sameName {
			out = append(out, name)
		}
	}
	return out
}

// nameOf reads expression.Name("n").
func nameOf(f *flow.Func, e ast.Expr) (string, bool) {
	if obj := f.Object(e); obj != nil {
		if defs := f.Defs(obj); len(defs) == 1 {
			e = defs[0]
		}
	}
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !isExprFunc(f, c, "Name") || len(c.Args) != 1 {
		return "", false
	}
	return f.ConstString(c.Args[0])
}

// valueArg returns v of expression.Value(v).
func valueArg(f *flow.Func, e ast.Expr) ast.Expr {
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !isExprFunc(f, c, "Value") || len(c.Args) != 1 {
		return nil
	}
	return c.Args[0]
}

// reachable returns the calls in e, following local variables to the
// values assigned to them.
func reachable(f *flow.Func, e ast.Expr, depth int) []*ast.CallExpr {
	if e == nil || depth > 6 {
		return nil
	}
	var out []*ast.CallExpr
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			out = append(out, n)
		case *ast.Ident:
			if obj := f.Object(n); obj != nil {
				for _, d := range f.Defs(obj) {
					if d != e {
						out = append(out, reachable(f, d, depth+1)...)
					}
				}
			}
		}
		return true
	})
	return out
}

// isExprFunc reports whether call calls the expression package's function
// or method name.
func isExprFunc(f *flow.Func, call *ast.CallExpr, name string) bool {
	fn := flow.Callee(f.Info, call)
	return fn != nil && fn.Name() == name && fn.Pkg() != nil && fn.Pkg().Path() == exprPkg
}

// isExprMethod is isExprFunc for a method call.
func isExprMethod(f *flow.Func, call *ast.CallExpr, name string) bool {
	_, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && isExprFunc(f, call, name)
}
