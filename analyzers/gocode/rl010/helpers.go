package rl010

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/rules"
)

// library is a retry library whose helpers RL010 reads.
type library int

const (
	noLibrary library = iota
	avast             // github.com/avast/retry-go/v4
	cenkalti          // github.com/cenkalti/backoff (v4, v3, unversioned)
	goRetry           // github.com/sethvargo/go-retry
)

// libraryOf tells the retry library by import path. avast/retry-go is v4
// only: Attempts(0) has meant "until it succeeds" since v4.
func libraryOf(pkg *types.Package) library {
	if pkg == nil {
		return noLibrary
	}
	switch pkg.Path() {
	case "github.com/avast/retry-go/v4":
		return avast
	case "github.com/cenkalti/backoff/v4", "github.com/cenkalti/backoff/v3", "github.com/cenkalti/backoff":
		return cenkalti
	case "github.com/sethvargo/go-retry":
		return goRetry
	}
	return noLibrary
}

// helperScan reads the retry-helper calls of one package. It keeps the
// package's function declarations, which a helper may be handed by name,
// with the flow and context of each, built once.
type helperScan struct {
	pass  *analysis.Pass
	res   *summary.Result
	decls map[*types.Func]*ast.FuncDecl
	funcs map[*ast.FuncDecl]funcInfo
}

type funcInfo struct {
	f *flow.Func
	c *fctx
}

func newHelperScan(pass *analysis.Pass, res *summary.Result) *helperScan {
	hs := &helperScan{pass: pass, res: res, decls: make(map[*types.Func]*ast.FuncDecl), funcs: make(map[*ast.FuncDecl]funcInfo)}
	for fd := range flow.FuncDecls(pass.Files) {
		if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			hs.decls[fn] = fd
		}
	}
	return hs
}

// funcOf returns the flow and the context of fd.
func (hs *helperScan) funcOf(fd *ast.FuncDecl) (*flow.Func, *fctx) {
	fi, ok := hs.funcs[fd]
	if !ok {
		fn := hs.res.Func(fd)
		fi = funcInfo{f: fn.Flow, c: newFctx(fn)}
		hs.funcs[fd] = fi
	}
	return fi.f, fi.c
}

// helper is a call of a retry helper.
type helper struct {
	call *ast.CallExpr
	fn   *types.Func
	lib  library
	name string   // how messages name it: retry.Do, backoff.Retry
	op   ast.Expr // the function it retries
}

// asHelper recognises the retrying functions of the three libraries.
func asHelper(info *types.Info, call *ast.CallExpr) *helper {
	fn := flow.FuncOf(info, call.Fun)
	if fn == nil {
		return nil
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil {
		return nil
	}
	lib := libraryOf(fn.Pkg())
	op := -1
	switch lib {
	case avast:
		switch fn.Name() {
		case "Do", "DoWithData":
			op = 0
		}
	case cenkalti:
		switch fn.Name() {
		case "Retry", "RetryNotify", "RetryNotifyWithTimer", "RetryWithData", "RetryNotifyWithData", "RetryNotifyWithTimerAndData":
			op = 0
		}
	case goRetry:
		switch fn.Name() {
		case "Do", "DoValue", "Constant", "Exponential", "Fibonacci":
			op = 2
		}
	}
	if op < 0 || len(call.Args) <= op {
		return nil
	}
	return &helper{call: call, fn: fn, lib: lib, name: fn.Pkg().Name() + "." + fn.Name(), op: call.Args[op]}
}

// libFunc returns the function of lib that e calls, or nil.
func libFunc(info *types.Info, e ast.Expr, lib library) (*ast.CallExpr, *types.Func) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	fn := flow.FuncOf(info, call.Fun)
	if fn == nil || libraryOf(fn.Pkg()) != lib {
		return nil, nil
	}
	return call, fn
}

// stmtCtx is the statement a helper call sits in and the statements that
// follow it in its block.
type stmtCtx struct {
	stmt  ast.Stmt
	after []ast.Stmt
}

// stmtList returns the statements n holds directly, if it is a block or a
// clause.
func stmtList(n ast.Node) []ast.Stmt {
	switch b := n.(type) {
	case *ast.BlockStmt:
		return b.List
	case *ast.CaseClause:
		return b.Body
	case *ast.CommClause:
		return b.Body
	}
	return nil
}

// stmtCall returns the call a statement makes as a whole: a call
// statement, the single right-hand side of an assignment, or that of an
// if's init.
func stmtCall(s ast.Stmt) *ast.CallExpr {
	switch s := s.(type) {
	case *ast.ExprStmt:
		call, _ := ast.Unparen(s.X).(*ast.CallExpr)
		return call
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			call, _ := ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
			return call
		}
	case *ast.IfStmt:
		if as, ok := s.Init.(*ast.AssignStmt); ok {
			return stmtCall(as)
		}
	}
	return nil
}

// check reports the retry-helper calls of body, one function (a function
// literal's body is checked on its own). f and c are those of the
// enclosing declaration, sig the signature of body's own function.
func (hs *helperScan) check(f *flow.Func, c *fctx, sig *types.Signature, body *ast.BlockStmt) {
	info := hs.pass.TypesInfo
	stmts := make(map[*ast.CallExpr]stmtCtx)
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		list := stmtList(n)
		for i, s := range list {
			if l, ok := s.(*ast.LabeledStmt); ok {
				s = l.Stmt
			}
			if call := stmtCall(s); call != nil {
				stmts[call] = stmtCtx{stmt: s, after: list[i+1:]}
			}
		}
		return true
	})
	inspect(body, func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return
		}
		if h := asHelper(info, call); h != nil {
			hs.checkHelper(f, c, sig, h, stmts[call])
		}
	})
}

// checkHelper reports one helper call whose retried function calls a
// counter store or a limiter, at most once: an endless retry (high), else
// a give-up that lets the request through (high), else a fixed wait
// (medium).
func (hs *helperScan) checkHelper(f *flow.Func, c *fctx, sig *types.Signature, h *helper, sc stmtCtx) {
	pass := hs.pass
	body, bf, bc := hs.retriedFunc(f, c, h.op, 0)
	if body == nil {
		return
	}
	rc := findRetried(bf, body, bc)
	if rc == nil {
		return // retries other data: not this rule's business
	}
	var p policy
	switch h.lib {
	case avast:
		p = avastPolicy(f, h)
	case cenkalti:
		p = cenkaltiPolicy(f, h)
	case goRetry:
		p = goRetryPolicy(f, h, body)
	}
	if p.none {
		return
	}
	retriedAt := diag.Related(rc.at, "the retried call")
	if p.forever != "" {
		diag.Report(pass, id, rules.High, h.call, h.name+" retries "+rc.op+" "+p.forever+", so contention turns into an endless loop; "+p.foreverFix, retriedAt)
		return
	}
	if rc.deciding && sc.stmt != nil {
		if allow, discarded := failOpen(f, sig, sc); allow != nil {
			msg := "the error of " + h.name + " is discarded, so when every attempt of " + rc.op + " fails the function goes on to allow the request and provoking the retried error bypasses the limit; return the error or deny (429/503) when " + h.name + " fails"
			if !discarded {
				msg = "when every attempt of " + rc.op + " fails, the error branch of " + h.name + " goes on to allow the request, so provoking the retried error bypasses the limit; return the error or deny (429/503) in the err != nil branch"
			}
			diag.Report(pass, id, rules.High, h.call, msg, retriedAt, diag.Related(allow, "the request is allowed here"))
			return
		}
	}
	if p.fixed != "" {
		diag.Report(pass, id, rules.Medium, h.call, h.name+" retries "+rc.op+" "+p.fixed+", so colliding requests retry in lockstep and keep the contention going; "+p.fixedFix, retriedAt)
	}
}

// retriedFunc returns the body of the function a helper retries, with the
// flow and the context to read it in: a function literal, written in place
// or held in a local variable assigned once, is read with its enclosing
// declaration; a function or method declared in the package is read in
// its own declaration, and counts as rate-limit code when either side is.
// It returns nil when it cannot tell.
func (hs *helperScan) retriedFunc(f *flow.Func, c *fctx, e ast.Expr, depth int) (*ast.BlockStmt, *flow.Func, *fctx) {
	info := f.Info
	if depth > 4 {
		return nil, nil, nil
	}
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.FuncLit:
		return x.Body, f, c
	case *ast.CallExpr:
		// A conversion: retry.RetryableFunc(fn), backoff.Operation(fn).
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return hs.retriedFunc(f, c, x.Args[0], depth+1)
		}
		return nil, nil, nil
	}
	if obj := f.Object(e); obj != nil {
		if defs := f.Defs(obj); len(defs) == 1 {
			return hs.retriedFunc(f, c, defs[0], depth+1)
		}
		return nil, nil, nil
	}
	fn := flow.FuncOf(info, e)
	if fn == nil {
		return nil, nil, nil
	}
	fd := hs.decls[fn.Origin()]
	if fd == nil {
		return nil, nil, nil
	}
	df, dc := hs.funcOf(fd)
	if c.limiterCode && !dc.limiterCode {
		cc := *dc
		cc.limiterCode = true
		dc = &cc
	}
	return fd.Body, df, dc
}

// policy is what a helper's configuration says about its attempts.
type policy struct {
	none       bool   // it does not retry at all
	forever    string // how it retries without end ("" when bounded or unknown)
	foreverFix string
	fixed      string // how it waits the same time every attempt ("" otherwise)
	fixedFix   string
}

// avastPolicy reads the options of retry.Do / retry.DoWithData. The
// defaults are 10 attempts with BackOffDelay combined with RandomDelay. An
// option it cannot read (a variable, a slice passed with ...) leaves the
// whole configuration unknown.
func avastPolicy(f *flow.Func, h *helper) policy {
	info := f.Info
	if h.call.Ellipsis.IsValid() {
		return policy{}
	}
	attempts, attemptsKnown := uint64(10), true
	var attemptsOpt ast.Expr
	withContext := false
	delay := delayVaries
	for _, a := range h.call.Args[1:] {
		oc, fn := libFunc(info, a, avast)
		if fn == nil {
			return policy{}
		}
		switch fn.Name() {
		case "Attempts":
			if len(oc.Args) != 1 {
				return policy{}
			}
			attempts, attemptsKnown = constUint(info, oc.Args[0])
			attemptsOpt = oc
		case "UntilSucceeded":
			attempts, attemptsKnown, attemptsOpt = 0, true, oc
		case "Context":
			withContext = true
		case "DelayType":
			if len(oc.Args) != 1 {
				return policy{}
			}
			delay = avastDelay(info, oc.Args[0], 0)
		}
	}
	var p policy
	if attemptsKnown && attempts == 1 {
		p.none = true
		return p
	}
	if attemptsKnown && attempts == 0 && !withContext {
		p.forever = "with " + types.ExprString(attemptsOpt) + " and no retry.Context"
		p.foreverFix = "give retry.Attempts a bound (or pass retry.Context with a deadline) and return the error after the last attempt"
	}
	if delay == delayFixed {
		// FixedDelay returns the configured delay as it is: MaxJitter
		// only feeds RandomDelay.
		p.fixed = "with retry.FixedDelay, the same wait before every attempt (retry.MaxJitter only applies to retry.RandomDelay)"
		p.fixedFix = "keep the default delay (retry.BackOffDelay combined with retry.RandomDelay) or pass retry.DelayType(retry.CombineDelay(retry.BackOffDelay, retry.RandomDelay))"
	}
	return p
}

type delayKind int

const (
	delayUnknown delayKind = iota
	delayFixed
	delayVaries
)

// avastDelay reads a DelayTypeFunc: FixedDelay is fixed, BackOffDelay and
// RandomDelay vary, CombineDelay varies when one of its parts does.
func avastDelay(info *types.Info, e ast.Expr, depth int) delayKind {
	if depth > 4 {
		return delayUnknown
	}
	if fn := flow.FuncOf(info, e); fn != nil && libraryOf(fn.Pkg()) == avast {
		switch fn.Name() {
		case "FixedDelay":
			return delayFixed
		case "BackOffDelay", "RandomDelay":
			return delayVaries
		}
		return delayUnknown
	}
	call, fn := libFunc(info, e, avast)
	if fn == nil || fn.Name() != "CombineDelay" || call.Ellipsis.IsValid() || len(call.Args) == 0 {
		return delayUnknown
	}
	all := delayFixed
	for _, a := range call.Args {
		switch avastDelay(info, a, depth+1) {
		case delayVaries:
			return delayVaries
		case delayUnknown:
			all = delayUnknown
		}
	}
	return all
}

// constUint returns the value of an integer constant.
func constUint(info *types.Info, e ast.Expr) (uint64, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Uint64Val(tv.Value)
}

// backOffKind is the kind of a cenkalti/backoff policy.
type backOffKind int

const (
	boUnknown  backOffKind = iota
	boExp                  // ExponentialBackOff: jittered (RandomizationFactor 0.5)
	boConstant             // ConstantBackOff
	boZero                 // ZeroBackOff
	boStop                 // StopBackOff: never retries
)

type backOff struct {
	kind    backOffKind
	bounded bool // something stops it: MaxElapsedTime, WithMaxRetries, WithContext
}

// cenkaltiPolicy reads the BackOff handed to backoff.Retry and friends.
func cenkaltiPolicy(f *flow.Func, h *helper) policy {
	if len(h.call.Args) < 2 {
		return policy{}
	}
	b := cenkaltiBackOff(f, h.call.Args[1], 0)
	var p policy
	switch b.kind {
	case boUnknown:
		return p
	case boStop:
		p.none = true
		return p
	}
	if !b.bounded {
		p.foreverFix = "bound it with backoff.WithMaxRetries (or backoff.WithContext with a deadline), back off with backoff.NewExponentialBackOff(), and return the error after the last attempt"
		switch b.kind {
		case boConstant:
			p.forever = "with a ConstantBackOff and no backoff.WithMaxRetries or backoff.WithContext"
		case boZero:
			p.forever = "with a ZeroBackOff and no backoff.WithMaxRetries or backoff.WithContext"
		case boExp:
			p.forever = "with an ExponentialBackOff whose MaxElapsedTime is 0 and no backoff.WithMaxRetries or backoff.WithContext"
			p.foreverFix = "keep a MaxElapsedTime or wrap it in backoff.WithMaxRetries (or backoff.WithContext with a deadline), and return the error after the last attempt"
		}
	}
	p.fixedFix = "use backoff.NewExponentialBackOff() (it jitters) bounded by backoff.WithMaxRetries"
	switch b.kind {
	case boConstant:
		p.fixed = "with a ConstantBackOff, the same wait before every attempt"
	case boZero:
		p.fixed = "with a ZeroBackOff, no wait between attempts"
	}
	return p
}

// cenkaltiBackOff follows a BackOff expression through local variables
// and the wrappers WithMaxRetries and WithContext down to its policy.
func cenkaltiBackOff(f *flow.Func, e ast.Expr, depth int) backOff {
	return cenkaltiEval(f, e, make(map[types.Object]backOff), depth)
}

func cenkaltiEval(f *flow.Func, e ast.Expr, self map[types.Object]backOff, depth int) backOff {
	info := f.Info
	if depth > 8 {
		return backOff{}
	}
	e = ast.Unparen(e)
	if obj := f.Object(e); obj != nil {
		if b, ok := self[obj]; ok {
			return b
		}
		var b backOff
		ok := chain(f, obj, func(base ast.Expr) bool {
			b = cenkaltiEval(f, base, self, depth+1)
			return b.kind != boUnknown
		}, func(wrap ast.Expr) bool {
			self[obj] = b
			b = cenkaltiEval(f, wrap, self, depth+1)
			delete(self, obj)
			return b.kind != boUnknown
		})
		if !ok {
			return backOff{}
		}
		if b.kind == boExp {
			// b := backoff.NewExponentialBackOff(); b.MaxElapsedTime = 0
			for _, v := range f.FieldSets(obj, "MaxElapsedTime") {
				n, ok := constUint(info, v)
				if !ok {
					return backOff{}
				}
				b.bounded = n != 0
			}
		}
		return b
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if lit, ok := e.(*ast.CompositeLit); ok {
		t, ok := types.Unalias(info.TypeOf(lit)).(*types.Named)
		if !ok || libraryOf(t.Obj().Pkg()) != cenkalti {
			return backOff{}
		}
		switch t.Obj().Name() {
		case "ConstantBackOff":
			return backOff{kind: boConstant}
		case "ZeroBackOff":
			return backOff{kind: boZero}
		case "StopBackOff":
			return backOff{kind: boStop}
		}
		return backOff{} // a hand-filled ExponentialBackOff: cannot tell
	}
	call, fn := libFunc(info, e, cenkalti)
	if fn == nil {
		return backOff{}
	}
	switch fn.Name() {
	case "NewExponentialBackOff":
		b := backOff{kind: boExp, bounded: true} // MaxElapsedTime 15 min
		if !call.Ellipsis.IsValid() {
			for _, a := range call.Args {
				if oc, ofn := libFunc(info, a, cenkalti); ofn != nil && ofn.Name() == "WithMaxElapsedTime" && len(oc.Args) == 1 {
					if n, ok := constUint(info, oc.Args[0]); ok {
						b.bounded = n != 0
					}
				}
			}
		}
		return b
	case "NewConstantBackOff":
		return backOff{kind: boConstant}
	case "WithMaxRetries":
		if len(call.Args) != 2 {
			return backOff{}
		}
		if n, ok := constUint(info, call.Args[1]); ok && n == 0 {
			// v4 stops at once, older versions never: cannot tell.
			return backOff{}
		}
		b := cenkaltiEval(f, call.Args[0], self, depth+1)
		b.bounded = true
		return b
	case "WithContext":
		if len(call.Args) != 2 {
			return backOff{}
		}
		b := cenkaltiEval(f, call.Args[0], self, depth+1)
		b.bounded = true
		return b
	}
	return backOff{}
}

// goRetryPolicy reads the Backoff handed to sethvargo/go-retry. Its Do
// retries only errors wrapped in retry.RetryableError, and it stops when
// its context ends, so an unbounded Backoff is bounded by the context
// like a for {} that checks ctx.Done().
func goRetryPolicy(f *flow.Func, h *helper, body *ast.BlockStmt) policy {
	info := f.Info
	var p policy
	if !flow.Contains(body, func(n ast.Node) bool {
		_, fn := libFunc(info, asExpr(n), goRetry)
		return fn != nil && fn.Name() == "RetryableError"
	}) {
		p.none = true // nothing is marked retryable: it never retries
		return p
	}
	p.fixedFix = "use retry.NewExponential wrapped in retry.WithJitter (or retry.WithJitterPercent) and bounded by retry.WithMaxRetries"
	switch h.fn.Name() {
	case "Constant":
		p.fixed = "with a constant backoff and no jitter, the same wait before every attempt"
	case "Do", "DoValue":
		constant, jitter, ok := goRetryBackoff(f, h.call.Args[1], 0)
		if ok && constant && !jitter {
			p.fixed = "with retry.NewConstant and no retry.WithJitter, the same wait before every attempt"
		}
	}
	return p
}

func asExpr(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}

// goRetryBackoff follows a go-retry Backoff through local variables and
// its middleware down to the base backoff.
func goRetryBackoff(f *flow.Func, e ast.Expr, depth int) (constant, jitter, ok bool) {
	b := goRetryEval(f, e, make(map[types.Object]goRetryB), depth)
	return b.constant, b.jitter, b.ok
}

// goRetryB is what a go-retry Backoff expression says.
type goRetryB struct {
	constant, jitter, ok bool
}

func goRetryEval(f *flow.Func, e ast.Expr, self map[types.Object]goRetryB, depth int) goRetryB {
	if depth > 8 {
		return goRetryB{}
	}
	e = ast.Unparen(e)
	if obj := f.Object(e); obj != nil {
		if b, ok := self[obj]; ok {
			return b
		}
		var b goRetryB
		if !chain(f, obj, func(base ast.Expr) bool {
			b = goRetryEval(f, base, self, depth+1)
			return b.ok
		}, func(wrap ast.Expr) bool {
			self[obj] = b
			b = goRetryEval(f, wrap, self, depth+1)
			delete(self, obj)
			return b.ok
		}) {
			return goRetryB{}
		}
		return b
	}
	call, fn := libFunc(f.Info, e, goRetry)
	if fn == nil {
		return goRetryB{}
	}
	switch fn.Name() {
	case "NewConstant":
		return goRetryB{constant: true, ok: true}
	case "NewExponential", "NewFibonacci":
		return goRetryB{ok: true}
	case "WithJitter", "WithJitterPercent":
		if len(call.Args) != 2 {
			return goRetryB{}
		}
		b := goRetryEval(f, call.Args[1], self, depth+1)
		b.jitter = true
		return b
	case "WithMaxRetries", "WithMaxDuration", "WithCappedDuration":
		if len(call.Args) != 2 {
			return goRetryB{}
		}
		return goRetryEval(f, call.Args[1], self, depth+1)
	}
	return goRetryB{}
}

// chain reads the assignments of a local variable holding a back-off: one
// that does not mention the variable (the base) and any number that wrap
// it (b = retry.WithJitter(j, b)), in source order. Reading is
// flow-insensitive: a wrapper under an if counts as applied, and every
// wrapper adds a bound or jitter, so that errs towards silence. It
// returns false when there is no single base or base or wrap does.
func chain(f *flow.Func, obj types.Object, base, wrap func(ast.Expr) bool) bool {
	var bases, wraps []ast.Expr
	set := map[types.Object]bool{obj: true}
	for _, d := range f.Defs(obj) {
		if f.Mentions(d, set) {
			wraps = append(wraps, d)
		} else {
			bases = append(bases, d)
		}
	}
	if len(bases) != 1 || !base(bases[0]) {
		return false
	}
	for _, w := range wraps {
		if !wrap(w) {
			return false
		}
	}
	return true
}

// failOpen returns the statement that lets the request through once the
// helper call at sc gives up, and whether its error was discarded: the
// call is a statement of its own or its error goes to _ (or to a variable
// never read again), or the err != nil branch does not deny. What allows
// is read as after a loop (allowsAfter): return true or a nil error,
// next.ServeHTTP or c.Next() with no denial on the way.
func failOpen(f *flow.Func, sig *types.Signature, sc stmtCtx) (ast.Node, bool) {
	info := f.Info
	switch s := sc.stmt.(type) {
	case *ast.ExprStmt:
		return allowsThrough(info, sig, sc.after), true
	case *ast.AssignStmt:
		errVar, discarded := errTarget(f, s)
		if discarded {
			return allowsThrough(info, sig, sc.after), true
		}
		if errVar == nil {
			return nil, false
		}
		set := map[types.Object]bool{errVar: true}
		for k, a := range sc.after {
			if !f.Mentions(a, set) {
				continue
			}
			ifs, ok := a.(*ast.IfStmt)
			if !ok || ifs.Init != nil || ifs.Else != nil || !errNotNil(info, ifs.Cond, errVar) {
				return nil, false // the error is used: returned, wrapped, compared
			}
			list := slices.Concat(sc.after[:k], ifs.Body.List, sc.after[k+1:])
			return allowsThrough(info, sig, list), false
		}
		for _, use := range f.Uses(errVar) {
			if use.Pos() > s.End() {
				return nil, false // read further on, outside this block
			}
		}
		return allowsThrough(info, sig, sc.after), true
	case *ast.IfStmt:
		// if err := retry.Do(...); err != nil { log.Print(err) }
		as, ok := s.Init.(*ast.AssignStmt)
		if !ok {
			return nil, false
		}
		errVar, _ := errTarget(f, as)
		if errVar == nil || s.Else != nil || !errNotNil(info, s.Cond, errVar) {
			return nil, false
		}
		return allowsThrough(info, sig, slices.Concat(s.Body.List, sc.after)), false
	}
	return nil, false
}

// errTarget returns the variable the error result of an assignment goes
// to (its last left-hand side), or reports that it goes to _.
func errTarget(f *flow.Func, as *ast.AssignStmt) (types.Object, bool) {
	if len(as.Rhs) != 1 || len(as.Lhs) == 0 {
		return nil, false
	}
	last := ast.Unparen(as.Lhs[len(as.Lhs)-1])
	if id, ok := last.(*ast.Ident); ok && id.Name == "_" {
		return nil, true
	}
	return f.Object(last), false
}

// errNotNil matches cond against err != nil (or nil != err).
func errNotNil(info *types.Info, cond ast.Expr, err types.Object) bool {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.NEQ {
		return false
	}
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == err
	}
	return is(be.X) && isNil(info, be.Y) || is(be.Y) && isNil(info, be.X)
}

// allowsThrough is allowsAfter, read up to the first next.ServeHTTP or
// c.Next() statement: once the request is handed on, what follows (a bare
// return) no longer denies it.
func allowsThrough(info *types.Info, sig *types.Signature, list []ast.Stmt) ast.Node {
	for i, s := range list {
		if es, ok := s.(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && nextCall(info, call) {
				return allowsAfter(info, sig, list[:i+1])
			}
		}
	}
	return allowsAfter(info, sig, list)
}

// limitText reports a store call whose SQL text or Redis key literal names
// a counter or a limit.
func limitText(f *flow.Func, call *ast.CallExpr) bool {
	c := store.Classify(f, call)
	if c == nil {
		return false
	}
	switch c.Kind {
	case store.SQL:
		q, ok := c.SQLText(f)
		return ok && limitctx.Text(q)
	case store.Redis:
		for _, a := range call.Args {
			if flow.Contains(a, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				return ok && lit.Kind == token.STRING && limitctx.Text(lit.Value)
			}) {
				return true
			}
		}
	}
	return false
}

// releaseCall reports a Redis command that gives a slot back or cleans up
// (DECR, INCRBY by a negative amount, DEL, ZREM, EXPIRE): retrying it
// decides nothing.
func releaseCall(info *types.Info, c *store.Call) bool {
	if c.Kind != store.Redis {
		return false
	}
	for _, p := range []string{"Decr", "Del", "HDel", "ZRem", "SRem", "LRem", "Unlink", "Expire", "PExpire"} {
		if strings.HasPrefix(c.Op, p) {
			return true
		}
	}
	if (c.Op == "IncrBy" || c.Op == "HIncrBy") && len(c.Expr.Args) > 0 {
		tv, ok := info.Types[c.Expr.Args[len(c.Expr.Args)-1]]
		return ok && tv.Value != nil && constant.Sign(tv.Value) < 0
	}
	return false
}
