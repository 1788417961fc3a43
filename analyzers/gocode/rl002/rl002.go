package rl002

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/dynamo"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL002"

// Analyzer reports DynamoDB counter increments without a condition.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	for _, fn := range summary.Of(pass).Funcs() {
		checkFunc(pass, fn)
	}
	return nil, nil
}

func checkFunc(pass *analysis.Pass, fn *summary.Func) {
	f, inLimiter, parents := fn.Flow, fn.Limit, fn.Parents()
	ast.Inspect(f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if g := dynamo.Guregu(f, call); g != nil {
			if len(g.Adds) > 0 && !g.Conditional {
				checked := g.Out != nil && usesValue(f, addrOf(f, g.Out))
				if checked || inLimiter || limitctx.Text(g.Adds[0]) {
					report(pass, call, g.Adds[0], checked)
				}
			}
			return true
		}
		c := store.Classify(f, call)
		if c == nil || c.Kind != store.DynamoDB || c.Op != "UpdateItem" {
			return true
		}
		in := store.ResolveInput(f, c.Input)
		if in == nil || in.Set("Expected") || in.Set("ConditionalOperator") {
			return true
		}
		var attrs []string
		if b := dynamo.Built(f, in); b != nil {
			if b.Conditional {
				return true
			}
			attrs = b.Adds
		} else {
			if in.Set("ConditionExpression") {
				return true
			}
			attrs, _ = dynamo.Increments(f, in)
		}
		if len(attrs) == 0 {
			return true
		}
		checked := asksNew(f, in) && usesResponse(f, parents, call)
		table, _ := f.ConstString(in.One("TableName"))
		if !checked && !inLimiter && !limitctx.Text(attrs[0]) && !limitctx.Text(table) {
			// A counter nothing limits (page views): not this rule's
			// business.
			return true
		}
		report(pass, call, attrs[0], checked)
		return true
	})
}

func report(pass *analysis.Pass, call *ast.CallExpr, attr string, checked bool) {
	if checked {
		diag.Report(pass, id, rules.Medium, call, fmt.Sprintf(
			"UpdateItem increments %q without a ConditionExpression and checks the returned value only after the write, so rejected requests still write; add a ConditionExpression such as attribute_not_exists(%s) OR %s < :limit and treat ConditionalCheckFailedException as limited",
			attr, attr, attr))
		return
	}
	diag.Report(pass, id, rules.High, call, fmt.Sprintf(
		"UpdateItem increments %q without a ConditionExpression and nothing checks the new value, so the store never enforces the limit; add a ConditionExpression such as attribute_not_exists(%s) OR %s < :limit and treat ConditionalCheckFailedException as limited",
		attr, attr, attr))
}

// asksNew reports whether ReturnValues is UPDATED_NEW or ALL_NEW.
func asksNew(f *flow.Func, in *store.Input) bool {
	rv, ok := f.ConstString(in.One("ReturnValues"))
	return ok && (rv == "UPDATED_NEW" || rv == "ALL_NEW")
}

// usesResponse reports whether the response of call is used to decide:
// a value derived from it is compared or returned, or the call itself is
// returned or passed on.
func usesResponse(f *flow.Func, parents map[ast.Node]ast.Node, call *ast.CallExpr) bool {
	out := resultVar(f, parents, call)
	if out == nil {
		_, isAssign := parents[call].(*ast.AssignStmt)
		_, isExpr := parents[call].(*ast.ExprStmt)
		return !isAssign && !isExpr
	}
	return usesValue(f, out)
}

// usesValue reports whether a value derived from v is compared or
// returned.
func usesValue(f *flow.Func, v types.Object) bool {
	if v == nil {
		return false
	}
	derived := f.DerivedFrom(v)
	used := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if flow.IsComparison(n.Op) && (f.Mentions(n.X, derived) || f.Mentions(n.Y, derived)) {
				used = true
			}
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if f.Mentions(r, derived) {
					used = true
				}
			}
		}
		return !used
	})
	return used
}

// addrOf returns the variable of &v.
func addrOf(f *flow.Func, e ast.Expr) types.Object {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return f.Object(u.X)
	}
	return f.Object(e)
}

// resultVar returns the variable the call's first result is assigned to.
func resultVar(f *flow.Func, parents map[ast.Node]ast.Node, call *ast.CallExpr) types.Object {
	as, ok := parents[call].(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 {
		return nil
	}
	return f.Object(as.Lhs[0])
}
