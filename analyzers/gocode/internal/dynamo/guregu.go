package dynamo

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
)

// GureguUpdate is an UpdateItem built with guregu/dynamo's chain
// (table.Update("pk", k).Add("n", 1).If("n < ?", max).Run()).
type GureguUpdate struct {
	// Adds lists the attributes that Add increments (a negative constant
	// amount is a decrement and is left out).
	Adds []string
	// Conditional is set when the chain calls If.
	Conditional bool
	// Out is Value's destination argument, nil for Run.
	Out ast.Expr
}

// Guregu reads the update that call runs (Run, RunWithContext, Value,
// ValueWithContext on guregu/dynamo's *Update), following the chain and,
// when it starts from a local variable, the calls made on that variable.
// It returns nil for other calls.
func Guregu(f *flow.Func, call *ast.CallExpr) *GureguUpdate {
	fn := flow.Callee(f.Info, call)
	if !isGureguUpdate(fn) {
		return nil
	}
	u := &GureguUpdate{}
	switch fn.Name() {
	case "Run", "RunWithContext":
	case "Value", "ValueWithContext":
		if len(call.Args) > 0 {
			u.Out = call.Args[len(call.Args)-1]
		}
	default:
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	calls, root := chain(f, sel.X)
	if obj := f.Object(root); obj != nil {
		for _, d := range f.Defs(obj) {
			more, _ := chain(f, d)
			calls = append(calls, more...)
		}
		ast.Inspect(f.Body, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || c == call {
				return true
			}
			if s, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok && isGureguUpdate(flow.Callee(f.Info, c)) {
				if _, r := chain(f, s.X); f.Object(r) == obj {
					calls = append(calls, c)
				}
			}
			return true
		})
	}
	for _, c := range calls {
		switch flow.Callee(f.Info, c).Name() {
		case "If":
			u.Conditional = true
		case "Add":
			if len(c.Args) != 2 || negative(f.Info, c.Args[1]) {
				continue
			}
			name, ok := f.ConstString(c.Args[0])
			if !ok {
				name = "?"
			}
			u.Adds = append(u.Adds, name)
		}
	}
	return u
}

// chain returns the guregu Update method calls of a call chain, outermost
// first, and the expression the chain starts from.
func chain(f *flow.Func, e ast.Expr) ([]*ast.CallExpr, ast.Expr) {
	var calls []*ast.CallExpr
	for {
		c, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return calls, e
		}
		sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		if !ok {
			return calls, e
		}
		fn := flow.Callee(f.Info, c)
		if !isGureguUpdate(fn) && !isGureguTable(fn) {
			return calls, e
		}
		calls = append(calls, c)
		e = sel.X
	}
}

func isGureguPkg(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	p := fn.Pkg().Path()
	return p == "github.com/guregu/dynamo" || strings.HasPrefix(p, "github.com/guregu/dynamo/v")
}

// isGureguUpdate reports whether fn is a method of guregu/dynamo's Update.
func isGureguUpdate(fn *types.Func) bool {
	return isGureguPkg(fn) && flow.RecvName(fn) == "Update"
}

// isGureguTable reports whether fn is Table.Update, the chain's start.
func isGureguTable(fn *types.Func) bool {
	return isGureguPkg(fn) && flow.RecvName(fn) == "Table" && fn.Name() == "Update"
}

func negative(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.Value != nil && (tv.Value.Kind() == constant.Int || tv.Value.Kind() == constant.Float) && constant.Sign(tv.Value) < 0
}
