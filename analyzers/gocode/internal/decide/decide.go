// Package decide finds the calls whose result decides a rate-limit
// request: a counter read or increment in a recognised datastore (also
// through a wrapper of the module), a limiter's Allow/Take-like method, or
// a function of the module that the summary pass found to be a limit
// decision (Deciders), and what their value and error were assigned to.
package decide

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
)

// Call is a call whose error belongs to a deciding operation.
type Call struct {
	// Expr is the call that returns the error: the datastore call itself,
	// a Redis command's Result()/Int(), a row's Scan, or the limiter call.
	Expr *ast.CallExpr
	// Store is the datastore call underneath, nil for a limiter.
	Store *store.Call
	// Value lists the variables the deciding value was assigned to.
	Value []types.Object
	// Err is the expression the error was assigned to (nil when the
	// error is not available at all, as with Redis Val()).
	Err ast.Expr
	// ErrDropped is set when the error cannot be seen at all (Redis
	// Val(), a Scan used as a statement).
	ErrDropped bool
	// ByError is set for a DynamoDB write whose value is not used: its
	// error is the decision when the write is conditional; and for a
	// decision that returns only an error.
	ByError bool
	// Conditional is set when the write's input visibly carries a
	// ConditionExpression (or legacy Expected), and for a decision that
	// returns only an error, which is its verdict.
	Conditional bool
	// Counter is set when the call visibly concerns a counter or a
	// limiter: a limiter method, a Redis increment or script, or SQL
	// text, a Redis key or DynamoDB expressions that name a counter or a
	// limit. Other reads decide only inside limiter code.
	Counter bool
}

// redisValue are the methods of a go-redis command that return its reply
// and error.
var redisValue = map[string]bool{
	"Result": true, "Int": true, "Int64": true, "Uint64": true,
	"Float64": true, "Bool": true, "Text": true,
}

// counterOps are the datastore operations that read or change a counter.
var counterOps = map[store.Kind]map[string]bool{
	store.DynamoDB: {"GetItem": true, "Query": true, "UpdateItem": true, "PutItem": true},
	store.Redis: {
		"Get": true, "Incr": true, "IncrBy": true, "HGet": true,
		"HIncrBy": true, "ZCard": true, "ZCount": true, "Eval": true,
		"EvalSha": true, "Run": true, "LLen": true,
	},
}

// Deciders is implemented by a function's context (flow.Context) that
// knows which functions of the module are limit decisions: they decide on
// a counter or a limiter and return its error.
type Deciders interface {
	Decider(fn *types.Func) bool
}

// NamedDeciders is implemented by a function's context that knows the
// limit decisions the configuration declares by name, for callees whose
// package did not load (store.UnloadedNames).
type NamedDeciders interface {
	DeciderNamed(names []string) bool
}

// Find returns the deciding calls of f: those whose value flows into a
// condition, a comparison or a return.
func Find(f *flow.Func) []*Call {
	parents := flow.Parents(f.Body)
	var out []*Call
	ast.Inspect(f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		c := match(f, parents, call)
		if c != nil {
			c.Counter = concernsCounter(f, c)
		}
		switch {
		case c == nil:
		case decides(f, parents, c):
			out = append(out, c)
		case c.Store == nil && onlyError(f, call):
			// A declared decision that returns nothing but its error
			// (limiter.Check(ctx, key) error): the error is the verdict.
			c.ByError, c.Conditional = true, true
			out = append(out, c)
		case c.Store != nil && c.Store.Kind == store.DynamoDB && (c.Store.Op == "UpdateItem" || c.Store.Op == "PutItem"):
			c.ByError = true
			if w := c.Store.Via; w != nil {
				c.Conditional = w.Conditional
			} else if in := store.ResolveInput(f, c.Store.Input); in != nil {
				c.Conditional = in.Set("ConditionExpression") || in.Set("Expected")
			}
			out = append(out, c)
		}
		return true
	})
	return out
}

func match(f *flow.Func, parents map[ast.Node]ast.Node, call *ast.CallExpr) *Call {
	info := f.Info
	if sc := store.Classify(f, call); sc != nil {
		switch {
		case sc.Via != nil:
			// A wrapper returns the reply and the error itself.
			if sc.Kind != store.SQL && !counterOps[sc.Kind][sc.Op] || sc.Via.Value < 0 && sc.Via.Err < 0 {
				return nil
			}
			c := &Call{Expr: call, Store: sc}
			assignResults(f, parents, c)
			return c
		case sc.Kind == store.Redis && sc.Reply && counterOps[store.Redis][sc.Op]:
			// redigo: n, err := conn.Do("INCR", k)
			c := &Call{Expr: call, Store: sc}
			assignResults(f, parents, c)
			return c
		case sc.Kind == store.DynamoDB && counterOps[store.DynamoDB][sc.Op]:
			c := &Call{Expr: call, Store: sc}
			assignResults(f, parents, c)
			return c
		case sc.Kind == store.DynamoDB:
			return nil
		case sc.Kind == store.SQL && (strings.HasPrefix(sc.Op, "Get") || strings.HasPrefix(sc.Op, "Select") || store.IsGormRead(sc.Op)):
			// sqlx: db.Get(&n, query, args...) returns only the error.
			c := &Call{Expr: call, Store: sc, Value: addrArgs(f, call)}
			assignResults(f, parents, c)
			return c
		}
	}
	// redigo: n, err := redis.Int(conn.Do("INCR", k))
	if store.IsRedigoReply(f, call) {
		if inner, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr); ok {
			if sc := store.Classify(f, inner); sc != nil && sc.Kind == store.Redis && counterOps[store.Redis][sc.Op] {
				c := &Call{Expr: call, Store: sc}
				assignResults(f, parents, c)
				return c
			}
		}
	}
	if deciderCall(f, call) {
		c := &Call{Expr: call}
		assignResults(f, parents, c)
		return c
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	// Redis: rdb.Incr(ctx, k).Result() / .Val(), or cmd.Result() of a
	// variable holding the command. The accessor is read by its name, so
	// that a client whose package did not load is followed too.
	if inner := underlying(f, sel.X); inner != nil {
		sc := store.Classify(f, inner)
		name := sel.Sel.Name
		switch {
		case sc != nil && sc.Kind == store.Redis && !sc.Reply && sc.Via == nil && counterOps[store.Redis][sc.Op]:
			c := &Call{Expr: call, Store: sc}
			switch {
			case redisValue[name]:
				assignResults(f, parents, c)
				return c
			case name == "Val" && pipelined(info, inner):
				// The pipeline's Exec returns the command's error.
				return nil
			case name == "Val":
				c.ErrDropped = !errChecked(f, sel.X)
				assignResults(f, parents, c)
				return c
			}
		case sc != nil && sc.Kind == store.SQL && sc.Via == nil && name == "Scan" && (strings.HasPrefix(sc.Op, "QueryRow") || sc.Op == "Raw"):
			c := &Call{Expr: call, Store: sc, Value: addrArgs(f, call)}
			assignResults(f, parents, c)
			return c
		}
	}
	fn := flow.Callee(info, call)
	if fn == nil {
		return nil
	}
	if isLimiter(fn) {
		c := &Call{Expr: call}
		assignResults(f, parents, c)
		return c
	}
	return nil
}

// deciderCall reports whether call runs a function of the module that is
// a limit decision, or one the configuration declares (which may be the
// method of an interface whose implementations lie outside the
// analysis: its static callee).
func deciderCall(f *flow.Func, call *ast.CallExpr) bool {
	ds, ok := f.Ctx.(Deciders)
	if !ok {
		return false
	}
	fn := flow.Callee(f.Info, call)
	if fn != nil && ds.Decider(fn) {
		return true
	}
	if nd, ok := f.Ctx.(NamedDeciders); ok && fn == nil && nd.DeciderNamed(store.UnloadedNames(f, call)) {
		return true
	}
	for _, fn := range f.Callees(call) {
		if ds.Decider(fn) {
			return true
		}
	}
	return false
}

// onlyError reports whether the function call runs returns nothing but
// an error.
func onlyError(f *flow.Func, call *ast.CallExpr) bool {
	t, ok := f.Info.TypeOf(call.Fun).(*types.Signature)
	return ok && t.Results().Len() == 1 && isError(t.Results().At(0).Type())
}

// addrArgs returns the variables whose address is passed to call.
func addrArgs(f *flow.Func, call *ast.CallExpr) []types.Object {
	var out []types.Object
	for _, a := range call.Args {
		if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
			if obj := f.Object(u.X); obj != nil {
				out = append(out, obj)
			}
		}
	}
	return out
}

// underlying returns the call that e is, or that the local variable e was
// assigned from.
func underlying(f *flow.Func, e ast.Expr) *ast.CallExpr {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		return call
	}
	if obj := f.Object(e); obj != nil {
		if defs := f.Defs(obj); len(defs) == 1 {
			call, _ := ast.Unparen(defs[0]).(*ast.CallExpr)
			return call
		}
	}
	return nil
}

// pipelined reports whether a go-redis command is queued on a pipeline
// (Pipeliner, Pipeline), whose Exec reports the command's error.
func pipelined(info *types.Info, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	t := info.TypeOf(sel.X)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok {
		return false
	}
	name := named.Obj().Name()
	return name == "Pipeliner" || name == "Pipeline"
}

// errChecked reports whether the command held in variable e has its Err()
// or Result() called somewhere.
func errChecked(f *flow.Func, e ast.Expr) bool {
	obj := f.Object(e)
	if obj == nil {
		return false
	}
	for _, use := range f.Uses(obj) {
		found := false
		ast.Inspect(f.Body, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && sel.X == use && (sel.Sel.Name == "Err" || redisValue[sel.Sel.Name]) {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// isLimiter recognises a limiter decision method: an Allow/Take/Wait/
// Acquire-like name returning (bool or a result, ..., error).
func isLimiter(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !flow.ReturnsVerdict(sig) {
		return false
	}
	name := strings.ToLower(fn.Name())
	return limiterName(name) && limiterVerb(name, sig.Recv().Type())
}

// limiterName recognises Allow, AllowN, IsAllowed, Take, Wait, Acquire,
// Consume, Reserve, RateLimit, CheckLimit and the like, but not getters
// such as GetLimit, nor the calls of an API that manages rate limits
// (RateLimitList, UpdateRateLimit).
func limiterName(name string) bool {
	if hasAnyPrefix(name, "get", "set", "new", "with") {
		return false
	}
	for _, crud := range []string{"list", "create", "delete", "update", "describe", "search"} {
		if strings.Contains(name, crud) {
			return false // RateLimitList: an API on rate-limit settings
		}
	}
	return strings.Contains(name, "allow") || strings.Contains(name, "ratelimit") ||
		name == "limit" || name == "checklimit" ||
		hasAnyPrefix(name, "take", "wait", "acquire", "consume", "reserve")
}

// limiterVerb reports whether a name that starts with a verb many APIs
// use (take, wait, acquire, consume, reserve) is a limiter's: the bare
// verb (Acquire, TakeN, WaitContext, ReserveToken), or any such name on a
// type named for limiting (a Limiter, Bucket, Throttle, Quota or
// Semaphore). A connection pool's acquireConn is no limit decision.
func limiterVerb(name string, recv types.Type) bool {
	for _, verb := range []string{"take", "wait", "acquire", "consume", "reserve"} {
		rest, ok := strings.CutPrefix(name, verb)
		if !ok {
			continue
		}
		switch rest {
		case "", "n", "context", "ctx", "token", "tokens", "permit", "permits":
			return true
		}
		if p, ok := recv.(*types.Pointer); ok {
			recv = p.Elem()
		}
		named, ok := recv.(*types.Named)
		if !ok {
			return false
		}
		t := strings.ToLower(named.Obj().Name())
		return strings.Contains(t, "limit") || strings.Contains(t, "bucket") || strings.Contains(t, "throttl") ||
			strings.Contains(t, "quota") || strings.Contains(t, "sema") || strings.Contains(t, "rate")
	}
	return true
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func isError(t types.Type) bool {
	named, ok := t.(*types.Named)
	return ok && named.Obj().Pkg() == nil && named.Obj().Name() == "error"
}

// assignResults fills Value and Err from the statement the call sits in.
// gorm hands the error out as a field of its result (err :=
// db.First(&c).Error).
func assignResults(f *flow.Func, parents map[ast.Node]ast.Node, c *Call) {
	if sel, ok := parents[c.Expr].(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" {
		switch p := parents[sel].(type) {
		case *ast.AssignStmt:
			if len(p.Rhs) == 1 && len(p.Lhs) == 1 {
				c.Err = p.Lhs[0]
			}
		case *ast.ExprStmt:
			c.ErrDropped = true
		}
		return
	}
	switch p := parents[c.Expr].(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 {
			return
		}
		lhs := p.Lhs
		switch {
		case len(lhs) >= 2:
			c.Err = lhs[len(lhs)-1]
			lhs = lhs[:1]
		case isErrorExpr(f, lhs[0]):
			c.Err = lhs[0]
			lhs = nil
		}
		for _, l := range lhs {
			if obj := f.Object(l); obj != nil {
				c.Value = append(c.Value, obj)
			}
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && len(p.Names) >= 2 {
			c.Err = p.Names[len(p.Names)-1]
			if obj := f.Object(p.Names[0]); obj != nil {
				c.Value = append(c.Value, obj)
			}
		}
	case *ast.ExprStmt:
		c.ErrDropped = true
	}
}

func isErrorExpr(f *flow.Func, e ast.Expr) bool {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && id.Name == "_" {
		return true
	}
	t := f.Info.TypeOf(e)
	return t != nil && isError(t)
}

// decides reports whether the call's value flows into an if or switch
// condition, a comparison or a return; a call used directly in a
// condition decides too.
func decides(f *flow.Func, parents map[ast.Node]ast.Node, c *Call) bool {
	derived := f.DerivedFrom(c.Value...)
	// The call itself in a condition or comparison (rdb.Get(...).Val()).
	for p := parents[c.Expr]; p != nil; p = parents[p] {
		switch p := p.(type) {
		case *ast.IfStmt, *ast.SwitchStmt, *ast.ReturnStmt:
			return true
		case *ast.BinaryExpr:
			if flow.IsComparison(p.Op) {
				return true
			}
		}
		if _, ok := p.(ast.Stmt); ok {
			break
		}
	}
	if len(derived) == 0 {
		return false
	}
	found := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			found = found || f.Mentions(n.Cond, derived)
		case *ast.SwitchStmt:
			found = found || n.Tag != nil && f.Mentions(n.Tag, derived)
		case *ast.BinaryExpr:
			found = found || flow.IsComparison(n.Op) && (f.Mentions(n.X, derived) || f.Mentions(n.Y, derived))
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				found = found || f.Mentions(r, derived)
			}
		}
		return !found
	})
	return found
}

// redisCounterOps are the go-redis commands that count by themselves.
var redisCounterOps = map[string]bool{
	"Incr": true, "IncrBy": true, "HIncrBy": true, "Eval": true,
	"EvalSha": true, "Run": true, "ZCard": true, "ZCount": true, "LLen": true,
}

func concernsCounter(f *flow.Func, c *Call) bool {
	sc := c.Store
	if sc == nil {
		return true
	}
	if w := sc.Via; w != nil {
		if limitctx.Text(w.KeyText) || sc.Kind == store.SQL && sqlCounter(w.SQL) || sc.Kind == store.Redis && redisCounterOps[sc.Op] {
			return true
		}
		if k := sc.Key(); k != nil {
			return limitctx.Text(textOf(f, k))
		}
		return false
	}
	switch sc.Kind {
	case store.Redis:
		if redisCounterOps[sc.Op] {
			return true
		}
		if sc.Via != nil && limitctx.Text(sc.Via.KeyText) {
			return true
		}
		if k := sc.Key(); k != nil {
			return limitctx.Text(textOf(f, k))
		}
	case store.SQL:
		if sc.Query == nil {
			return sqlCounter(sc.SQL)
		}
		if s, ok := f.ConstString(sc.Query); ok {
			return sqlCounter(s)
		}
		return limitctx.Text(textOf(f, sc.Query))
	case store.DynamoDB:
		in := store.ResolveInput(f, sc.Input)
		if in == nil {
			return false
		}
		for _, field := range []string{"TableName", "UpdateExpression", "KeyConditionExpression", "ProjectionExpression"} {
			if limitctx.Text(textOf(f, in.One(field))) {
				return true
			}
		}
	}
	return false
}

// sqlCounter reports whether SQL text concerns a counter or a limit: its
// words name one (limitctx.Text), except in statements that cannot read
// a client's counter: a read of a PostgreSQL system view
// (pg_stat_user_tables' n_live_tup), or a SELECT that picks no row by a
// key and whose table names no counter or limit (SELECT COUNT(*) AS total
// FROM jobs: a table's size, for metrics).
func sqlCounter(text string) bool {
	if !limitctx.Text(text) {
		return false
	}
	facts, err := sqlfacts.Analyze(text)
	if err != nil || len(facts.Statements) == 0 {
		return true
	}
	for _, st := range facts.Statements {
		switch {
		case strings.HasPrefix(st.Table, "pg_"):
		case st.Kind == sqlfacts.Select && len(st.Key) == 0 && !limitctx.Text(st.Table):
		default:
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
