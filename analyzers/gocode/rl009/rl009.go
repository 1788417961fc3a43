package rl009

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/dynamo"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL009"

// Analyzer reports limit decisions taken on eventually consistent
// DynamoDB reads.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	res := summary.Of(pass)
	for _, fn := range res.Funcs() {
		checkFunc(pass, res, fn)
	}
	return nil, nil
}

func message(op string) string {
	return fmt.Sprintf(
		"%s reads without ConsistentRead and its result decides the limit, so a burst of requests can all read a stale count and pass; set ConsistentRead: aws.Bool(true), or better drop the read and enforce the limit with a conditional UpdateItem (ADD with a ConditionExpression, see RL002)",
		op)
}

// checkCallers reports a read that a wrapper returns (the function does
// not compare it itself) when a caller decides the limit on it: the
// finding sits at the read, where ConsistentRead is missing.
func checkCallers(pass *analysis.Pass, res *summary.Result, fn *summary.Func, c *store.Call, in *store.Input, out types.Object) {
	w := fn.Wrapper()
	if w == nil || w.At != c.Expr.Pos() || w.Value < 0 || readsLimitOnly(fn.Flow, in, out) {
		return
	}
	for _, u := range res.Uses(fn.Obj) {
		v := u.Value()
		if v == nil {
			continue
		}
		cf := u.Caller.Flow
		cmp := comparison(cf, u.Caller.Parents(), v)
		if cmp == nil {
			continue
		}
		if !fn.Limit && !u.Caller.Limit && !concernsCounter(fn.Flow, in, out) && !limitctx.Text(words(cf.Info, cmp)) {
			continue
		}
		diag.Report(pass, id, rules.Medium, c.Expr, message(c.Op),
			diag.Related(cmp, "the result is compared here"),
			diag.Step(c.Expr, c.Op+" reads without ConsistentRead"),
			diag.Step(u.Call, diag.FuncName(fn.Obj)+" returns the result here"),
			diag.Step(cmp, "the result decides the limit here"))
		return
	}
}

func checkFunc(pass *analysis.Pass, res *summary.Result, fn *summary.Func) {
	f, inLimiter, parents := fn.Flow, fn.Limit, fn.Parents()
	ast.Inspect(f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		c := store.Classify(f, call)
		if c == nil || c.Kind != store.DynamoDB || c.Op != "GetItem" && c.Op != "Query" {
			return true
		}
		in := store.ResolveInput(f, c.Input)
		if in == nil || in.Set("IndexName") || consistent(f, in) || escapes(f, parents, c) {
			// A secondary index cannot be read consistently: the fix
			// is a different design, not a flag.
			return true
		}
		out := resultVar(f, parents, call)
		if out == nil {
			return true
		}
		cmp := comparison(f, parents, out)
		if cmp == nil {
			checkCallers(pass, res, fn, c, in, out)
			return true
		}
		if readsLimitOnly(f, in, out) {
			// The read loads the limit (a plan's max_requests), not
			// the count: a stale limit admits no burst.
			return true
		}
		if !inLimiter && !concernsCounter(f, in, out) && !limitctx.Text(words(f.Info, cmp)) {
			// Not limiter code and nothing says the data is a count
			// (a user profile, a feature flag): not this rule's business.
			return true
		}
		diag.Report(pass, id, rules.Medium, call, message(c.Op), diag.Related(cmp, "the result is compared here"))
		return true
	})
}

// consistent reports whether the input asks for a consistent read, or may:
// only an absent ConsistentRead, nil or a constant false count as not.
func consistent(f *flow.Func, in *store.Input) bool {
	for _, v := range in.Fields["ConsistentRead"] {
		if !provablyFalse(f, v, 0) {
			return true
		}
	}
	return false
}

// provablyFalse recognises nil, aws.Bool(false) of either SDK, and &v of a
// local variable only ever assigned false.
func provablyFalse(f *flow.Func, e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	e = ast.Unparen(e)
	if tv, ok := f.Info.Types[e]; ok && tv.IsNil() {
		return true
	}
	if tv, ok := f.Info.Types[e]; ok && tv.Value != nil {
		return tv.Value.Kind() == constant.Bool && !constant.BoolVal(tv.Value)
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		fn := flow.Callee(f.Info, e)
		if fn != nil && fn.Name() == "Bool" && fn.Pkg() != nil && len(e.Args) == 1 &&
			(fn.Pkg().Path() == "github.com/aws/aws-sdk-go/aws" || fn.Pkg().Path() == "github.com/aws/aws-sdk-go-v2/aws") {
			return provablyFalse(f, e.Args[0], depth+1)
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return provablyFalse(f, e.X, depth+1)
		}
	case *ast.Ident:
		obj := f.Object(e)
		if obj == nil {
			return false
		}
		defs := f.Defs(obj)
		if len(defs) == 0 {
			// var b bool: the zero value.
			if b, ok := obj.Type().Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
				return declaredWithoutValue(f, obj)
			}
			return false
		}
		for _, d := range defs {
			if !provablyFalse(f, d, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// declaredWithoutValue reports whether obj is declared by "var x bool".
func declaredWithoutValue(f *flow.Func, obj types.Object) bool {
	found := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Values) == 0 {
			for _, id := range vs.Names {
				if f.Info.Defs[id] == obj {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// escapes reports whether the input variable is handed to something other
// than a DynamoDB call, which might set ConsistentRead out of sight.
func escapes(f *flow.Func, parents map[ast.Node]ast.Node, c *store.Call) bool {
	e := ast.Unparen(c.Input)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	obj := f.Object(e)
	if obj == nil {
		return false
	}
	for _, u := range f.Uses(obj) {
		var n ast.Node = u
		if sel, ok := parents[n].(*ast.SelectorExpr); ok && sel.X == u {
			continue
		}
		if un, ok := parents[n].(*ast.UnaryExpr); ok && un.Op == token.AND {
			n = un
		}
		call, ok := parents[n].(*ast.CallExpr)
		if !ok {
			return true
		}
		sc := store.Classify(f, call)
		if sc == nil || sc.Kind != store.DynamoDB {
			return true
		}
	}
	return false
}

// resultVar returns the variable the call's output is assigned to.
func resultVar(f *flow.Func, parents map[ast.Node]ast.Node, call *ast.CallExpr) types.Object {
	switch p := parents[call].(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && len(p.Lhs) == 2 {
			return f.Object(p.Lhs[0])
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && len(p.Names) == 2 {
			return f.Object(p.Names[0])
		}
	}
	return nil
}

// comparison returns the first ordering comparison (<, <=, >, >=) of a
// value derived from out with something that is not the constant 0 (a
// test for "found anything") that decides, or nil.
func comparison(f *flow.Func, parents map[ast.Node]ast.Node, out types.Object) *ast.BinaryExpr {
	derived := f.DerivedFrom(out)
	var found *ast.BinaryExpr
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		b, ok := n.(*ast.BinaryExpr)
		if !ok {
			return true
		}
		switch b.Op {
		case token.LSS, token.LEQ, token.GTR, token.GEQ:
		default:
			return true
		}
		x, y := f.Mentions(b.X, derived), f.Mentions(b.Y, derived)
		switch {
		case x && !y && !f.IsZero(b.Y), y && !x && !f.IsZero(b.X):
			if decides(f, parents, b) {
				found = b
			}
		}
		return true
	})
	return found
}

// decides reports whether a comparison decides what the function does:
// it is returned, it is the condition of an if or a switch case whose
// branch leaves the function (return, panic, break, continue) or answers
// 429, or it is assigned to a variable that is returned or tested. A
// comparison that only clamps a value for a header does not decide.
func decides(f *flow.Func, parents map[ast.Node]ast.Node, b *ast.BinaryExpr) bool {
	var child ast.Node = b
	for p := parents[b]; p != nil; child, p = p, parents[p] {
		switch p := p.(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.IfStmt:
			if child != p.Cond {
				return false
			}
			return leaves(f, p.Body) || p.Else != nil && leaves(f, p.Else)
		case *ast.CaseClause:
			for _, e := range p.List {
				if e == child {
					return leaves(f, p)
				}
			}
			return false
		case *ast.AssignStmt, *ast.ValueSpec:
			return assignedAndUsed(f, parents, p, child)
		case *ast.FuncLit:
			return false
		case ast.Stmt:
			return false
		}
	}
	return false
}

// leaves reports whether n returns, panics, breaks or continues, or
// mentions 429.
func leaves(f *flow.Func, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		case *ast.BranchStmt:
			found = found || n.Tok == token.BREAK || n.Tok == token.CONTINUE
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "panic" {
				found = true
			}
		}
		return !found
	})
	return found || limitctx.MentionsStatus(f.Info, n, limitctx.Is429)
}

// assignedAndUsed reports whether the variable a comparison is assigned to
// (allowed := n < max) is returned or tested by an if.
func assignedAndUsed(f *flow.Func, parents map[ast.Node]ast.Node, stmt ast.Node, value ast.Node) bool {
	var id *ast.Ident
	switch s := stmt.(type) {
	case *ast.AssignStmt:
		if len(s.Lhs) == len(s.Rhs) {
			for i, r := range s.Rhs {
				if ast.Unparen(r) == value {
					id, _ = ast.Unparen(s.Lhs[i]).(*ast.Ident)
				}
			}
		}
	case *ast.ValueSpec:
		if len(s.Names) == len(s.Values) {
			for i, r := range s.Values {
				if ast.Unparen(r) == value {
					id = s.Names[i]
				}
			}
		}
	}
	if id == nil {
		return false
	}
	obj := f.Object(id)
	if obj == nil {
		return false
	}
	for _, u := range f.Uses(obj) {
		var child ast.Node = u
		for p := parents[u]; p != nil; child, p = p, parents[p] {
			if _, ok := p.(*ast.ReturnStmt); ok {
				return true
			}
			if ifs, ok := p.(*ast.IfStmt); ok {
				if child == ifs.Cond {
					return true
				}
				break
			}
			if _, ok := p.(ast.Stmt); ok {
				break
			}
		}
	}
	return false
}

// concernsCounter reports whether the read visibly concerns a counter or
// a limit: its table, expressions or attribute names, or a constant key
// looked up in its result (out.Item["hits"]).
func concernsCounter(f *flow.Func, in *store.Input, out types.Object) bool {
	for _, field := range []string{"TableName", "KeyConditionExpression", "ProjectionExpression", "FilterExpression"} {
		if limitctx.Text(textOf(f, in.One(field))) {
			return true
		}
	}
	entries, _ := dynamo.MapEntries(f, in, "ExpressionAttributeNames")
	for _, v := range entries {
		if s, ok := f.ConstString(v); ok && limitctx.Text(s) {
			return true
		}
	}
	derived := f.DerivedFrom(out)
	found := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if ix, ok := n.(*ast.IndexExpr); ok && f.Mentions(ix.X, derived) {
			if s, ok := f.ConstString(ix.Index); ok && limitctx.Text(s) {
				found = true
			}
		}
		return !found
	})
	return found
}

// resultKeys returns the constant attribute names looked up in values
// derived from out (out.Item["hits"]) and the names the input projects.
func resultKeys(f *flow.Func, in *store.Input, out types.Object) []string {
	derived := f.DerivedFrom(out)
	var keys []string
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if ix, ok := n.(*ast.IndexExpr); ok && f.Mentions(ix.X, derived) {
			if s, ok := f.ConstString(ix.Index); ok {
				keys = append(keys, s)
			}
		}
		return true
	})
	if s, ok := f.ConstString(in.One("ProjectionExpression")); ok {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" && !strings.HasPrefix(p, "#") {
				keys = append(keys, p)
			}
		}
	}
	return keys
}

// readsLimitOnly reports whether every attribute the function reads from
// the result names a limit (max_requests, rate_limit) and none a count.
func readsLimitOnly(f *flow.Func, in *store.Input, out types.Object) bool {
	keys := resultKeys(f, in, out)
	if len(keys) == 0 {
		return false
	}
	for _, k := range keys {
		if !limitWord(k) {
			return false
		}
	}
	return true
}

// limitWord reports whether a name speaks of a limit rather than a count.
func limitWord(name string) bool {
	for _, w := range counterkey.Words(name) {
		switch {
		case strings.Contains(w, "limit"), w == "max", w == "maximum", w == "capacity", w == "allowance", w == "burst", w == "rate":
			return true
		}
	}
	return false
}

// textOf is the constant value of e, or its source text.
func textOf(f *flow.Func, e ast.Expr) string {
	if e == nil {
		return ""
	}
	if s, ok := f.ConstString(e); ok {
		return s
	}
	return types.ExprString(e)
}

// words lists the identifiers of a comparison, for limitctx.Text: not
// those of one letter (n, i and x say nothing) nor the SDK's own fields
// (a Query's Count counts items, not requests).
func words(info *types.Info, e ast.Expr) string {
	var ws []string
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || len(id.Name) < 2 {
			return true
		}
		if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() && v.Pkg() != nil && strings.HasPrefix(v.Pkg().Path(), "github.com/aws/") {
			return true
		}
		ws = append(ws, id.Name)
		return true
	})
	return strings.Join(ws, " ")
}
