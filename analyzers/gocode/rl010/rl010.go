package rl010

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/decide"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL010"

// Analyzer reports unsafe retry loops around counter transactions.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	hs := newHelperScan(pass, summary.Of(pass))
	for fd := range flow.FuncDecls(pass.Files) {
		f, c := hs.funcOf(fd)
		var sig *types.Signature
		if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			sig, _ = fn.Type().(*types.Signature)
		}
		checkBlock(pass, f, sig, fd.Body, c)
		hs.check(f, c, sig, fd.Body)
		// Function literals (the handler inside a middleware) are
		// functions of their own: their loops fall through to their
		// own returns.
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if lit, ok := n.(*ast.FuncLit); ok {
				var sig *types.Signature
				if tv, ok := pass.TypesInfo.Types[lit]; ok && tv.Type != nil {
					sig, _ = tv.Type.Underlying().(*types.Signature)
				}
				checkBlock(pass, f, sig, lit.Body, c)
				hs.check(f, c, sig, lit.Body)
			}
			return true
		})
	}
	return nil, nil
}

// newFctx gathers what the function as a whole says: its deciding
// limiter calls, its counter calls, and whether it is rate-limit code.
func newFctx(fn *summary.Func) *fctx {
	var limiters, counters []*ast.CallExpr
	for _, c := range decide.Find(fn.Flow) {
		if c.Store == nil && c.Expr != nil {
			limiters = append(limiters, c.Expr)
		}
		if c.Counter && c.Expr != nil {
			counters = append(counters, c.Expr)
			if c.Store != nil {
				counters = append(counters, c.Store.Expr)
			}
		}
	}
	return &fctx{limiters: limiters, counters: counters, limiterCode: fn.Limit}
}

// fctx is what the function as a whole says.
type fctx struct {
	limiters, counters []*ast.CallExpr
	limiterCode        bool
}

// checkBlock visits the loops of block, with the statements that follow
// each loop in its own block.
func checkBlock(pass *analysis.Pass, f *flow.Func, fn *types.Signature, body *ast.BlockStmt, limiters *fctx) {
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		list := stmtList(n)
		for i, s := range list {
			if l, ok := s.(*ast.LabeledStmt); ok {
				s = l.Stmt
			}
			checkLoop(pass, f, fn, s, list[i+1:], limiters)
		}
		return true
	})
}

type loop struct {
	stmt    ast.Stmt
	body    *ast.BlockStmt
	counter types.Object // the attempt variable, nil for for {}
	forever bool
}

func asLoop(info *types.Info, s ast.Stmt) *loop {
	switch s := s.(type) {
	case *ast.ForStmt:
		if s.Cond == nil && s.Init == nil && s.Post == nil {
			return &loop{stmt: s, body: s.Body, forever: true}
		}
		be, ok := s.Cond.(*ast.BinaryExpr)
		if !ok || s.Post == nil || (be.Op != token.LSS && be.Op != token.LEQ) {
			return nil
		}
		id, ok := ast.Unparen(be.X).(*ast.Ident)
		if !ok {
			return nil
		}
		obj := info.ObjectOf(id)
		if obj == nil || !isInteger(obj.Type()) {
			return nil
		}
		return &loop{stmt: s, body: s.Body, counter: obj}
	case *ast.RangeStmt:
		tv, ok := info.Types[s.X]
		if !ok || !isInteger(tv.Type) {
			return nil // data, not attempts
		}
		l := &loop{stmt: s, body: s.Body}
		if id, ok := s.Key.(*ast.Ident); ok {
			l.counter = info.ObjectOf(id)
		}
		return l
	}
	return nil
}

func isInteger(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

func checkLoop(pass *analysis.Pass, f *flow.Func, fn *types.Signature, s ast.Stmt, after []ast.Stmt, fc *fctx) {
	info := f.Info
	l := asLoop(info, s)
	if l == nil {
		return
	}
	rc := findRetried(f, l.body, fc)
	if rc == nil {
		// Retries of other data (a profile, a cache) are not this
		// rule's business.
		return
	}
	if crdbHelper(info, l.body) {
		return
	}
	retry := retryBranch(info, l.body)
	if retry == nil || !successExit(l.body) || indexes(info, l) {
		return
	}
	at, op := rc.at, rc.op
	wrong := ""
	if rc.sql && retriesOnTimeout(info, retry.Cond) && !mentions40001(info, l.body) {
		wrong = "; it retries only on timeouts while PostgreSQL/CockroachDB report contention as SQLSTATE 40001 (check *pgconn.PgError Code \"40001\" with errors.As)"
	}
	if l.forever {
		if ctxBounded(info, l.body) || attemptBound(info, l.body) {
			checkBackoff(pass, l, at, op, wrong)
			return
		}
		diag.Report(pass, id, rules.High, l.stmt, "for {} retries "+op+" on error with no attempt bound and no context deadline, so contention turns into an endless loop; bound the attempts (or check ctx.Err()), back off with jitter, and return an error after the last attempt"+wrong)
		return
	}
	if lastAttemptExits(info, l) {
		checkBackoff(pass, l, at, op, wrong)
		return
	}
	if allow := allowsAfter(info, fn, after); allow != nil {
		diag.Report(pass, id, rules.High, l.stmt, "when every attempt of "+op+" fails the loop ends and the function goes on to allow the request, so provoking the retried error bypasses the limit; return an error or deny (429/503) after the last attempt"+wrong,
			diag.Related(allow, "the request is allowed here"))
		return
	}
	checkBackoff(pass, l, at, op, wrong)
}

// retried is the counter-store or limiter call a retry repeats.
type retried struct {
	at  ast.Node // the call: the first store call, else the limiter call
	op  string   // its name for messages (Incr, ExecContext, Take)
	sql bool     // a SQL call (or Begin) is among the retried calls
	// deciding is set when the call visibly decides a limit: a limiter
	// call, a counter whose value decides, SQL text or a Redis key that
	// names a counter or a limit, or any store call in rate-limit code.
	// An increment of a statistic (a page-view count) is not, nor a
	// release (a Redis decrement or delete) alone.
	deciding bool
}

// findRetried returns the counter-store or limiter call that body makes,
// or nil when body retries other data (a profile, a cache) or nothing of
// interest. Function literals inside body are not entered. fc is what the
// function holding body says: its deciding limiter and counter calls, and
// whether it is rate-limit code (where every store call counts).
func findRetried(f *flow.Func, body ast.Node, fc *fctx) *retried {
	info := f.Info
	var storeCall *store.Call
	var limiter *ast.CallExpr
	sqlCall := false
	counter := fc.limiterCode
	deciding := fc.limiterCode
	onlyRelease := true
	inspect(body, func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return
		}
		if c := store.Classify(f, call); c != nil {
			if c.Kind == store.Redis && cmdAccessor[c.Op] {
				return // the command underneath is classified on its own
			}
			if storeCall == nil {
				storeCall = c
			}
			if c.Kind == store.SQL {
				sqlCall = true
			}
			onlyRelease = onlyRelease && releaseCall(info, c)
		} else if fn := flow.Callee(info, call); fn != nil && fn.Pkg() != nil && isBegin(fn) {
			if storeCall == nil {
				storeCall = &store.Call{Expr: call, Func: fn, Kind: store.SQL, Op: fn.Name()}
			}
			sqlCall = true
			onlyRelease = false
		}
		if limiter == nil && slices.Contains(fc.limiters, call) {
			limiter = call
		}
		if slices.Contains(fc.counters, call) || counterCall(f, call) {
			counter = true
		}
		if slices.Contains(fc.counters, call) || limitText(f, call) {
			deciding = true
		}
	})
	if storeCall == nil && limiter == nil || !counter && limiter == nil {
		return nil
	}
	if limiter == nil && onlyRelease {
		deciding = false // giving a slot back or cleaning up decides nothing
	}
	r := &retried{at: limiter, op: "the counter call", sql: sqlCall, deciding: deciding || limiter != nil}
	if storeCall != nil {
		r.at, r.op = storeCall.Expr, storeCall.Op
	} else if fn := flow.Callee(info, limiter); fn != nil {
		r.op = fn.Name()
	}
	return r
}

// inspect walks n without entering function literals.
func inspect(n ast.Node, visit func(ast.Node)) {
	ast.Inspect(n, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if n != nil {
			visit(n)
		}
		return true
	})
}

var beginPkgs = map[string]bool{
	"database/sql": true, "github.com/jackc/pgx/v5": true, "github.com/jackc/pgx/v5/pgxpool": true,
	"github.com/jackc/pgx/v4": true, "github.com/jackc/pgx/v4/pgxpool": true,
	"github.com/jmoiron/sqlx": true, "gorm.io/gorm": true,
}

func isBegin(fn *types.Func) bool {
	switch fn.Name() {
	case "Begin", "BeginTx", "Beginx", "BeginTxx", "Transaction":
		return beginPkgs[fn.Pkg().Path()]
	}
	return false
}

// crdbHelper reports a call to a retrying transaction helper
// (cockroach-go's crdb.ExecuteTx and friends): the helper handles retries.
func crdbHelper(info *types.Info, body ast.Node) bool {
	return flow.Contains(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := flow.Callee(info, call)
		return fn != nil && fn.Pkg() != nil && strings.Contains(fn.Pkg().Path(), "cockroach-go")
	})
}

// retryBranch returns the if statement on an error whose branch goes round
// again: it ends in continue, or it is the loop body's last statement and
// does not leave the loop.
func retryBranch(info *types.Info, body *ast.BlockStmt) *ast.IfStmt {
	var found *ast.IfStmt
	var visit func(list []ast.Stmt, last bool)
	visit = func(list []ast.Stmt, last bool) {
		for i, s := range list {
			ifs, ok := s.(*ast.IfStmt)
			if !ok || found != nil {
				continue
			}
			if last && successIf(info, ifs) && !endsLeaving(list[i+1:]) {
				// if err == nil { return } ...: every failure goes round.
				found = ifs
				return
			}
			if errorCond(info, ifs.Cond) {
				b := ifs.Body.List
				if len(b) > 0 {
					if br, ok := b[len(b)-1].(*ast.BranchStmt); ok && br.Tok == token.CONTINUE && br.Label == nil {
						found = ifs
						return
					}
				}
				if last && i == len(list)-1 && !leaves(ifs.Body) {
					found = ifs
					return
				}
			}
			visit(ifs.Body.List, false)
			if e, ok := ifs.Else.(*ast.BlockStmt); ok {
				visit(e.List, last && i == len(list)-1)
			}
		}
	}
	visit(body.List, true)
	return found
}

// leaves reports whether the block ends by leaving the loop or function.
func leaves(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch s := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.BREAK || s.Tok == token.GOTO
	case *ast.ExprStmt:
		if c, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}

// errorCond reports whether cond tests an error: err != nil, errors.Is,
// errors.As, or a method of an error value.
func errorCond(info *types.Info, cond ast.Expr) bool {
	return flow.Contains(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if n.Op == token.EQL && (isErr(info, n.X) && isErrValue(info, n.Y) || isErr(info, n.Y) && isErrValue(info, n.X)) {
				return true // err == redis.TxFailedErr
			}
			if n.Op != token.NEQ {
				return false
			}
			return isErr(info, n.X) && isNil(info, n.Y) || isErr(info, n.Y) && isNil(info, n.X)
		case *ast.CallExpr:
			fn := flow.Callee(info, n)
			return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "errors" && (fn.Name() == "Is" || fn.Name() == "As")
		}
		return false
	})
}

var errorType = types.Universe.Lookup("error").Type()

func isErr(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Type != nil && types.Identical(tv.Type, errorType)
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// retriesOnTimeout reports whether the retry condition names
// context.DeadlineExceeded or os.ErrDeadlineExceeded, or calls Timeout().
func retriesOnTimeout(info *types.Info, cond ast.Expr) bool {
	return flow.Contains(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			obj := info.ObjectOf(n.Sel)
			if obj == nil || obj.Pkg() == nil {
				return false
			}
			p := obj.Pkg().Path()
			return p == "context" && obj.Name() == "DeadlineExceeded" || p == "os" && obj.Name() == "ErrDeadlineExceeded"
		case *ast.CallExpr:
			fn := flow.Callee(info, n)
			return fn != nil && fn.Name() == "Timeout"
		}
		return false
	})
}

// mentions40001 reports whether the loop looks at SQLSTATE 40001 or at a
// pgconn.PgError at all (then it reads the code somewhere).
func mentions40001(info *types.Info, body ast.Node) bool {
	return flow.Contains(body, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok {
			if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String &&
				strings.Contains(constant.StringVal(tv.Value), "40001") {
				return true
			}
		}
		if id, ok := n.(*ast.Ident); ok {
			if obj := info.ObjectOf(id); obj != nil && obj.Pkg() != nil && strings.HasPrefix(obj.Pkg().Path(), "github.com/jackc/") && obj.Name() == "PgError" {
				return true
			}
		}
		return false
	})
}

// ctxBounded reports a ctx.Err() or ctx.Done() call on a context.Context.
func ctxBounded(info *types.Info, body ast.Node) bool {
	return flow.Contains(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := flow.Callee(info, call)
		return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context" && (fn.Name() == "Err" || fn.Name() == "Done")
	})
}

// attemptBound reports an if in the loop comparing integers (an attempt
// count) or time values (a deadline) whose branch leaves the loop.
func attemptBound(info *types.Info, body ast.Node) bool {
	return flow.Contains(body, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || !leaves(ifs.Body) {
			return false
		}
		return flow.Contains(ifs.Cond, func(n ast.Node) bool {
			be, ok := n.(*ast.BinaryExpr)
			if !ok || !flow.IsComparison(be.Op) || be.Op == token.EQL && isNil(info, be.Y) || be.Op == token.NEQ {
				return false
			}
			tv, ok := info.Types[be.X]
			return ok && tv.Type != nil && (isInteger(tv.Type) || isTime(tv.Type))
		}) || flow.Contains(ifs.Cond, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return false
			}
			fn := flow.Callee(info, call)
			return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" && (fn.Name() == "After" || fn.Name() == "Before")
		})
	})
}

func isTime(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time"
}

// lastAttemptExits reports an if on the attempt counter whose branch leaves
// (if attempt == max-1 { return err }).
func lastAttemptExits(info *types.Info, l *loop) bool {
	if l.counter == nil {
		return false
	}
	return flow.Contains(l.body, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || !leaves(ifs.Body) {
			return false
		}
		return flow.Contains(ifs.Cond, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			return ok && info.ObjectOf(id) == l.counter
		})
	})
}

// allowsAfter returns the statement after the loop that lets the request
// through (return true / a nil error, next.ServeHTTP, c.Next()), or nil
// when anything after the loop denies or it cannot tell.
func allowsAfter(info *types.Info, sig *types.Signature, after []ast.Stmt) ast.Node {
	var allow ast.Node
	for _, s := range after {
		denied := flow.Contains(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				return !allowingReturn(info, sig, n)
			case *ast.CallExpr:
				return denyCall(info, n)
			case *ast.BranchStmt:
				return n.Tok == token.GOTO
			}
			return false
		})
		if denied {
			return nil
		}
		switch s := s.(type) {
		case *ast.ReturnStmt:
			if allow == nil {
				allow = s
			}
			return allow
		case *ast.ExprStmt:
			if call, ok := s.X.(*ast.CallExpr); ok && allow == nil && nextCall(info, call) {
				allow = s
			}
		}
	}
	return allow
}

// allowingReturn reports a return that allows: every bool result is the
// constant true and every error result is nil, with at least one of them.
func allowingReturn(info *types.Info, sig *types.Signature, r *ast.ReturnStmt) bool {
	if sig == nil || sig.Results().Len() == 0 || len(r.Results) != sig.Results().Len() {
		return false
	}
	seen := false
	for i, e := range r.Results {
		t := sig.Results().At(i).Type()
		tv := info.Types[e]
		switch {
		case types.Identical(t, errorType):
			if !tv.IsNil() {
				return false
			}
			seen = true
		case isBool(t):
			if tv.Value == nil || tv.Value.Kind() != constant.Bool || !constant.BoolVal(tv.Value) {
				return false
			}
			seen = true
		}
	}
	return seen
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// denyCall recognises calls that answer an error or stop the request.
func denyCall(info *types.Info, call *ast.CallExpr) bool {
	if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
		return true
	}
	fn := flow.Callee(info, call)
	if fn == nil {
		return false
	}
	switch fn.Name() {
	case "Error", "WriteHeader", "Abort", "AbortWithStatus", "AbortWithStatusJSON", "AbortWithError", "JSON", "String", "NoContent", "Fatal", "Fatalf", "Panic", "Panicf", "Exit":
		return true
	}
	return false
}

// nextCall recognises handing the request on: a ServeHTTP method, gin's
// Context.Next, or a call of a function-typed parameter or variable.
func nextCall(info *types.Info, call *ast.CallExpr) bool {
	if fn := flow.Callee(info, call); fn != nil {
		if fn.Name() == "ServeHTTP" {
			return true
		}
		return fn.Name() == "Next" && fn.Pkg() != nil && strings.Contains(fn.Pkg().Path(), "gin-gonic")
	}
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.ObjectOf(id).(*types.Var)
	if !ok || v == nil {
		return false
	}
	_, isSig := v.Type().Underlying().(*types.Signature)
	return isSig && id.Name == "next"
}

// checkBackoff reports a bounded loop that retries with no sleep or a
// constant one.
func checkBackoff(pass *analysis.Pass, l *loop, at ast.Node, op, wrong string) {
	info := pass.TypesInfo
	var sleeps []ast.Expr
	lib := false
	inspect(l.body, func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return
		}
		fn := flow.Callee(info, call)
		if fn == nil || fn.Pkg() == nil {
			return
		}
		p := fn.Pkg().Path()
		switch {
		case strings.Contains(p, "backoff") || strings.HasSuffix(p, "/retry") || p == "math/rand" || p == "math/rand/v2" || p == "golang.org/x/time/rate":
			lib = true
		case p == "time" && len(call.Args) == 1:
			switch fn.Name() {
			case "Sleep", "After", "NewTimer", "Reset", "Tick", "NewTicker":
				sleeps = append(sleeps, call.Args[0])
			}
		}
	})
	ok := lib || eventLoop(l.body)
	for _, d := range sleeps {
		ok = ok || varies(info, l, d)
	}
	if ok {
		if wrong != "" {
			diag.Report(pass, id, rules.Medium, l.stmt, "the loop retries "+op+wrong,
				diag.Related(at, "the retried call"))
		}
		return
	}
	what := "with no wait between attempts"
	if len(sleeps) > 0 {
		what = "with a fixed wait between attempts"
	}
	if wrong != "" {
		what += wrong
	}
	diag.Report(pass, id, rules.Medium, l.stmt, "the loop retries "+op+" "+what+", so colliding requests retry in lockstep and keep the contention going; wait with exponential backoff and jitter (time.Duration(1<<attempt)*base plus rand.Int63n)",
		diag.Related(at, "the retried call"))
}

// eventLoop reports whether each turn of the loop waits for an event: its
// body (outside nested loops and function literals) selects on two
// channels or more (a timer, a notification, the context), as a queue's
// poll loop does. Its next attempt comes with the next event, not at
// once.
func eventLoop(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.SelectStmt:
			recv := 0
			for _, c := range n.Body.List {
				if cc, ok := c.(*ast.CommClause); ok && cc.Comm != nil && receives(cc.Comm) {
					recv++
				}
			}
			found = found || recv >= 2
		}
		return !found
	})
	return found
}

// receives reports whether a select case's statement receives from a
// channel (<-ch, v := <-ch, v = <-ch).
func receives(s ast.Stmt) bool {
	var e ast.Expr
	switch s := s.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW
}

// varies reports whether the duration changes between attempts: it calls a
// function (other than a conversion), or uses the attempt counter or a
// variable assigned in the loop.
func varies(info *types.Info, l *loop, d ast.Expr) bool {
	assigned := make(map[types.Object]bool)
	inspect(l.body, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if obj := target(info, lhs); obj != nil {
					assigned[obj] = true
				}
			}
		case *ast.IncDecStmt:
			if obj := target(info, n.X); obj != nil {
				assigned[obj] = true
			}
		}
	})
	if l.counter != nil {
		assigned[l.counter] = true
	}
	return flow.Contains(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			tv, ok := info.Types[n.Fun]
			return !ok || !tv.IsType()
		case *ast.Ident:
			return assigned[info.ObjectOf(n)]
		}
		return false
	})
}

func target(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.ObjectOf(e)
	case *ast.SelectorExpr:
		return info.ObjectOf(e.Sel)
	}
	return nil
}

// successExit reports a return or an unlabeled break of the loop itself in
// its body: a retry loop leaves once the call succeeds. A loop without one
// works through items or serves forever.
func successExit(body *ast.BlockStmt) bool {
	found := false
	var walk func(n ast.Node, inner bool)
	walk = func(n ast.Node, inner bool) {
		ast.Inspect(n, func(c ast.Node) bool {
			if found || c == nil || c == n {
				return !found
			}
			switch c := c.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				found = true
			case *ast.BranchStmt:
				if c.Tok == token.BREAK && (c.Label != nil || !inner) {
					found = true
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(c, true)
				return false
			}
			return true
		})
	}
	walk(body, false)
	return found
}

// indexes reports a loop that walks data: its counter indexes something, or
// its condition is bounded by len(...).
func indexes(info *types.Info, l *loop) bool {
	if fs, ok := l.stmt.(*ast.ForStmt); ok && fs.Cond != nil {
		if flow.Contains(fs.Cond, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return false
			}
			id, ok := c.Fun.(*ast.Ident)
			return ok && (id.Name == "len" || id.Name == "cap")
		}) {
			return true
		}
	}
	if l.counter == nil {
		return false
	}
	return flow.Contains(l.body, func(n ast.Node) bool {
		ix, ok := n.(*ast.IndexExpr)
		if !ok {
			return false
		}
		return flow.Contains(ix.Index, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			return ok && info.ObjectOf(id) == l.counter
		})
	})
}

// successIf matches if err == nil { return ... } or { break }.
func successIf(info *types.Info, ifs *ast.IfStmt) bool {
	be, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.EQL || ifs.Else != nil || !leaves(ifs.Body) {
		return false
	}
	return isErr(info, be.X) && isNil(info, be.Y) || isErr(info, be.Y) && isNil(info, be.X)
}

func endsLeaving(list []ast.Stmt) bool {
	return len(list) > 0 && leaves(&ast.BlockStmt{List: list})
}

// cmdAccessor are the methods of go-redis command results.
var cmdAccessor = map[string]bool{
	"Result": true, "Err": true, "Val": true, "Int": true, "Int64": true, "Uint64": true,
	"Float64": true, "Bool": true, "Bytes": true, "Scan": true, "String": true, "Text": true,
}

// counterCall reports a store call that visibly concerns a counter: SQL
// text or a Redis key that names a counter or a limit, a Redis increment
// or script, a DynamoDB UpdateItem.
func counterCall(f *flow.Func, call *ast.CallExpr) bool {
	c := store.Classify(f, call)
	if c == nil {
		return false
	}
	switch c.Kind {
	case store.SQL:
		if q, ok := c.SQLText(f); ok && limitctx.Text(q) {
			return true
		}
	case store.Redis:
		for _, p := range []string{"Incr", "HIncr", "Decr", "Eval", "ZAdd"} {
			if strings.HasPrefix(c.Op, p) {
				return true
			}
		}
		// A key literal that names a counter or a limit ("rate_limit:"+ip).
		for _, a := range call.Args {
			if flow.Contains(a, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				return ok && lit.Kind == token.STRING && limitctx.Text(lit.Value)
			}) {
				return true
			}
		}
	case store.DynamoDB:
		return c.Op == "UpdateItem"
	}
	return false
}

// isErrValue reports a non-nil value of a type that implements error.
func isErrValue(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Type == nil || tv.IsNil() {
		return false
	}
	return types.Implements(tv.Type, errorType.Underlying().(*types.Interface))
}
