package rl003

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/decide"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
	"github.com/rlcheck/rlcheck/internal/verdict"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL003"

// Analyzer reports swallowed errors of rate-limit decisions.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

// fixFor names the fix for the store the decision uses.
func fixFor(c *decide.Call) string {
	if c.Store != nil && c.Store.Kind == store.DynamoDB {
		return "answer 429 only for ConditionalCheckFailedException (errors.As with *types.ConditionalCheckFailedException, or awserr Code() in aws-sdk-go v1) and let every other error surface as a 5xx"
	}
	return "handle only the expected error (errors.Is with redis.Nil or sql.ErrNoRows, or the limiter's own sentinel) and let every other error surface as a 5xx"
}

func run(pass *analysis.Pass) (any, error) {
	res := summary.Of(pass)
	for _, fn := range res.Funcs() {
		f := fn.Flow
		deciding := false
		for _, c := range decide.Find(f) {
			if (c.Counter || fn.Limit) && !existenceCount(f, c) {
				deciding = true
				checkCall(pass, f, fn.Parents(), c, flowOf(res, c))
			}
		}
		if deciding {
			checkRecover(pass, fn.Decl)
		}
	}
	return nil, nil
}

// flowOf returns the steps from a deciding call to the counter call whose
// error it returns, when that is in another function: a wrapper of the
// module, or a limit decision of the module.
func flowOf(res *summary.Result, c *decide.Call) []analysis.RelatedInformation {
	if c.Store != nil {
		return diag.Through(c.Store, "the decision is made")
	}
	fn, at := res.Decision(c.Expr)
	if fn == nil {
		return nil
	}
	steps := []analysis.RelatedInformation{diag.Step(c.Expr, "the decision is made here, by "+diag.FuncName(fn))}
	if at.IsValid() {
		steps = append(steps, diag.StepAt(at, "the counter call whose error it returns"))
	}
	return steps
}

func checkCall(pass *analysis.Pass, f *flow.Func, parents map[ast.Node]ast.Node, c *decide.Call, steps []analysis.RelatedInformation) {
	what := describe(c)
	fix := fixFor(c)
	if c.ByError && !c.Conditional && (c.ErrDropped || isBlank(c.Err)) {
		return
	}
	if c.ErrDropped || isBlank(c.Err) {
		diag.Report(pass, id, rules.High, c.Expr, "the error of "+what+" is discarded, so a datastore or limiter failure decides with a zero value; "+fix, steps...)
		return
	}
	if c.Err == nil {
		return
	}
	errObj := f.Object(c.Err)
	if errObj == nil {
		return
	}
	ifs := firstCheck(f, errObj, c.Expr)
	if c.ByError && !c.Conditional && (ifs == nil || !limitctx.MentionsStatus(f.Info, ifs, limitctx.Is429)) {
		// An unconditional write whose error is not answered as 429 is
		// not visibly a decision.
		return
	}
	if ifs == nil {
		if !usedBeforeOverwrite(f, errObj, c.Expr) {
			diag.Report(pass, id, rules.High, c.Expr, "the error of "+what+" is never checked, so a datastore or limiter failure decides with a zero value; "+fix, steps...)
		}
		return
	}
	branch, narrowed := errBranch(f, errObj, ifs)
	if branch == nil {
		return
	}
	v := judge(f, enclosingFunc(parents, ifs), errObj, branch.List, &narrowed)
	switch {
	case v == failOpen && narrowed:
		diag.Report(pass, id, rules.High, ifs, "the error branch of "+what+" narrows to the expected error but lets every other error through (fail-open); "+fix, steps...)
	case v == failOpen:
		diag.Report(pass, id, rules.High, ifs, "the error branch of "+what+" lets the request through (fail-open), so any datastore or limiter failure disables the limit; "+fix, steps...)
	case v == failClosed && !narrowed:
		diag.Report(pass, id, rules.Medium, ifs, "the error branch of "+what+" answers every error as rate-limited, so throttling, a missing table or bad credentials look like 429s and are never seen; "+fix, steps...)
	}
}

// existenceCount reports whether the decision is a row count that is only
// compared with zero (SELECT COUNT(*) ...; if cnt > 0): whether rows
// exist, which limits nothing. A balance read from a column
// (tokens <= 0) is no such count.
func existenceCount(f *flow.Func, c *decide.Call) bool {
	if c.Store == nil || c.Store.Kind != store.SQL || len(c.Value) == 0 {
		return false
	}
	text, ok := c.Store.SQLText(f)
	if !ok {
		return false
	}
	facts, err := sqlfacts.Analyze(text)
	if err != nil || len(facts.Statements) != 1 {
		return false
	}
	st := facts.Statements[0]
	if st.Kind != sqlfacts.Select || !st.RowCount || limitctx.Text(st.Table) {
		return false
	}
	derived := f.DerivedFrom(c.Value...)
	ordered, zero := 0, 0
	ast.Inspect(f.Body, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if !ok || !f.Mentions(b, derived) {
			return true
		}
		switch b.Op {
		case token.LSS, token.LEQ, token.GTR, token.GEQ:
			ordered++
			if f.IsZero(b.X) || f.IsZero(b.Y) {
				zero++
			}
		}
		return true
	})
	return ordered > 0 && ordered == zero
}

func describe(c *decide.Call) string {
	if c.Store != nil {
		return c.Store.Op + " (the rate-limit decision)"
	}
	if fn, ok := ast.Unparen(c.Expr.Fun).(*ast.SelectorExpr); ok {
		return fn.Sel.Name + " (the rate-limit decision)"
	}
	return "the rate-limit decision"
}

// enclosing is the function an error branch returns from.
type enclosing struct {
	typ *ast.FuncType
	// inverted is set when a true result means "limited" (IsBlocked,
	// Exceeded, ShouldThrottle), so returning false lets the request in.
	inverted bool
}

// enclosingFunc returns the function literal or declaration that n sits
// in.
func enclosingFunc(parents map[ast.Node]ast.Node, n ast.Node) enclosing {
	for p := parents[n]; p != nil; p = parents[p] {
		switch p := p.(type) {
		case *ast.FuncLit:
			return enclosing{typ: p.Type}
		case *ast.FuncDecl:
			return enclosing{typ: p.Type, inverted: verdict.Inverted(p.Name.Name)}
		}
	}
	return enclosing{typ: &ast.FuncType{}}
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}

// firstCheck returns the first if statement after the call whose condition
// mentions the error, before the error variable is assigned again.
func firstCheck(f *flow.Func, errObj types.Object, call *ast.CallExpr) *ast.IfStmt {
	limit := nextDef(f, errObj, call)
	set := map[types.Object]bool{errObj: true}
	var found *ast.IfStmt
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		ifs, ok := n.(*ast.IfStmt)
		if !ok || ifs.Cond.Pos() < call.End() || limit != token.NoPos && ifs.Pos() > limit {
			return true
		}
		if f.Mentions(ifs.Cond, set) {
			found = ifs
			return false
		}
		return true
	})
	return found
}

// nextDef returns where the error variable is next assigned after the
// call (token.NoPos if never): from there on it holds another error.
func nextDef(f *flow.Func, errObj types.Object, call *ast.CallExpr) token.Pos {
	next := token.NoPos
	for _, d := range f.Defs(errObj) {
		if d.Pos() > call.End() && (next == token.NoPos || d.Pos() < next) {
			next = d.Pos()
		}
	}
	return next
}

// usedBeforeOverwrite reports whether the error the call returned is read
// at all before the variable is assigned again.
func usedBeforeOverwrite(f *flow.Func, errObj types.Object, call *ast.CallExpr) bool {
	next := nextDef(f, errObj, call)
	for _, u := range f.Uses(errObj) {
		if u.Pos() > call.End() && (next == token.NoPos || u.Pos() < next) {
			return true
		}
	}
	return false
}

// errBranch walks an if/else-if chain for the branch taken when err !=
// nil. narrowed reports that the chain or the condition singles out an
// expected error first.
func errBranch(f *flow.Func, errObj types.Object, ifs *ast.IfStmt) (*ast.BlockStmt, bool) {
	narrowed := false
	for ifs != nil {
		if isNotNil(f, errObj, ifs.Cond) {
			return ifs.Body, narrowed || isNarrowing(f, ifs.Cond)
		}
		if isNarrowing(f, ifs.Cond) {
			narrowed = true
		}
		next, _ := ifs.Else.(*ast.IfStmt)
		ifs = next
	}
	return nil, narrowed
}

// isNotNil reports whether cond is err != nil, alone or as a conjunct.
func isNotNil(f *flow.Func, errObj types.Object, cond ast.Expr) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch b.Op {
	case token.LAND:
		return isNotNil(f, errObj, b.X) || isNotNil(f, errObj, b.Y)
	case token.NEQ:
		return isNilIdent(b.Y) && f.Object(b.X) == errObj || isNilIdent(b.X) && f.Object(b.Y) == errObj
	}
	return false
}

func isNilIdent(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// isNarrowing reports whether e singles out an expected error:
// errors.As/errors.Is, an awserr Code() check, or a comparison with a
// sentinel such as redis.Nil or sql.ErrNoRows.
func isNarrowing(f *flow.Func, e ast.Node) bool {
	return flow.Contains(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			fn := flow.Callee(f.Info, n)
			if fn == nil {
				return false
			}
			if fn.Pkg() != nil && fn.Pkg().Path() == "errors" && (fn.Name() == "As" || fn.Name() == "Is") {
				return true
			}
			return fn.Name() == "Code"
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ {
				return false
			}
			for _, x := range []ast.Expr{n.X, n.Y} {
				if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Nil" || strings.HasPrefix(sel.Sel.Name, "Err")) {
					return true
				}
			}
		case *ast.TypeAssertExpr:
			return true
		}
		return false
	})
}

type outcome int

const (
	unknown outcome = iota
	surfaced
	failOpen
	failClosed
)

// judge says what an error branch does with the request. A nested if that
// narrows to an expected error is skipped (and sets narrowed): the rest of
// the branch is what happens to every other error.
func judge(f *flow.Func, fn enclosing, errObj types.Object, list []ast.Stmt, narrowed *bool) outcome {
	set := map[types.Object]bool{errObj: true}
	limited := false
	for _, st := range list {
		switch st := st.(type) {
		case *ast.IfStmt:
			if isNarrowing(f, st.Cond) && f.Mentions(st.Cond, set) {
				*narrowed = true
				continue
			}
		case *ast.ReturnStmt:
			return judgeReturn(f, fn, set, st, limited)
		case *ast.ExprStmt:
			if call, ok := st.X.(*ast.CallExpr); ok {
				switch lets(f, call) {
				case failOpen:
					return failOpen
				case surfaced:
					return surfaced
				}
			}
		case *ast.BranchStmt:
			return unknown
		}
		if limitctx.MentionsStatus(f.Info, st, limitctx.Is429) {
			limited = true
		}
		if limitctx.MentionsStatus(f.Info, st, limitctx.Is5xx) {
			return surfaced
		}
	}
	if limited || len(list) == 0 {
		return unknown
	}
	// The branch falls through: the request goes on with the zero value,
	// unless the branch assigns something in its place.
	for _, st := range list {
		if _, ok := st.(*ast.AssignStmt); ok {
			return unknown
		}
		if _, ok := st.(*ast.ExprStmt); !ok {
			return unknown
		}
	}
	return failOpen
}

// lets classifies a call statement in an error branch: the next handler
// (fail-open), panic or log.Fatal (surfaced).
func lets(f *flow.Func, call *ast.CallExpr) outcome {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
		return surfaced
	}
	fn := flow.Callee(f.Info, call)
	if fn == nil {
		return unknown
	}
	switch {
	case fn.Name() == "ServeHTTP":
		return failOpen
	case fn.Name() == "Next" && len(call.Args) == 0:
		if sig, ok := fn.Type().(*types.Signature); ok && sig.Results().Len() == 0 {
			return failOpen
		}
	case fn.Pkg() != nil && fn.Pkg().Path() == "log" && strings.HasPrefix(fn.Name(), "Fatal"),
		fn.Pkg() != nil && fn.Pkg().Path() == "log" && strings.HasPrefix(fn.Name(), "Panic"),
		fn.Pkg() != nil && fn.Pkg().Path() == "os" && fn.Name() == "Exit":
		return surfaced
	case flow.RecvName(fn) != "" && (fn.Name() == "Fatal" || fn.Name() == "Fatalf" || fn.Name() == "Fatalln"):
		// A logger's Fatalf (logrus, zap's sugar, the log package's
		// Logger) exits the process.
		return surfaced
	}
	return unknown
}

func judgeReturn(f *flow.Func, fn enclosing, errSet map[types.Object]bool, ret *ast.ReturnStmt, limited bool) outcome {
	if len(ret.Results) == 0 {
		if limited {
			return failClosed
		}
		return unknown
	}
	for _, r := range ret.Results {
		if f.Mentions(r, errSet) {
			return surfaced
		}
	}
	if limited {
		return failClosed
	}
	results := fn.typ.Results
	errorOnly := results != nil && results.NumFields() == 1 && len(ret.Results) == 1 && isErrorType(f.Info.TypeOf(results.List[0].Type))
	for _, r := range ret.Results {
		if isNilIdent(r) {
			if errorOnly {
				return failOpen
			}
			continue
		}
		if callsFuncValue(f, r) {
			// return next(c): the next handler serves the request.
			return failOpen
		}
		tv, ok := f.Info.Types[r]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Bool {
			if t := f.Info.TypeOf(r); t != nil && isErrorType(t) {
				if saysLimited(f, r) {
					return failClosed
				}
				return surfaced
			}
			continue
		}
		if constant.BoolVal(tv.Value) != fn.inverted {
			return failOpen
		}
		return failClosed
	}
	return unknown
}

// callsFuncValue reports whether e calls a function value (a parameter or
// variable such as next), not a declared function.
func callsFuncValue(f *flow.Func, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	default:
		return false
	}
	v, ok := f.Info.Uses[id].(*types.Var)
	return ok && !v.IsField()
}

// saysLimited reports whether an error value means "rate limited": a
// sentinel named like ErrRateLimited or ErrTooManyRequests, or an error
// built from a message that says so.
func saysLimited(f *flow.Func, e ast.Expr) bool {
	limited := verdict.SaysLimited
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return limited(e.Name)
	case *ast.SelectorExpr:
		return limited(e.Sel.Name)
	case *ast.CallExpr:
		for _, a := range e.Args {
			if s, ok := f.ConstString(a); ok && limited(s) {
				return true
			}
		}
	}
	return limitctx.MentionsStatus(f.Info, e, limitctx.Is429)
}

func isErrorType(t types.Type) bool {
	if t == nil {
		return false
	}
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// checkRecover reports a deferred recover() whose panic value is dropped.
func checkRecover(pass *analysis.Pass, fd *ast.FuncDecl) {
	info := pass.TypesInfo
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		def, ok := n.(*ast.DeferStmt)
		if !ok {
			return true
		}
		lit, ok := def.Call.Fun.(*ast.FuncLit)
		if !ok {
			return false
		}
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name, ok := ast.Unparen(call.Fun).(*ast.Ident)
			if !ok || name.Name != "recover" {
				return true
			}
			if _, builtin := info.Uses[name].(*types.Builtin); !builtin {
				return true
			}
			switch {
			case repanics(lit.Body) || limitctx.MentionsStatus(info, lit.Body, limitctx.Is5xx):
			case failsOpen(info, lit.Body):
				diag.Report(pass, id, rules.High, call, "recover() in rate-limit code swallows the panic and lets the request through (fail-open); let the panic surface or turn it into a 5xx response")
			default:
				diag.Report(pass, id, rules.Medium, call, "recover() in rate-limit code swallows the panic, so a failing limiter answers with zero values instead of a server error; let the panic surface or turn it into a 5xx response")
			}
			return false
		})
		return false
	})
}

// failsOpen reports whether a deferred recover sets a result to true
// (allowed = true) or serves the request (next.ServeHTTP).
func failsOpen(info *types.Info, body *ast.BlockStmt) bool {
	return flow.Contains(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if tv, ok := info.Types[r]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value) {
					return true
				}
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "ServeHTTP" {
				return true
			}
		}
		return false
	})
}

func repanics(body *ast.BlockStmt) bool {
	return flow.Contains(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && id.Name == "panic"
	})
}
