package summary

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/decide"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/taint"
)

// maxRounds bounds the fixpoint over the summaries: enough for a chain of
// wrappers and decisions.
const maxRounds = 8

// solve computes the wrapper and decision summaries of funcs to a
// fixpoint: a wrapper may call a wrapper, a decision a decision.
func (w *world) solve(funcs []*Func) {
	for round := 0; round < maxRounds; round++ {
		changed := false
		for _, fn := range funcs {
			if fn.Obj == nil {
				continue
			}
			wr := inferWrapper(fn)
			if !sameWrapper(wr, fn.wrap) {
				fn.wrap = wr
				changed = true
			}
			if d, at := w.inferDecision(fn, wr); d != fn.decision || at != fn.decideAt {
				fn.decision, fn.decideAt = d, at
				changed = true
			}
			if r := w.inferReturns(fn); r != fn.returns {
				fn.returns = r
				changed = true
			}
			if e := w.inferExpires(fn); !slices.Equal(e, fn.expires) {
				fn.expires = e
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

func sameWrapper(a, b *store.Wrapper) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Kind == b.Kind && a.Op == b.Op && a.KeyParam == b.KeyParam && a.KeyText == b.KeyText &&
		a.SQL == b.SQL && equalInts(a.SQLParams, b.SQLParams) && a.Value == b.Value && a.Err == b.Err &&
		a.Conditional == b.Conditional && a.Consistent == b.Consistent && a.At == b.At && a.Inner == b.Inner
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// primaryOps are the store operations a wrapper may wrap: counter reads
// and writes. Expiry, deletion and connection calls beside them do not
// make a function less of a wrapper.
var primaryOps = map[store.Kind]map[string]bool{
	store.Redis: {
		"Get": true, "Set": true, "SetNX": true, "SetEX": true, "SetArgs": true, "GetSet": true,
		"Incr": true, "IncrBy": true, "IncrByFloat": true, "Decr": true, "DecrBy": true,
		"HGet": true, "HSet": true, "HIncrBy": true, "HGetAll": true, "Eval": true, "EvalSha": true,
		"EvalRO": true, "EvalShaRO": true, "Run": true, "ZAdd": true, "ZCard": true, "ZCount": true,
		"LLen": true, "Exists": true, "MGet": true,
	},
	store.DynamoDB: {"GetItem": true, "Query": true, "UpdateItem": true, "PutItem": true},
}

func primary(c *store.Call) bool {
	if c.Kind == store.SQL {
		return true
	}
	return primaryOps[c.Kind][c.Op]
}

// inferWrapper returns what fn wraps: its one primary store operation
// (or the same operation on several branches, the first of them), when fn
// does not itself decide on the reply. A function that compares what it
// read and returns no error (Find(ip) (exists, tooMany bool)) still hands
// its callers a read; with an error result it is a limit decision
// (inferDecision).
func inferWrapper(fn *Func) *store.Wrapper {
	f := fn.Flow
	var op *store.Call
	same := true
	walkOwn(f.Body, func(node ast.Node) {
		call, ok := node.(*ast.CallExpr)
		if !ok || !same {
			return
		}
		c := store.Classify(f, call)
		if c == nil || !primary(c) {
			return
		}
		if op == nil {
			op = c
		} else if c.Kind != op.Kind || c.Op != op.Op {
			same = false
		}
	})
	if op == nil || !same || op.Via != nil && op.Via.Func == fn.Obj {
		return nil
	}
	w := &store.Wrapper{Kind: op.Kind, Op: op.Op, KeyParam: -1, Value: -1, Err: -1, Func: fn.Obj, At: op.Expr.Pos(), Inner: op.Via}
	if op.Via != nil && op.Via.At.IsValid() {
		w.At = op.Via.At
	}
	switch op.Kind {
	case store.Redis:
		if k := op.Key(); k != nil {
			w.KeyParam = paramOf(fn, k, 0)
			w.KeyText = constText(f, k, 0)
		}
	case store.SQL:
		w.SQL, _ = op.SQLText(f)
		for _, p := range op.Params {
			i := -1
			if p != nil {
				i = paramOf(fn, p, 0)
			}
			w.SQLParams = append(w.SQLParams, i)
		}
	case store.DynamoDB:
		if op.Via != nil {
			w.Conditional, w.Consistent, w.KeyText = op.Via.Conditional, op.Via.Consistent, op.Via.KeyText
			w.KeyParam = remap(op.Via.KeyParam, op.Expr, fn)
			break
		}
		in := store.ResolveInput(f, op.Input)
		if in == nil {
			return nil // built out of sight: nothing to tell the callers
		}
		w.Conditional = in.Set("ConditionExpression") || in.Set("Expected")
		w.Consistent = in.Set("ConsistentRead")
		w.KeyText, _ = f.ConstString(in.One("TableName"))
		for _, k := range in.Fields["Key"] {
			if i := paramOf(fn, k, 0); i >= 0 {
				w.KeyParam = i
				break
			}
		}
	}
	vals, errs, whole := opResults(fn, op)
	if compared(f, vals, whole) && (!readOps[op.Op] || returnsError(fn)) {
		return nil
	}
	w.Value, w.Err = resultsOf(fn, vals, errs, whole)
	return w
}

// readOps are the operations that only read.
var readOps = map[string]bool{"Get": true, "HGet": true, "HGetAll": true, "MGet": true, "GetItem": true, "Query": true}

// inferExpires returns the parameters of fn that a Redis key it gives a
// time to live is built from: it runs EXPIRE (or a SET with an
// expiration) on that key itself, in a function literal (a pipeline's
// callback), or through a function that does.
func (w *world) inferExpires(fn *Func) []int {
	f := fn.Flow
	var out []int
	ast.Inspect(f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if c := store.Classify(f, call); c != nil && c.Expires(f) {
			if i := paramOf(fn, c.Key(), 0); i >= 0 {
				out = append(out, i)
			}
			return true
		}
		for _, callee := range f.Callees(call) {
			if callee = callee.Origin(); callee == fn.Obj {
				continue
			}
			for _, p := range w.expiresOf(callee) {
				if i := remap(p, call, fn); i >= 0 {
					out = append(out, i)
				}
			}
		}
		return true
	})
	slices.Sort(out)
	return slices.Compact(out)
}

// returnsError reports whether fn's last result is an error.
func returnsError(fn *Func) bool {
	sig, ok := fn.Obj.Type().(*types.Signature)
	return ok && sig.Results().Len() > 0 && isErrorType(sig.Results().At(sig.Results().Len()-1).Type())
}

// remap follows a wrapper's parameter index through a call of it: the
// parameter of fn that the call passes there, -1 for anything else.
func remap(i int, call *ast.CallExpr, fn *Func) int {
	if i < 0 || i >= len(call.Args) {
		return -1
	}
	return paramOf(fn, call.Args[i], 0)
}

// paramOf returns the parameter of fn that e is built from, directly or
// through local variables, -1 when none.
func paramOf(fn *Func, e ast.Expr, depth int) int {
	if e == nil || depth > 4 {
		return -1
	}
	best := -1
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || best >= 0 {
			return best < 0
		}
		obj := fn.Flow.Object(id)
		if obj == nil {
			return true
		}
		if i, ok := fn.params[obj]; ok {
			best = i
			return false
		}
		for _, d := range fn.Flow.Defs(obj) {
			if i := paramOf(fn, d, depth+1); i >= 0 {
				best = i
				return false
			}
		}
		return true
	})
	return best
}

// constText returns the constant text in e ("rl:" of "rl:"+ip, the format
// of fmt.Sprintf("rl:%s", ip)), through local variables.
func constText(f *flow.Func, e ast.Expr, depth int) string {
	if e == nil || depth > 4 {
		return ""
	}
	if s, ok := f.ConstString(e); ok {
		return s
	}
	var parts []string
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if tv, ok := f.Info.Types[n]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				parts = append(parts, constant.StringVal(tv.Value))
			}
		case *ast.Ident:
			if s, ok := f.ConstString(n); ok {
				parts = append(parts, s)
			} else if obj := f.Object(n); obj != nil {
				for _, d := range f.Defs(obj) {
					if s := constText(f, d, depth+1); s != "" {
						parts = append(parts, s)
					}
				}
			}
		}
		return true
	})
	return strings.Join(parts, " ")
}

// accessors are the methods of a go-redis command (and a SQL row) that
// hand out its reply or its error.
var accessors = map[string]bool{
	"Result": true, "Val": true, "Int": true, "Int64": true, "Uint64": true, "Float64": true,
	"Bool": true, "Text": true, "Bytes": true, "Scan": true, "Err": true, "String": true,
}

// opResults returns the variables of fn that hold op's reply and its
// error, and the expressions that are op's results as a whole (the call,
// or its accessor, returned as it is: return rdb.Get(ctx, k).Int64()).
func opResults(fn *Func, op *store.Call) (vals, errs map[types.Object]bool, whole []ast.Expr) {
	f := fn.Flow
	parents := fn.Parents()
	vals, errs = make(map[types.Object]bool), make(map[types.Object]bool)
	var visit func(node ast.Node, depth int)
	visit = func(node ast.Node, depth int) {
		if depth > 4 {
			return
		}
		isErr := false
		for {
			p := parents[node]
			if sel, ok := p.(*ast.SelectorExpr); ok && sel.X == node && accessors[sel.Sel.Name] {
				call, ok := parents[sel].(*ast.CallExpr)
				if !ok {
					break
				}
				if sel.Sel.Name == "Scan" {
					addrTargets(f, call, vals)
				}
				isErr = sel.Sel.Name == "Err"
				node = call
				continue
			}
			if call, ok := p.(*ast.CallExpr); ok && store.IsRedigoReply(f, call) {
				node = call
				continue
			}
			break
		}
		if c, ok := node.(*ast.CallExpr); ok && c == op.Expr {
			addrTargets(f, c, vals) // sqlx db.Get(&n, q, ...)
		}
		switch p := parents[node].(type) {
		case *ast.AssignStmt:
			if len(p.Rhs) != 1 {
				return
			}
			assignTargets(f, p.Lhs, isErr, vals, errs)
			// cmd := rdb.Incr(ctx, k): the command's accessors, later.
			if len(p.Lhs) == 1 && !isErr && op.Kind == store.Redis && !op.Reply && op.Via == nil && node == ast.Node(op.Expr) {
				if obj := f.Object(p.Lhs[0]); obj != nil {
					for _, u := range f.Uses(obj) {
						visit(u, depth+1)
					}
				}
			}
		case *ast.ValueSpec:
			if len(p.Values) == 1 {
				lhs := make([]ast.Expr, len(p.Names))
				for i, id := range p.Names {
					lhs[i] = id
				}
				assignTargets(f, lhs, isErr, vals, errs)
			}
		case *ast.ReturnStmt:
			whole = append(whole, node.(ast.Expr))
		}
	}
	visit(op.Expr, 0)
	return vals, errs, whole
}

// addrTargets adds the variables whose address call takes (Scan(&n)).
func addrTargets(f *flow.Func, call *ast.CallExpr, set map[types.Object]bool) {
	for _, a := range call.Args {
		if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
			if obj := f.Object(u.X); obj != nil {
				set[obj] = true
			}
		}
	}
}

// assignTargets sorts the targets of v, err := ... into values and
// errors.
func assignTargets(f *flow.Func, lhs []ast.Expr, isErr bool, vals, errs map[types.Object]bool) {
	for i, l := range lhs {
		obj := f.Object(l)
		if obj == nil {
			continue
		}
		switch {
		case isErr, len(lhs) > 1 && i == len(lhs)-1, isErrorType(obj.Type()):
			errs[obj] = true
		default:
			vals[obj] = true
		}
	}
}

var errorType = types.Universe.Lookup("error").Type()

// objects returns the members of set.
func objects(set map[types.Object]bool) []types.Object {
	out := make([]types.Object, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	return out
}

func isErrorType(t types.Type) bool { return t != nil && types.Identical(t, errorType) }

// compared reports whether fn orders the reply against something (n >
// limit): then fn decides, it does not just wrap.
func compared(f *flow.Func, vals map[types.Object]bool, whole []ast.Expr) bool {
	derived := f.DerivedFrom(objects(vals)...)
	found := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BinaryExpr); ok {
			switch b.Op {
			case token.LSS, token.LEQ, token.GTR, token.GEQ:
				found = found || f.Mentions(b, derived)
			}
		}
		return !found
	})
	return found
}

// resultsOf returns the results of fn that carry the reply and the
// error: a return that mentions a variable holding (or derived from)
// them, or returns the operation as a whole.
func resultsOf(fn *Func, vals, errs map[types.Object]bool, whole []ast.Expr) (value, errIdx int) {
	f := fn.Flow
	sig, ok := fn.Obj.Type().(*types.Signature)
	if !ok {
		return -1, -1
	}
	res := sig.Results()
	last := res.Len() - 1
	lastErr := last >= 0 && isErrorType(res.At(last).Type())
	dv, de := f.DerivedFrom(objects(vals)...), f.DerivedFrom(objects(errs)...)
	value, errIdx = -1, -1
	walkOwn(f.Body, func(n ast.Node) {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok {
			return
		}
		if len(ret.Results) == 0 {
			// A bare return of named results.
			for i := range res.Len() {
				v := res.At(i)
				switch {
				case i == last && lastErr && de[v]:
					errIdx = i
				case dv[v] && value < 0:
					value = i
				}
			}
			return
		}
		if len(ret.Results) == 1 && res.Len() > 1 {
			for _, w := range whole {
				if ast.Unparen(ret.Results[0]) == w {
					value = 0
					if lastErr {
						errIdx = last
					}
				}
			}
			return
		}
		for i, r := range ret.Results {
			isWhole := false
			for _, w := range whole {
				isWhole = isWhole || flow.Contains(r, func(n ast.Node) bool { return n == w })
			}
			switch {
			case i == last && lastErr:
				if f.Mentions(r, de) {
					errIdx = i
				}
			case value < 0 && (isWhole || f.Mentions(r, dv)):
				value = i
			}
		}
	})
	return value, errIdx
}

// inferDecision reports whether fn is a limit decision: it decides on a
// counter or a limiter (decide.Find) and returns that call's error, with
// something else besides. at is the counter call it decides on.
func (w *world) inferDecision(fn *Func, wrap *store.Wrapper) (bool, token.Pos) {
	sig, ok := fn.Obj.Type().(*types.Signature)
	if wrap != nil || !ok || sig.Results().Len() < 2 || !isErrorType(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false, token.NoPos
	}
	f := fn.Flow
	errs := make(map[types.Object]bool)
	at := token.NoPos
	for _, c := range decide.Find(f) {
		// A store's counter, any store read of limit code, another
		// decision; a call named like a limiter's (Acquire, Take) only
		// in limit code.
		switch {
		case c.Store != nil && (c.Counter || fn.Limit):
		case c.Store == nil && (fn.Limit || decides(f, c.Expr)):
		default:
			continue
		}
		obj := f.Object(c.Err)
		if obj == nil {
			continue
		}
		errs[obj] = true
		if at.IsValid() {
			continue
		}
		switch {
		case c.Store != nil && c.Store.Via != nil && c.Store.Via.At.IsValid():
			at = c.Store.Via.At
		case c.Store != nil:
			at = c.Store.Expr.Pos()
		default:
			for _, callee := range f.Callees(c.Expr) {
				if inner := w.funcs[callee.Origin()]; inner != nil && inner.decision {
					at = inner.decideAt
					break
				}
			}
		}
	}
	if len(errs) == 0 {
		return false, token.NoPos
	}
	if _, errIdx := resultsOf(fn, nil, errs, nil); errIdx < 0 {
		return false, token.NoPos
	}
	return true, at
}

// decides reports whether call runs a limit decision of the module.
func decides(f *flow.Func, call *ast.CallExpr) bool {
	ds, ok := f.Ctx.(decide.Deciders)
	if !ok {
		return false
	}
	for _, fn := range f.Callees(call) {
		if ds.Decider(fn) {
			return true
		}
	}
	return false
}

// inferReturns reports what fn's first result carries: the raw current
// time when every return gives one (windowKey(ip) formatting
// time.Now().Unix()), a maphash value or a random number when one does.
func (w *world) inferReturns(fn *Func) [3]bool {
	var out [3]bool
	sig, ok := fn.Obj.Type().(*types.Signature)
	if !ok || sig.Results().Len() == 0 || !keyType(sig.Results().At(0).Type()) {
		return out
	}
	f := fn.Flow
	var results []ast.Expr
	walkOwn(f.Body, func(n ast.Node) {
		if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) > 0 {
			results = append(results, ret.Results[0])
		}
	})
	if len(results) == 0 {
		return out
	}
	out[taint.RawTime] = true
	for _, r := range results {
		out[taint.RawTime] = out[taint.RawTime] && taint.IsRawTime(f, r)
	}
	for _, k := range []taint.Kind{taint.Maphash, taint.Random} {
		is := taint.IsMaphash
		if k == taint.Random {
			is = taint.IsRandom
		}
		src := func(n ast.Node) bool { return is(f, n) }
		if !flow.Contains(f.Body, src) && !calls(f, func(fn *types.Func) bool { return w.returnsKind(fn.Origin(), k) }) {
			continue
		}
		derived := f.Derived(src)
		for _, r := range results {
			out[k] = out[k] || flow.Contains(r, src) || f.Mentions(r, derived)
		}
	}
	return out
}

// keyType reports whether a value of type t can be (part of) a counter
// key: a string, a number or a byte slice.
func keyType(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsString|types.IsInteger|types.IsFloat) != 0
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// calls reports whether f's body calls a function for which pred holds.
func calls(f *flow.Func, pred func(*types.Func) bool) bool {
	return flow.Contains(f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return false
		}
		for _, fn := range f.Callees(call) {
			if pred(fn) {
				return true
			}
		}
		return false
	})
}

// walkOwn calls visit for every node of body outside function literals.
func walkOwn(body ast.Node, visit func(ast.Node)) {
	if body == nil {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if n != nil {
			visit(n)
		}
		return true
	})
}
