// Package rl001 implements RL001 counter-read-then-write for Python: a
// counter read in one datastore operation and written in another, where
// the written value or the decision to write depends on what was read,
// with nothing that makes the pair atomic.
package rl001

import (
	"fmt"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
)

// Rule is RL001 for Python.
var Rule = &pyrule.Rule{ID: "RL001", Run: run}

var fixes = map[string]string{
	"dynamodb": "use one update_item with ADD and a ConditionExpression such as attribute_not_exists(n) OR n < :limit",
	"sql":      "increment atomically (UPDATE ... SET n = n + 1 ... RETURNING n, or an upsert) and decide on the returned value, or lock the row with SELECT ... FOR UPDATE",
	"redis":    "use INCR and decide on the value it returns, or WATCH/MULTI or a Lua script",
	"cache":    "count with the cache's atomic increment (Flask-Caching's cache.inc(key), Django's cache.incr(key); INCRBY on the Redis backend) and decide on the value it returns, creating the key with its window first (cache.add(key, 0, timeout=...))",
	"declared": "make the read and the write one atomic operation of the store behind the wrappers (an increment that returns the new count, or a write conditional on the value read)",
	"orm":      "load the row with with_for_update(), run the transaction at SERIALIZABLE, or increment in SQL (update().values(n=Model.n + 1)) and decide on the returned value",
	"django":   "load the row with select_for_update() inside transaction.atomic(), or change it in SQL (Model.objects.filter(pk=obj.pk, n__lt=limit).update(n=F(\"n\") + 1)) and decide on the number of rows updated",
}

type read struct {
	node  *pyast.Node // where the analyzed function reads
	op    *pyfile.Call
	model string // an ORM read's statement text (select(RateLimitCounter)), for its name
	what  string
	store string
	seeds map[string]bool
}

func run(pass *pyrule.Pass) {
	for _, fn := range pass.File.Functions() {
		if fn.Background() {
			continue // no client drives it, so no client gets past a limit
		}
		if r, w, ok := findPair(pass, fn); ok {
			var flow []pyrule.Related
			if r.op != nil && r.op.Lifted() || w.op != nil && w.op.Lifted() {
				flow = append(flow, readPath(pass, r)...)
				flow = append(flow, writePath(pass, w)...)
			}
			pass.ReportFlow(w.node, 0, fmt.Sprintf("%s writes the count that %s read on line %d (or is decided by it) with nothing making the pair atomic, so concurrent requests all read the same value and all pass; %s",
				w.what, r.what, r.node.StartPoint().Row+1, fixes[w.store]), flow, pyrule.Related{Node: r.node, Message: "the count is read here"})
		}
	}
}

// Pair is a read-then-write of a limit counter that nothing makes atomic.
type Pair struct {
	Read, Write *pyast.Node // where the analyzed function reads and writes
	Store       string      // "dynamodb", "redis", "sql", "orm" or "cache"
	ReadOp      *pyfile.Call
}

// FindPair returns the first unprotected read-then-write of a limit
// counter in fn, as RL001 reports it; RL012 judges the isolation level
// such a pair runs at.
func FindPair(pass *pyrule.Pass, fn *pyfile.Func) (Pair, bool) {
	r, w, ok := findPair(pass, fn)
	if !ok {
		return Pair{}, false
	}
	return Pair{Read: r.node, Write: w.node, Store: w.store, ReadOp: r.op}, true
}

func findPair(pass *pyrule.Pass, fn *pyfile.Func) (read, *write, bool) {
	f, s, body := pass.File, fn.Scope, fn.Body()
	calls := fn.Ops()
	if atomicFunction(f, s, body, calls) {
		return read{}, nil, false
	}
	var reads []read
	for i, c := range calls {
		if r, ok := asRead(pass, c, calls[i+1:]); ok {
			reads = append(reads, r)
		}
	}
	reads = append(reads, ormReads(f, s, body)...)
	reads = append(reads, djangoReads(f, s, body)...)
	for _, r := range reads {
		derived := f.Derived(body, r.seeds)
		decides, named := limitRead(fn, r, derived)
		if !decides && !named {
			continue // an ordinary entity, not a limit counter or record
		}
		decided := f.Compared(body, derived)
		if w := firstWrite(pass, f, s, body, calls, r, derived, decided); w != nil && (decides || countWrite(w)) {
			return r, w, true
		}
	}
	return read{}, nil, false
}

// limitRead reports whether a read is of a rate-limit counter or record:
// its value decides a limit (by data flow, here or in a caller), or the
// record is named for one (a rate_limits table, an rl: key, a model such
// as RateLimitCounter). A record known by its name alone counts only when
// the write stores a count (see countWrite).
func limitRead(fn *pyfile.Func, r read, derived map[string]bool) (decides, named bool) {
	if r.op != nil {
		return fn.IsLimitOp(r.op), pyfile.LimitRecord(r.op)
	}
	return fn.DecidesOnCount(derived), counterkey.MentionsLimit(r.model)
}

// countWrite reports whether a write stores a count: a counter command, a
// number or arithmetic (SET k n+1), an item or row with a counted field,
// an ORM counter field. A token or a session stored under a limiter's key
// prefix is no count.
func countWrite(w *write) bool {
	c := w.op
	if c == nil {
		return true // the ORM write of a counter field
	}
	switch c.Store() {
	case "redis":
		if pyfile.RedisCounter(c.Method) {
			return true
		}
		for _, a := range c.Args[min(1, len(c.Args)):] {
			if a.Type() == "integer" || a.Type() == "binary_operator" || a.Type() == "call" && strings.HasPrefix(a.Text(), "int(") {
				return true
			}
		}
	case "dynamodb":
		if len(c.Increments()) > 0 {
			return true
		}
		if item, ok := c.Scope.Dict(c.Kwargs["Item"]); ok {
			for k := range item {
				if counterkey.IsCounterName(k) {
					return true
				}
			}
		}
		if expr, ok := c.Scope.Constant(c.Kwargs["UpdateExpression"]); ok && counterkey.IsCounterName(expr) {
			return true
		}
	case "sql":
		if facts, ok := c.Facts(); ok {
			for _, st := range facts.Statements {
				if st.WritesCounter() || len(st.Increments) > 0 {
					return true
				}
			}
		}
	}
	return false
}

// readPath and writePath are the steps of a flow through a read and a
// write that a project function may run for the analyzed one.
func readPath(pass *pyrule.Pass, r read) []pyrule.Related {
	if r.op == nil || !r.op.Lifted() {
		return []pyrule.Related{{Node: r.node, Message: "the count is read here"}}
	}
	return pass.CallPath(r.op, "the count is read here")
}

func writePath(pass *pyrule.Pass, w *write) []pyrule.Related {
	if w.op == nil || !w.op.Lifted() {
		return []pyrule.Related{{Node: w.node, Message: "and written here"}}
	}
	return pass.CallPath(w.op, "and written here")
}

// atomicFunction reports whether the function makes its read-then-write
// pairs atomic: a row or table lock, an advisory lock, SERIALIZABLE or
// REPEATABLE READ isolation, redis WATCH, a Lua script or a redis lock.
func atomicFunction(f *pyfile.File, s *pyfile.Scope, body *pyast.Node, calls []*pyfile.Call) bool {
	atomic := false
	pyfile.Walk(body, func(n *pyast.Node) bool {
		if atomic {
			return false
		}
		switch n.Type() {
		case "keyword_argument":
			if f.Text(n.ChildByFieldName("name")) == "isolation_level" {
				v, _ := s.String(n.ChildByFieldName("value"))
				atomic = strongIsolation(v)
			}
		case "pair": // execution_options={"isolation_level": "SERIALIZABLE"}
			if k, ok := s.String(n.ChildByFieldName("key")); ok && k == "isolation_level" {
				v, _ := s.String(n.ChildByFieldName("value"))
				atomic = strongIsolation(v)
			}
		case "call":
			fn := n.ChildByFieldName("function")
			if fn != nil && fn.Type() == "attribute" {
				switch f.Text(fn.ChildByFieldName("attribute")) {
				case "with_for_update", "watch", "register_script", "eval", "evalsha":
					atomic = s.KindOf(fn.ChildByFieldName("object")) != pyfile.Unknown || f.Text(fn.ChildByFieldName("attribute")) == "with_for_update"
				case "set_isolation_level", "set_session":
					atomic = strings.Contains(strings.ToUpper(f.Text(n)), "SERIALIZABLE") || strings.Contains(strings.ToUpper(f.Text(n)), "REPEATABLE")
				}
			}
		case "with_item":
			if v := n.ChildByFieldName("value"); v != nil {
				if v.Type() == "as_pattern" {
					v = v.NamedChild(0)
				}
				atomic = s.Classify(v) == pyfile.RedisLock
			}
		}
		return !atomic
	})
	if atomic {
		return true
	}
	for _, c := range calls {
		facts, ok := c.Facts()
		if !ok {
			continue
		}
		for _, st := range facts.Statements {
			if st.Kind == sqlfacts.LockTable || st.AdvisoryLock || strongIsolation(st.Isolation) {
				return true
			}
		}
	}
	return false
}

func strongIsolation(level string) bool {
	switch strings.ToLower(strings.ReplaceAll(level, "_", " ")) {
	case "serializable", "repeatable read":
		return true
	}
	return false
}

// asRead recognizes a counter read and the names its value lands in. A
// read that a project function runs counts when that function returns
// what it read.
func asRead(pass *pyrule.Pass, c *pyfile.Call, later []*pyfile.Call) (read, bool) {
	f := pass.File
	r := read{node: c.At(), op: c, store: c.Store(), seeds: make(map[string]bool), what: c.Method}
	if c.Recv == pyfile.Declared {
		r.what = c.Declared
	}
	if c.Lifted() && !c.Returned {
		return r, false
	}
	result := func() {
		if name := f.ResultName(c.At()); name != "" {
			r.seeds[name] = true
		}
	}
	switch c.Store() {
	case "dynamodb":
		if c.Method != "get_item" && c.Method != "query" {
			return r, false
		}
		result()
	case "redis":
		if !pyfile.RedisRead(c.Method) || c.Recv == pyfile.RedisPipeline {
			return r, false
		}
		result()
	case "sql":
		facts, ok := c.Facts()
		if !ok || len(facts.Statements) != 1 {
			return r, false
		}
		st := facts.Statements[0]
		if st.Kind != sqlfacts.Select || st.ForUpdate || !pyfile.CountsSomething(st) {
			return r, false
		}
		r.what = "SELECT from " + st.Table
		result()
		// cur.execute(...) then row = cur.fetchone()
		recv := receiver(f, c)
		for _, l := range later {
			if !c.Lifted() && !l.Lifted() && strings.HasPrefix(l.Method, "fetch") && receiver(f, l) == recv && recv != "" {
				if name := f.ResultName(l.Node); name != "" {
					r.seeds[name] = true
				}
			}
		}
	default:
		return r, false
	}
	r.what = pass.OpName(c, r.what)
	return r, len(r.seeds) > 0
}

func receiver(f *pyfile.File, c *pyfile.Call) string {
	fn := c.Node.ChildByFieldName("function")
	return f.Text(fn.ChildByFieldName("object"))
}

// ormReads finds SQLAlchemy loads: session.get(Model, key), and
// session.execute(select(...)) whose rows are then read.
func ormReads(f *pyfile.File, s *pyfile.Scope, body *pyast.Node) []read {
	var out []read
	pyfile.Walk(body, func(n *pyast.Node) bool {
		if n.Type() != "call" {
			return true
		}
		fn := n.ChildByFieldName("function")
		if fn == nil || fn.Type() != "attribute" || s.KindOf(fn.ChildByFieldName("object")) != pyfile.SQLSession {
			return true
		}
		method := f.Text(fn.ChildByFieldName("attribute"))
		args := n.ChildByFieldName("arguments")
		orm := method == "get" || method == "query" ||
			(method == "execute" || method == "scalars" || method == "scalar") && args != nil && args.NamedChildCount() > 0 && !isText(s, args.NamedChild(0))
		if !orm {
			return true
		}
		if name := f.ResultName(n); name != "" {
			out = append(out, read{node: n, model: ormModel(s, n), what: "session." + method, store: "orm", seeds: map[string]bool{name: true}})
		}
		return true
	})
	return out
}

// djangoReads finds Django ORM loads of one instance that do not lock
// the row (see pyfile.Scope.DjangoLoad).
func djangoReads(f *pyfile.File, s *pyfile.Scope, body *pyast.Node) []read {
	var out []read
	pyfile.Walk(body, func(n *pyast.Node) bool {
		if n.Type() != "call" || !s.DjangoLoad(n) {
			return true
		}
		if name := f.ResultName(n); name != "" {
			out = append(out, read{node: n, model: ormModel(s, n), what: djangoWhat(f, n), store: "django", seeds: map[string]bool{name: true}})
		}
		return true
	})
	return out
}

// djangoWhat names a Django load for messages: TokenBucket.objects.get_or_create.
func djangoWhat(f *pyfile.File, call *pyast.Node) string {
	fn := call.ChildByFieldName("function")
	n := fn.ChildByFieldName("object")
	for n.Type() == "call" {
		n = n.ChildByFieldName("function").ChildByFieldName("object")
	}
	return f.Text(n) + "." + f.Text(fn.ChildByFieldName("attribute"))
}

// ormModel returns the text of what an ORM read loads: its arguments,
// and a statement they name (stmt = select(RateLimitCounter)...).
func ormModel(s *pyfile.Scope, call *pyast.Node) string {
	args := call.ChildByFieldName("arguments")
	if args == nil {
		return ""
	}
	text := args.Text()
	for _, a := range args.NamedChildren() {
		if v := s.Value(a); v != nil {
			text += " " + v.Text()
		}
	}
	return text
}

// isText reports whether an execute argument is SQL text rather than an
// ORM statement.
func isText(s *pyfile.Scope, n *pyast.Node) bool {
	_, ok := s.String(n)
	return ok
}

type write struct {
	node  *pyast.Node // where the analyzed function writes
	op    *pyfile.Call
	what  string
	store string
}

// firstWrite finds the first write after the read that stores a value
// derived from it, or that runs after a comparison of it.
func firstWrite(pass *pyrule.Pass, f *pyfile.File, s *pyfile.Scope, body *pyast.Node, calls []*pyfile.Call, r read, derived map[string]bool, decided *pyast.Node) *write {
	after := r.node.EndByte()
	for _, c := range calls {
		at := c.At()
		if at.StartByte() < after || c.Store() != storeOf(r) {
			continue
		}
		if r.op != nil && r.op.Lifted() && c.Lifted() && r.op.Site == c.Site {
			continue // both run inside one call: that function's own business
		}
		w := func(what, store string) *write {
			switch c.Recv {
			case pyfile.Cache:
				store = "cache"
			case pyfile.Declared:
				store, what = "declared", c.Declared
			}
			return &write{at, c, pass.OpName(c, what), store}
		}
		dependsOnValue := c.Mentions(f, derived)
		// A write that only follows the comparison must write what was
		// read: the same key (a queue-length check before an unrelated SET
		// is no read-then-write).
		gated := decided != nil && decided.StartByte() >= after && decided.StartByte() < at.StartByte() &&
			(r.op == nil || c.Store() == "sql" || r.op.KeyText() == "" || c.KeyText() == "" || r.op.KeyText() == c.KeyText())
		switch c.Store() {
		case "dynamodb":
			if c.Method != "put_item" && c.Method != "update_item" {
				continue
			}
			if _, ok := c.Kwargs["ConditionExpression"]; ok {
				continue
			}
			if _, ok := c.Kwargs["Expected"]; ok {
				continue
			}
			if dependsOnValue || gated {
				return w(c.Method, "dynamodb")
			}
		case "redis":
			if pyfile.RedisWrite(c.Method) && (dependsOnValue || gated) {
				return w(c.Method, "redis")
			}
		case "sql":
			facts, ok := c.Facts()
			if !ok {
				continue
			}
			for _, st := range facts.Statements {
				if st.Kind != sqlfacts.Update && st.Kind != sqlfacts.Upsert && st.Kind != sqlfacts.Insert {
					continue
				}
				if len(st.Guards) > 0 {
					continue // UPDATE ... WHERE n < :limit checks in the store
				}
				if dependsOnValue || gated && (len(st.Increments) > 0 || st.Kind == sqlfacts.Insert) {
					return w(strings.ToUpper(st.Kind.String())+" of "+st.Table, "sql")
				}
			}
		}
	}
	if r.store == "orm" || r.store == "django" {
		if w := ormWrite(f, body, after, derived); w != nil {
			w.store = r.store
			return w
		}
	}
	return nil
}

func storeOf(r read) string {
	if r.store == "orm" || r.store == "django" {
		return "sql"
	}
	return r.store
}

// ormWrite finds `obj.count += n` (or obj.count = expr) on a loaded object,
// followed by a commit or flush (SQLAlchemy) or by obj.save() (Django).
func ormWrite(f *pyfile.File, body *pyast.Node, after uint32, derived map[string]bool) *write {
	change := f.StoredCounterChange(body, after, derived)
	if change == nil {
		return nil
	}
	return &write{node: change, what: "the update of " + f.Text(change.ChildByFieldName("left")), store: "orm"}
}
