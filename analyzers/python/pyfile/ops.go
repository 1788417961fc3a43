package pyfile

import (
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// maxVia bounds how deep operations are followed through calls.
const maxVia = 8

// At returns the node of the call in the function being analyzed: the
// datastore call itself, or the call of the project function that runs
// it.
func (c *Call) At() *pyast.Node {
	if c.Site != nil {
		return c.Site
	}
	return c.Node
}

// Lifted reports whether the call runs inside a project function that
// the analyzed function calls.
func (c *Call) Lifted() bool { return c.Site != nil }

// Mentions reports whether the call's arguments, as the analyzed
// function passes them, mention one of names: the call's own arguments,
// or for a lifted call the arguments of Site its arguments come from.
func (c *Call) Mentions(f *File, names map[string]bool) bool {
	if !c.Lifted() {
		return f.Mentions(c.Node, names)
	}
	for _, d := range c.Deps {
		if f.Mentions(d, names) {
			return true
		}
	}
	return false
}

// Ops returns the datastore operations fn runs, in source order: its own
// datastore calls and, lifted to the call that reaches them, those of the
// project functions it calls (self._read(), repo.get(key), helpers in
// other modules), through up to maxVia calls. It is computed once.
func (fn *Func) Ops() []*Call {
	if !fn.opsDone {
		p := fn.File.project
		if p == nil {
			return fn.Calls()
		}
		if p.opsActive[fn] || p.opsDepth >= maxVia {
			return nil // recursion, or too deep: the direct calls only
		}
		p.opsActive[fn] = true
		p.opsDepth++
		ops := fn.computeOps()
		p.opsDepth--
		delete(p.opsActive, fn)
		fn.ops, fn.opsDone = ops, true
	}
	return fn.ops
}

func (fn *Func) computeOps() []*Call {
	ops := slices.Clone(fn.Calls())
	for _, site := range fn.callSites() {
		callee, bound := fn.Scope.Callee(site)
		if callee == nil || callee == fn {
			continue
		}
		if _, declared := fn.Scope.declaredCall(site, site.ChildByFieldName("function")); declared {
			continue // the declaration says what the call does
		}
		for _, op := range callee.Ops() {
			ops = append(ops, fn.lift(op, CallSite{Call: site, Scope: fn.Scope, Callee: callee, Bound: bound}))
		}
	}
	slices.SortStableFunc(ops, func(a, b *Call) int { return int(a.At().StartByte()) - int(b.At().StartByte()) })
	return ops
}

// lift returns op, run by site's callee, as seen from fn.
func (fn *Func) lift(op *Call, site CallSite) *Call {
	l := *op
	l.Site = site.Call
	l.Via = append([]*pyast.Node{site.Call}, op.Via...)
	l.Deps = nil
	for _, name := range site.Callee.opParams(op) {
		if arg := site.Arg(name); arg != nil {
			l.Deps = append(l.Deps, arg)
		}
	}
	l.KeyDeps = nil
	for _, name := range site.Callee.keyParams(op) {
		if arg := site.Arg(name); arg != nil {
			l.KeyDeps = append(l.KeyDeps, arg)
		}
	}
	l.Returned = site.Callee.returnsOp(op)
	l.Number = l.Returned && (op.Number || site.Callee.returnsNumberOf(op))
	return &l
}

// returnsNumberOf reports whether fn returns what op gives converted to
// a number: return int(r.get(k) or 0), or v = r.get(k) ... return int(v).
func (fn *Func) returnsNumberOf(op *Call) bool {
	f := fn.File
	number := func(n *pyast.Node) bool {
		if n.Type() != "call" {
			return false
		}
		switch f.Text(n.ChildByFieldName("function")) {
		case "int", "float", "Decimal":
			return true
		}
		return false
	}
	at := op.At()
	for p := at.Parent(); p != nil && p != fn.Node; p = p.Parent() {
		if number(p) {
			return true
		}
		if p.Type() == "return_statement" || p.Type() == "function_definition" || p.Type() == "lambda" {
			break
		}
	}
	return fn.returnsFrom(at, func(ret *pyast.Node, derived map[string]bool) bool {
		found := false
		Walk(ret, func(m *pyast.Node) bool {
			found = found || number(m) && f.Mentions(m, derived)
			return !found
		})
		return found
	})
}

// returnsFrom reports whether a return statement of fn's own body (not of
// nested functions) satisfies ok, given the names derived from the name
// the value of the node at is bound to (v = r.get(k)).
func (fn *Func) returnsFrom(at *pyast.Node, ok func(ret *pyast.Node, derived map[string]bool) bool) bool {
	name := fn.File.ResultName(at)
	if name == "" {
		return false
	}
	derived := fn.derivedFrom(name)
	found := false
	Walk(fn.Body(), func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "return_statement":
			found = found || ok(n, derived)
		}
		return !found
	})
	return found
}

// opParams returns the parameters of fn that the arguments of op (one of
// fn's operations) derive from.
func (fn *Func) opParams(op *Call) []string {
	var out []string
	for _, p := range fn.Params() {
		if p.Star {
			continue
		}
		if op.Mentions(fn.File, fn.derivedFrom(p.Name)) {
			out = append(out, p.Name)
		}
	}
	return out
}

// derivedFrom returns the names of fn whose values derive from name,
// computed once per name.
func (fn *Func) derivedFrom(name string) map[string]bool {
	if fn.derived == nil {
		fn.derived = make(map[string]map[string]bool)
	}
	if d, ok := fn.derived[name]; ok {
		return d
	}
	d := fn.File.Derived(fn.Body(), map[string]bool{name: true})
	fn.derived[name] = d
	return d
}

// returnsOp reports whether fn returns what op (one of its operations)
// gives: return r.get(k), or v = r.get(k) ... return v.
func (fn *Func) returnsOp(op *Call) bool {
	at := op.At()
	if op.Lifted() && !op.Returned {
		return false
	}
	for p := at.Parent(); p != nil && p != fn.Node; p = p.Parent() {
		switch p.Type() {
		case "return_statement":
			return true
		case "function_definition", "lambda":
			return false
		}
	}
	return fn.returnsFrom(at, fn.File.Mentions)
}

// callSites returns the calls of fn's body (not of nested functions) that
// run a project function.
func (fn *Func) callSites() []*pyast.Node {
	var out []*pyast.Node
	body := fn.Body()
	Walk(body, func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "call":
			if callee, _ := fn.Scope.Callee(n); callee != nil {
				out = append(out, n)
			}
		}
		return true
	})
	return out
}

// OpsUnder returns the operations of fn that run under the node n of its
// body: direct calls inside n, and lifted ones whose call is inside n.
func (fn *Func) OpsUnder(n *pyast.Node) []*Call {
	var out []*Call
	for _, op := range fn.Ops() {
		at := op.At()
		if at.StartByte() >= n.StartByte() && at.EndByte() <= n.EndByte() {
			out = append(out, op)
		}
	}
	return out
}

// KeyNodes returns the expressions that name the item or row a datastore
// call counts or reads, in the call's own scope: a redis command's key, the
// values of a DynamoDB Key, the values a SQL statement's key columns are
// bound to.
func (c *Call) KeyNodes() []*pyast.Node {
	switch c.Store() {
	case "redis":
		if RedisScriptCall(c) {
			return c.ScriptKeys()
		}
		if (RedisRead(c.Method) || RedisWrite(c.Method) || RedisLog(c.Method) || c.Method == "expire" || c.Method == "pexpire") && len(c.Args) > 0 {
			return c.Args[:1]
		}
	case "dynamodb":
		key := c.Kwargs["Key"]
		if key == nil {
			return nil
		}
		d, ok := c.Scope.Dict(key)
		if !ok {
			return []*pyast.Node{key}
		}
		out := make([]*pyast.Node, 0, len(d))
		for _, v := range d {
			out = append(out, v)
		}
		slices.SortFunc(out, func(a, b *pyast.Node) int { return int(a.StartByte()) - int(b.StartByte()) })
		return out
	case "sql":
		facts, ok := c.Facts()
		if !ok {
			return nil
		}
		var out []*pyast.Node
		for _, st := range facts.Statements {
			for _, p := range st.Key {
				if arg := c.BoundArg(p.Value); arg != nil {
					out = append(out, arg)
				}
			}
		}
		return out
	}
	return nil
}

// keyParams returns the parameters of fn that the key of op (one of fn's
// operations) derives from.
func (fn *Func) keyParams(op *Call) []string {
	var out []string
	for _, p := range fn.Params() {
		if p.Star {
			continue
		}
		names := fn.derivedFrom(p.Name)
		if op.Lifted() {
			for _, d := range op.KeyDeps {
				if fn.File.Mentions(d, names) {
					out = append(out, p.Name)
					break
				}
			}
			continue
		}
		for _, k := range op.KeyNodes() {
			if fn.File.Mentions(k, names) {
				out = append(out, p.Name)
				break
			}
		}
	}
	return out
}

// ReturnsWhere reports whether something fn returns satisfies pred,
// evaluated in fn's scope; id names pred, so that the answer is
// remembered.
func (fn *Func) ReturnsWhere(id string, pred func(s *Scope, n *pyast.Node) bool) bool {
	type q struct {
		fn *Func
		id string
	}
	compute := func() bool {
		found := false
		Walk(fn.Body(), func(n *pyast.Node) bool {
			switch n.Type() {
			case "function_definition", "class_definition", "lambda":
				return false
			case "return_statement":
				if n.NamedChildCount() > 0 && pred(fn.Scope, n.NamedChild(0)) {
					found = true
				}
			}
			return !found
		})
		return found
	}
	p := fn.File.project
	if p == nil {
		return compute()
	}
	return remember(p, q{fn, id}, false, compute)
}

// ArgOrigin follows the expression n of the operation's own function back
// to what the callers on the way pass: while n is a parameter of the
// function it is evaluated in, it becomes that caller's argument for it.
// It returns the expression and its scope at the outermost level reached
// (the analyzed function's, when every level passes the value on).
func (c *Call) ArgOrigin(n *pyast.Node) (*pyast.Node, *Scope) {
	s := c.Scope
	p := s.file.project
	for i := len(c.Via) - 1; i >= 0 && n != nil && p != nil; i-- {
		if n.Type() != "identifier" || s.fn == nil {
			break
		}
		b, sc := s.lookup(s.file.Text(n), n.StartByte())
		if b == nil || b.param == nil || sc != s {
			break
		}
		site := c.Via[i]
		f := p.FileOf(site)
		if f == nil {
			break
		}
		caller := f.ScopeOf(site)
		callee, bound := caller.Callee(site)
		if callee != s.fn {
			break
		}
		arg := CallSite{Call: site, Scope: caller, Callee: callee, Bound: bound}.Arg(s.file.Text(n))
		if arg == nil {
			break
		}
		n, s = arg, caller
	}
	return n, s
}

// KeyText returns the key an operation names, as the analyzed function
// writes it (spaces dropped): a redis command's key, a Lua script's first
// KEY, a DynamoDB Key, or for an operation a project function runs, the
// arguments its key comes from; "" when unknown.
func (c *Call) KeyText() string {
	var keys []*pyast.Node
	switch {
	case c.Lifted() && len(c.KeyDeps) > 0:
		keys = c.KeyDeps
	case c.Lifted():
		// the key is the callee's own: its text there tells it apart
		keys = c.KeyNodes()
	case RedisScriptCall(c):
		if k := c.ScriptKeys(); len(k) > 0 {
			keys = k[:1]
		}
	case c.Store() == "dynamodb":
		if k := c.Kwargs["Key"]; k != nil {
			keys = []*pyast.Node{k}
		}
	default:
		keys = c.KeyNodes()
	}
	var parts []string
	for _, k := range keys {
		parts = append(parts, strings.Join(strings.Fields(k.Text()), ""))
	}
	return strings.Join(parts, ",")
}
