package rl013

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL013"

// Analyzer reports rate-limit counters whose expiry is set in a separate
// round trip from their increment, or never.
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
		r := newRedisOps(fn)
		for _, op := range r.counters {
			checkRedis(pass, res, fn, r, op)
		}
		checkDynamo(pass, res, fn)
	}
	return nil, nil
}

// increments are the Redis commands that create a counter without an
// expiry.
var increments = map[string]bool{"Incr": true, "IncrBy": true, "HIncrBy": true}

// scripts are the Redis commands that run a Lua script.
var scripts = map[string]bool{"Eval": true, "EvalSha": true, "EvalRO": true, "EvalShaRO": true, "Run": true}

// unit is what a queued command travels with: a go-redis pipeline (or
// transaction) value, or a redigo connection whose commands are sent.
type unit struct {
	obj  types.Object
	send bool
}

// op is a Redis command of a function.
type op struct {
	call *store.Call
	key  ast.Expr
	unit unit
}

// expiry is a call that gives a key a time to live: a command, or a
// function of the module that does (via).
type expiry struct {
	at     *ast.CallExpr
	key    ast.Expr
	unit   unit
	via    *types.Func
	window bool // creates the key with its expiry when absent (SET NX EX)
}

// redisOps are a function's Redis counters, expiries and scripts.
type redisOps struct {
	f        *flow.Func
	counters []*op
	expiries []expiry
	scripts  []*ast.CallExpr
	reads    []*op // GETs, whose reply may decide on the counter
}

func newRedisOps(fn *summary.Func) *redisOps {
	f := fn.Flow
	r := &redisOps{f: f}
	ast.Inspect(f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if fn, params := summary.Expiry(f, call); fn != nil {
			for _, p := range params {
				if p < len(call.Args) {
					r.expiries = append(r.expiries, expiry{at: call, key: call.Args[p], via: fn})
				}
			}
		}
		c := store.Classify(f, call)
		if c == nil || c.Kind != store.Redis || c.Declared() {
			// A declared wrapper may set an expiry rlcheck cannot see.
			return true
		}
		switch {
		case scripts[c.Op]:
			r.scripts = append(r.scripts, call)
		case c.Expires(f):
			if k := c.Key(); k != nil {
				r.expiries = append(r.expiries, expiry{at: call, key: k, unit: unitOf(f, c), window: c.CreatesWithExpiry(f)})
			}
		case increments[c.Op] || c.Op == "SetNX":
			if k := c.Key(); k != nil {
				r.counters = append(r.counters, &op{call: c, key: k, unit: unitOf(f, c)})
			}
		case c.Op == "Get" && c.Via == nil:
			if k := c.Key(); k != nil {
				r.reads = append(r.reads, &op{call: c, key: k})
			}
		}
		return true
	})
	return r
}

// unitOf returns what a command is queued on: a go-redis Pipeliner or
// Pipeline held in a variable (a TxPipelined callback's parameter, the
// result of TxPipeline()), or the connection of a redigo Send.
func unitOf(f *flow.Func, c *store.Call) unit {
	if c.Via != nil {
		return unit{}
	}
	sel, ok := ast.Unparen(c.Expr.Fun).(*ast.SelectorExpr)
	if !ok {
		return unit{}
	}
	if c.Reply {
		if sel.Sel.Name == "Send" {
			return unit{obj: f.Object(sel.X), send: true}
		}
		return unit{}
	}
	if t := f.Info.TypeOf(sel.X); t != nil && t != types.Typ[types.Invalid] {
		if !pipeline(t) {
			return unit{}
		}
		return unit{obj: f.Object(sel.X)}
	}
	// The client's package did not load: the pipeline is known by the
	// type it is declared with or the method that made it.
	switch _, name := f.TypeSource(sel.X); name {
	case "Pipeliner", "Pipeline", "TxPipeline":
		return unit{obj: f.Object(sel.X)}
	}
	return unit{}
}

// pipeline reports whether t is go-redis's Pipeliner or Pipeline.
func pipeline(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	name := named.Obj().Name()
	return name == "Pipeliner" || name == "Pipeline"
}

func (u unit) same(v unit) bool {
	return u.obj != nil && u.obj == v.obj && u.send == v.send
}

// checkRedis judges one counter command (or a call of a function of the
// module that runs one) of fn.
func checkRedis(pass *analysis.Pass, res *summary.Result, fn *summary.Func, r *redisOps, o *op) {
	c := o.call
	if c.Via != nil && (!increments[c.Via.Op] || c.Via.KeyParam < 0) {
		return
	}
	if c.Via == nil && c.Op == "SetNX" && !limitKey(fn, o) {
		return // a SETNX lock or marker, not a limit counter
	}
	if !limitOp(res, fn, o) && !r.readDecides(res, fn, o) {
		return
	}
	if c.Via != nil {
		if _, params := summary.Expiry(fn.Flow, c.Expr); contains(params, c.Via.KeyParam) {
			return // the function that increments sets the expiry: judged there
		}
	}
	exp, atomic := r.expiryOf(o)
	switch {
	case atomic:
		return
	case exp != nil:
		related := diag.Through(c, "the counter is incremented")
		msg := "the expiry is set here, in another round trip"
		if exp.via != nil {
			msg = "the expiry is set here, through " + diag.FuncName(exp.via) + ", in another round trip"
		}
		related = append(related, diag.Related(exp.at, msg))
		diag.Report(pass, id, rules.Medium, c.Expr, separateMsg(c), related...)
	case c.Via != nil:
		// Judged in the function that increments.
	case callersExpire(res, fn, o):
		// Judged in the caller that sets the expiry.
	default:
		diag.Report(pass, id, rules.Low, c.Expr, neverMsg(c))
	}
}

// expiryOf returns the expiry of o's key in the same function, and
// whether the pair is one unit: a Lua script on the key, SET NX with an
// expiry before the increment, or the expiry queued on the same pipeline.
func (r *redisOps) expiryOf(o *op) (*expiry, bool) {
	for _, s := range r.scripts {
		if r.mentionsKey(s, o.key) {
			return nil, true
		}
	}
	var sep *expiry
	for i := range r.expiries {
		e := &r.expiries[i]
		if e.at == o.call.Expr || !sameKey(r.f, e.key, o.key) {
			continue
		}
		switch {
		case e.window && e.at.Pos() < o.call.Expr.Pos():
			return nil, true
		case e.unit.same(o.unit):
			return nil, true
		case sep == nil:
			sep = e
		}
	}
	return sep, false
}

// mentionsKey reports whether a script call's arguments hold key.
func (r *redisOps) mentionsKey(call *ast.CallExpr, key ast.Expr) bool {
	found := false
	for _, a := range call.Args {
		ast.Inspect(a, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok && sameKey(r.f, e, key) {
				found = true
			}
			return !found
		})
	}
	return found
}

// sameKey reports whether two key expressions of one function name the
// same key: the same variable, or the same text (through local variables
// assigned once).
func sameKey(f *flow.Func, a, b ast.Expr) bool {
	return canon(f, a, 0) == canon(f, b, 0)
}

func canon(f *flow.Func, e ast.Expr, depth int) string {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		obj := f.Object(id)
		if obj == nil {
			return id.Name
		}
		if defs := f.Defs(obj); len(defs) == 1 && depth < 3 {
			return canon(f, defs[0], depth+1)
		}
		return fmt.Sprintf("%s@%d", id.Name, obj.Pos())
	}
	return types.ExprString(e)
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// limitKey reports whether a SETNX concerns a limit: its key or the
// function names one.
func limitKey(fn *summary.Func, o *op) bool {
	if fn.Limit {
		return true
	}
	s, ok := fn.Flow.ConstString(o.key)
	if !ok {
		s = types.ExprString(o.key)
	}
	return limitctx.Text(s)
}

// callersExpire reports whether fn returns o's count to callers that set
// the counter's expiry themselves (fn is a wrapper of the increment).
func callersExpire(res *summary.Result, fn *summary.Func, o *op) bool {
	w := fn.Wrapper()
	if fn.Obj == nil || w == nil || w.KeyParam < 0 || w.At != o.call.Expr.Pos() {
		return false
	}
	for _, u := range res.Uses(fn.Obj) {
		if u.Wrapper.KeyParam >= len(u.Call.Args) {
			continue
		}
		key := u.Call.Args[u.Wrapper.KeyParam]
		cr := newRedisOps(u.Caller)
		for _, e := range cr.expiries {
			if e.at != u.Call && sameKey(u.Caller.Flow, e.key, key) {
				return true
			}
		}
		for _, s := range cr.scripts {
			if cr.mentionsKey(s, key) {
				return true
			}
		}
	}
	return false
}

// limitOp reports whether the count (or SETNX's answer) reaches an
// allow/deny decision: an ordered comparison of the count (if the answer
// of SETNX), in fn or in the callers it returns the count to.
func limitOp(res *summary.Result, fn *summary.Func, o *op) bool {
	c := o.call
	boolean := c.Op == "SetNX"
	value := 0
	if c.Via != nil {
		if c.Via.Value < 0 {
			return false
		}
		value = c.Via.Value
		boolean = false
	}
	return decided(res, fn, reply(fn, c.Expr), value, boolean, 0)
}

// readDecides reports whether a GET of the counter's key in the same
// function decides (n, _ := rdb.Get(ctx, k).Int(); if n >= limit):
// the increment then counts a limit whose check reads it back.
func (r *redisOps) readDecides(res *summary.Result, fn *summary.Func, o *op) bool {
	if o.call.Op == "SetNX" {
		return false
	}
	for _, g := range r.reads {
		if sameKey(r.f, g.key, o.key) && decided(res, fn, reply(fn, g.call.Expr), 0, false, maxCallers) {
			return true
		}
	}
	return false
}

// accessors are the methods of a go-redis command that hand out its
// reply.
var accessors = map[string]bool{
	"Result": true, "Val": true, "Int": true, "Int64": true, "Uint64": true, "Float64": true, "Bool": true,
}

// reply returns the expression that holds a command's reply: the call of
// its accessor (rdb.Incr(ctx, k).Val()), redigo's conversion
// (redis.Int(conn.Do("INCR", k))), or the call itself.
func reply(fn *summary.Func, call *ast.CallExpr) ast.Expr {
	parents := fn.Parents()
	if sel, ok := parents[call].(*ast.SelectorExpr); ok && accessors[sel.Sel.Name] {
		if outer, ok := parents[sel].(*ast.CallExpr); ok && outer.Fun == sel {
			return outer
		}
	}
	if outer, ok := parents[call].(*ast.CallExpr); ok && store.IsRedigoReply(fn.Flow, outer) {
		return outer
	}
	return call
}

// maxCallers bounds how far a returned count is followed into callers.
const maxCallers = 2

// decided reports whether the value e yields (its result number value
// when it is assigned) reaches a decision in fn, or, when fn returns it,
// in fn's callers.
func decided(res *summary.Result, fn *summary.Func, e ast.Expr, value int, boolean bool, depth int) bool {
	f := fn.Flow
	parents := fn.Parents()
	returned := false
	// The reply used where it is: rdb.Incr(ctx, k).Val() > limit.
	n := ast.Node(e)
climb:
	for p := parents[n]; p != nil; n, p = p, parents[p] {
		switch p := p.(type) {
		case *ast.ParenExpr:
		case *ast.UnaryExpr:
			if p.Op == token.NOT && boolean {
				continue
			}
			break climb
		case *ast.BinaryExpr:
			if ordered(p.Op) && !boolean {
				return true
			}
			if p.Op == token.LAND || p.Op == token.LOR {
				if boolean {
					continue
				}
				break climb
			}
			if boolean {
				break climb
			}
		case *ast.CallExpr:
			if p.Fun == n || !conversion(f, p) {
				break climb
			}
		case *ast.IfStmt:
			if boolean && p.Cond == n {
				return true
			}
			break climb
		case *ast.ReturnStmt:
			if boolean {
				return true // the answer is the verdict
			}
			returned = true
			break climb
		default:
			break climb
		}
	}
	// The reply kept in a variable: n, err := ...; if n > limit.
	var held types.Object
	switch p := parents[e].(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && value < len(p.Lhs) {
			held = f.Object(p.Lhs[value])
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && value < len(p.Names) {
			held = f.Object(p.Names[value])
		}
	}
	if held != nil {
		set := f.DerivedFrom(held)
		found := false
		ast.Inspect(f.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BinaryExpr:
				if !boolean && ordered(n.Op) && (f.Mentions(n.X, set) || f.Mentions(n.Y, set)) {
					found = true
				}
			case *ast.IfStmt:
				if boolean && f.Mentions(n.Cond, set) {
					found = true
				}
			case *ast.ReturnStmt:
				for _, r := range n.Results {
					if f.Mentions(r, set) {
						found = found || boolean
						returned = true
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	if !returned || depth >= maxCallers || fn.Obj == nil {
		return false
	}
	for _, u := range res.Uses(fn.Obj) {
		if u.Wrapper.Value >= 0 && decided(res, u.Caller, u.Call, u.Wrapper.Value, boolean, depth+1) {
			return true
		}
	}
	return false
}

// ordered reports whether op orders two values (<, <=, >, >=).
func ordered(op token.Token) bool {
	return op == token.LSS || op == token.LEQ || op == token.GTR || op == token.GEQ
}

// conversion reports whether call converts its argument to a numeric
// type (int(n), float64(n)).
func conversion(f *flow.Func, call *ast.CallExpr) bool {
	tv, ok := f.Info.Types[call.Fun]
	return ok && tv.IsType() && len(call.Args) == 1
}
