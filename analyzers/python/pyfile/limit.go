package pyfile

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/internal/ddbexpr"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
)

// This file judges, by data flow, whether code is rate-limit code: a
// counter counts a limit when its value reaches an allow/deny decision
// (an ordered comparison whose branch rejects: raise, return, a 429; or
// whose result is returned as the verdict), here or in a caller, or when
// the store itself enforces a bound (a conditional increment). Names and
// key texts never decide it alone.

// IsLimitOp reports whether the operation c of fn (one of fn.Ops())
// counts a rate limit.
func (fn *Func) IsLimitOp(c *Call) bool {
	p := fn.File.project
	if p == nil {
		return fn.isLimitOp(c)
	}
	type q struct {
		fn   *Func
		node *pyast.Node
		site *pyast.Node
	}
	return remember(p, q{fn, c.Node, c.Site}, false, func() bool { return fn.isLimitOp(c) })
}

func (fn *Func) isLimitOp(c *Call) bool {
	if c.Recv == Declared && c.Method == "decide" {
		return true // a declared limiter or decision
	}
	if GuardedWrite(c) {
		return true
	}
	kind := countKindOf(c)
	if kind == numericText && c.Number {
		kind = isCount // a helper returned it converted: int(r.get(k) or 0)
	}
	if kind == noCount && executesCount(c) {
		kind = isCount // pipe.incr(k); ...; pipe.execute()[0]
	}
	if kind == noCount {
		return false
	}
	if kind == holdsCount && fn.fetchesCount(c) {
		kind = isCount
	}
	if !c.Lifted() || c.Returned {
		if fn.decidesOnValue(c.At(), kind) {
			return true
		}
		if fn.returnsOp(c) && fn.resultDecided(kind) {
			return true
		}
		if kind == holdsCount && fn.returnsCountOf(c) && fn.resultDecided(isCount) {
			return true // return item.get("count", 0): the callers get a count
		}
	}
	// A function on the way to the operation decides on it itself
	// (limiter.check() compares inside): only its own decision counts,
	// not what its other callers do with what it returns.
	for cur, op := fn, c; op.Lifted(); {
		callee, _ := cur.Scope.Callee(op.Site)
		if callee == nil {
			return false
		}
		var inner *Call
		for _, o := range callee.Ops() {
			if o.Node == op.Node && sameVia(o.Via, op.Via[1:]) {
				inner = o
				break
			}
		}
		if inner == nil {
			return false
		}
		if (!inner.Lifted() || inner.Returned) && callee.decidesOnValue(inner.At(), kind) {
			return true
		}
		cur, op = callee, inner
	}
	return false
}

// fetchesCount reports whether c fetches the result of a counting
// statement run just before on the same cursor (cur.execute("UPDATE ...
// RETURNING n"); cur.fetchone()).
func (fn *Func) fetchesCount(c *Call) bool {
	if c.Lifted() || !strings.HasPrefix(c.Method, "fetch") {
		return false
	}
	recv := receiverText(c)
	var last *Call
	for _, o := range fn.Calls() {
		if o.Node.StartByte() >= c.Node.StartByte() {
			break
		}
		if receiverText(o) == recv && (o.Method == "execute" || o.Method == "executemany") {
			last = o
		}
	}
	return last != nil && countKindOf(last) == isCount
}

// executesCount reports whether c runs a Redis pipeline that holds a
// counter command (pipe.incr(k) before pipe.execute()): what it returns
// holds the count.
func executesCount(c *Call) bool {
	if c.Recv != RedisPipeline || c.Method != "execute" {
		return false
	}
	fn := c.Scope.Func()
	if fn == nil {
		return false
	}
	recv := receiverText(c)
	for _, o := range fn.Calls() {
		if o.Recv == RedisPipeline && RedisCounter(o.Method) && (receiverText(o) == recv || strings.HasPrefix(recv, receiverText(o))) {
			return true
		}
	}
	return false
}

// receiverText returns the text of a call's receiver.
func receiverText(c *Call) string {
	if fn := c.Node.ChildByFieldName("function"); fn != nil && fn.Type() == "attribute" {
		return fn.ChildByFieldName("object").Text()
	}
	return ""
}

// returnsCountOf reports whether fn returns a counted field of the record
// the operation c gives (return item.get("count", 0)).
func (fn *Func) returnsCountOf(c *Call) bool {
	return fn.returnsFrom(c.At(), func(ret *pyast.Node, records map[string]bool) bool {
		return countAccess(fn.File, ret, records)
	})
}

// countKind says what an operation's value is, for the judgement.
type countKind int

const (
	noCount     countKind = iota // a write, or a value that is no count
	isCount                      // a count: what INCR returns, a counted SELECT, ZCARD
	holdsCount                   // a record that may hold a count: an item, a row
	numericText                  // a stored string that is a count once converted: GET's value
)

// countKindOf classifies the value an operation gives.
func countKindOf(c *Call) countKind {
	if c.Recv == Declared {
		if c.Method == "get" || c.Method == "incr" {
			return isCount // a declared read or increment gives the count itself
		}
		return noCount
	}
	switch c.Store() {
	case "redis":
		switch {
		case RedisScriptCall(c):
			if c.LuaCounts() {
				return isCount
			}
		case RedisCounter(c.Method), RedisLog(c.Method):
			return isCount
		case RedisRead(c.Method):
			switch c.Method {
			case "get", "hget", "mget", "hmget":
				if c.Recv == Cache && c.Method == "get" && numericDefault(c) {
					return isCount // cache.get(k, 0): a cache gives back the number it was given
				}
				return numericText // a string: a count once converted (int(r.get(k) or 0))
			case "exists", "hexists":
				return noCount // an existence test
			case "llen", "scard":
				// the length of a per-client list is a sliding log's count;
				// of one constant key, a queue's depth
				if len(c.Args) > 0 && c.Scope.IsConstant(c.Args[0]) {
					return noCount
				}
			}
			return isCount // a size: HLEN, ZCARD, LLEN
		}
	case "dynamodb":
		switch c.Method {
		case "update_item":
			if len(c.Increments()) > 0 {
				return isCount
			}
		case "get_item", "query", "scan":
			return holdsCount
		}
	case "sql":
		if facts, ok := c.Facts(); ok {
			kind := noCount
			for _, st := range facts.Statements {
				switch {
				case st.WritesCounter() || len(st.Increments) > 0:
					return isCount
				case st.Kind == sqlfacts.Select && CountsSomething(st):
					return isCount
				case st.Kind == sqlfacts.Select:
					kind = holdsCount
				}
			}
			return kind
		}
		switch c.Method {
		case "get", "query", "execute", "scalar", "scalars", "scalar_one", "scalar_one_or_none", "fetchone", "fetchall", "fetchmany", "fetchrow", "fetchval", "fetch", "first", "one", "one_or_none":
			return holdsCount // an ORM statement, or the rows of one
		}
	}
	return noCount
}

// CountsSomething reports whether a SELECT reads a count: from a counter
// or limit table, or a counted column, count(*) or a sum.
func CountsSomething(st *sqlfacts.Statement) bool {
	if counterkey.IsCounterName(st.Table) || strings.Contains(st.Table, "limit") {
		return true
	}
	for _, col := range st.Selected {
		if counterkey.IsCounterName(col) || col == "sum" {
			return true
		}
	}
	return false
}

func sameVia(a, b []*pyast.Node) bool {
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

// decidesOnValue reports whether what the call at gives reaches a limit
// decision in fn: compared inline (if r.incr(k) > limit), or through the
// name it is assigned to. A record (holdsCount) decides only through a
// counted field of it (item["used"], row.hits, len(rows)).
func (fn *Func) decidesOnValue(at *pyast.Node, kind countKind) bool {
	f := fn.File
	n := at
	for p := n.Parent(); p != nil; n, p = p, p.Parent() {
		switch p.Type() {
		case "await", "parenthesized_expression", "boolean_operator", "binary_operator":
			continue
		case "subscript":
			if key, ok := f.ScopeOf(p).Constant(p.ChildByFieldName("subscript")); ok && counterkey.IsCounterName(key) {
				kind = isCount // resp["Item"]["count"]
			}
			continue
		case "attribute":
			if p.ChildByFieldName("object") == n {
				if counterkey.IsCounterName(f.Text(p.ChildByFieldName("attribute"))) {
					kind = isCount // row.hits
				}
				continue
			}
		case "call":
			if p.ChildByFieldName("function") == n {
				continue
			}
		case "argument_list":
			if conv := p.Parent(); conv != nil && conv.Type() == "call" && p.NamedChildCount() == 1 {
				switch f.Text(conv.ChildByFieldName("function")) {
				case "int", "float", "len", "sum", "Decimal":
					kind = isCount // int(r.get(k) or 0): a number now
					p = conv
					continue
				}
			}
		case "comparison_operator":
			if kind == isCount && f.Orders(p) && fn.isDecision(p, 0) {
				return true
			}
		}
		break
	}
	name := f.ResultName(at)
	if name == "" {
		return false
	}
	names := fn.derivedFrom(name)
	switch kind {
	case holdsCount:
		return fn.decisionOnCount(names)
	case numericText:
		return fn.decisionOnNumber(names)
	}
	return fn.decisionOn(names, nil)
}

// decisionOnNumber reports whether fn decides on a stored string held in
// names once converted to a number: int(raw) >= limit, or n = int(raw)
// then n >= limit.
func (fn *Func) decisionOnNumber(texts map[string]bool) bool {
	f := fn.File
	numbers := make(map[string]bool)
	Walk(fn.Body(), func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "assignment", "augmented_assignment":
			if left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right"); left != nil && right != nil && left.Type() == "identifier" && numberOf(f, right, texts) {
				numbers[f.Text(left)] = true
			}
		}
		return true
	})
	return fn.decisionOn(fn.File.Derived(fn.Body(), numbers), func(cmp *pyast.Node) bool { return numberOf(f, cmp, texts) })
}

// numberOf reports whether n converts one of names to a number: int(x),
// float(x), Decimal(x).
func numberOf(f *File, n *pyast.Node, names map[string]bool) bool {
	found := false
	Walk(n, func(m *pyast.Node) bool {
		if found {
			return false
		}
		if m.Type() == "call" {
			switch f.Text(m.ChildByFieldName("function")) {
			case "int", "float", "Decimal", "decimal.Decimal":
				found = f.Mentions(m.ChildByFieldName("arguments"), names)
			}
		}
		return !found
	})
	return found
}

// decisionOnCount reports whether fn decides on a counted field of a
// record held in names: directly (item["used"] >= cap), or through a name
// assigned one (used = item.get("used", 0)).
func (fn *Func) decisionOnCount(records map[string]bool) bool {
	f := fn.File
	counts := make(map[string]bool)
	Walk(fn.Body(), func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "assignment", "augmented_assignment":
			if left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right"); left != nil && right != nil && left.Type() == "identifier" && countAccess(f, right, records) {
				counts[f.Text(left)] = true
			}
		}
		return true
	})
	return fn.decisionOn(counts, func(cmp *pyast.Node) bool { return countAccess(f, cmp, records) })
}

// againstZero reports whether a comparison tests that something exists
// and turns the request away if so: len(rows) > 0 or 0 < n as the
// condition of an if whose body rejects. That is an existence check, not
// a limit; a bucket's tokens <= 0 or a count > limit is.
func againstZero(f *File, cmp *pyast.Node) bool {
	if cmp.NamedChildCount() != 2 || cmp.ChildCount() != 3 {
		return false
	}
	left, op, right := cmp.NamedChild(0), f.Text(cmp.Child(1)), cmp.NamedChild(1)
	zero := func(n *pyast.Node) bool { return n.Type() == "integer" && f.Text(n) == "0" }
	if !(op == ">" && zero(right) || op == "<" && zero(left)) {
		return false
	}
	p := cmp.Parent()
	for p != nil && p.Type() == "parenthesized_expression" {
		p = p.Parent()
	}
	return p != nil && (p.Type() == "if_statement" || p.Type() == "elif_clause") && Rejects(f, p.ChildByFieldName("consequence"))
}

// countAccess reports whether n reads a counted field of a record in
// names: an attribute or key named for a count (row.hits, item["used"],
// item.get("count")), or its size (len(rows), query.count()).
func countAccess(f *File, n *pyast.Node, records map[string]bool) bool {
	found := false
	Walk(n, func(m *pyast.Node) bool {
		if found {
			return false
		}
		switch m.Type() {
		case "attribute":
			if counterkey.IsCounterName(f.Text(m.ChildByFieldName("attribute"))) && f.Mentions(m.ChildByFieldName("object"), records) {
				found = true
			}
		case "subscript":
			if key, ok := f.ScopeOf(m).Constant(m.ChildByFieldName("subscript")); ok && counterkey.IsCounterName(key) && f.Mentions(m.ChildByFieldName("value"), records) {
				found = true
			}
		case "call":
			callee := m.ChildByFieldName("function")
			args := m.ChildByFieldName("arguments")
			switch {
			case callee.Type() == "identifier" && (f.Text(callee) == "len" || f.Text(callee) == "sum") && f.Mentions(args, records):
				found = true
			case callee.Type() == "attribute" && f.Mentions(callee.ChildByFieldName("object"), records):
				switch method := f.Text(callee.ChildByFieldName("attribute")); method {
				case "count":
					found = true
				case "get":
					if args != nil && args.NamedChildCount() > 0 {
						key, ok := f.ScopeOf(m).Constant(args.NamedChild(0))
						found = ok && counterkey.IsCounterName(key)
					}
				}
			}
		}
		return !found
	})
	return found
}

// decisionOn reports whether an ordered comparison in fn's body that
// mentions one of names (or that also satisfies, when given) is a limit
// decision.
func (fn *Func) decisionOn(names map[string]bool, also func(cmp *pyast.Node) bool) bool {
	f := fn.File
	found := false
	Walk(fn.Body(), func(n *pyast.Node) bool {
		if found {
			return false
		}
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "comparison_operator":
			if f.Orders(n) && (f.Mentions(n, names) || also != nil && also(n)) && !againstZero(f, n) && fn.isDecision(n, 0) {
				found = true
			}
		}
		return !found
	})
	return found
}

// isDecision reports whether the comparison cmp decides: it is the
// condition of an if, elif or while one of whose branches rejects, an
// assert, or it is returned (the verdict), directly or through a name.
func (fn *Func) isDecision(cmp *pyast.Node, depth int) bool {
	f := fn.File
	n := cmp
	for p := n.Parent(); p != nil; n, p = p, p.Parent() {
		switch p.Type() {
		case "boolean_operator", "not_operator", "parenthesized_expression":
			continue
		case "if_statement", "elif_clause", "while_statement":
			if p.ChildByFieldName("condition") != n {
				return false
			}
			if Rejects(f, p.ChildByFieldName("consequence")) {
				return true
			}
			for _, alt := range p.NamedChildren() {
				if (alt.Type() == "else_clause" || alt.Type() == "elif_clause") && Rejects(f, alt.ChildByFieldName("body")) {
					return true
				}
			}
			// if count < limit: ... incr ... return True; then a rejection after the if
			return p.Type() == "if_statement" && Rejects(f, p.NextNamedSibling())
		case "assert_statement", "return_statement":
			return true
		case "conditional_expression":
			continue
		case "assignment":
			if depth > 2 {
				return false
			}
			left := p.ChildByFieldName("left")
			if left == nil || left.Type() != "identifier" || p.ChildByFieldName("right") != n {
				return false
			}
			names := fn.derivedFrom(f.Text(left))
			decided := false
			Walk(fn.Body(), func(m *pyast.Node) bool {
				switch m.Type() {
				case "function_definition", "class_definition", "lambda":
					return false
				case "return_statement":
					decided = decided || f.Mentions(m, names)
				case "if_statement", "elif_clause":
					if cond := m.ChildByFieldName("condition"); cond != nil && f.Mentions(cond, names) &&
						(Rejects(f, m.ChildByFieldName("consequence")) || m.Type() == "if_statement" && Rejects(f, m.NextNamedSibling())) {
						decided = true
					}
				}
				return !decided
			})
			return decided
		}
		return false
	}
	return false
}

// Rejects reports whether a block (or statement) turns the request away:
// it raises, aborts, answers 429, or returns a verdict (a boolean, a
// result holding False); returning data is no rejection, and neither is
// returning nothing or None (a before-request hook that returns None lets
// the request through; a task that returns early skips its work).
func Rejects(f *File, block *pyast.Node) bool {
	if block == nil {
		return false
	}
	found := false
	Walk(block, func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "raise_statement":
			found = true
		case "return_statement":
			found = verdict(f, n)
		case "call":
			switch f.Qualified(n.ChildByFieldName("function")) {
			case "flask.abort", "werkzeug.exceptions.abort", "quart.abort":
				found = true
			}
		}
		return !found
	})
	return found || f.Mentions429(block)
}

// verdict reports whether a return statement returns an allow/deny
// verdict: a boolean, a tuple or result holding one (False, 0),
// allowed=False, or an error response.
func verdict(f *File, ret *pyast.Node) bool {
	if ret.NamedChildCount() == 0 {
		return false
	}
	v := ret.NamedChild(0)
	switch v.Type() {
	case "true", "false":
		return true
	case "tuple", "expression_list", "dictionary", "call":
		found := false
		Walk(v, func(n *pyast.Node) bool {
			if n.Type() == "true" || n.Type() == "false" {
				found = true
			}
			return !found
		})
		return found || f.Mentions429(v)
	}
	return false
}

// ResultDecided reports whether a caller of fn decides a limit on what
// fn returns (taken as a count), or passes it on to a caller that does.
func (fn *Func) ResultDecided() bool { return fn.resultDecided(isCount) }

func (fn *Func) resultDecided(kind countKind) bool {
	p := fn.File.project
	if p == nil {
		return false
	}
	type q struct {
		fn   *Func
		kind countKind
	}
	return remember(p, q{fn, kind}, false, func() bool {
		for _, site := range p.CallSites(fn) {
			caller := site.Scope.fn
			if caller == nil {
				continue
			}
			if caller.decidesOnValue(site.Call, kind) {
				return true
			}
			if caller.returnsNode(site.Call) && caller.resultDecided(kind) {
				return true
			}
		}
		return false
	})
}

// returnsNode reports whether fn returns what the call at gives.
func (fn *Func) returnsNode(at *pyast.Node) bool {
	return fn.returnsOp(&Call{Node: at})
}

// Decides reports whether fn makes a rate-limit decision: one of its
// operations (its own or lifted from the functions it calls) counts a
// limit.
func (fn *Func) Decides() bool {
	for _, op := range fn.Ops() {
		if fn.IsLimitOp(op) {
			return true
		}
	}
	return false
}

// GuardedWrite reports whether c is an increment that the store bounds
// itself: a DynamoDB update whose ConditionExpression orders an attribute
// against a value (hits < :limit), or a SQL increment whose WHERE clause
// does (UPDATE ... SET n = n + 1 WHERE n < $2).
func GuardedWrite(c *Call) bool {
	switch c.Store() {
	case "dynamodb":
		if c.Method != "update_item" && c.Method != "put_item" {
			return false
		}
		text, ok := c.Scope.String(c.Kwargs["ConditionExpression"])
		if !ok {
			return false
		}
		cond, err := ddbexpr.ParseCondition(text)
		if err != nil {
			// A condition DynamoDB rejects (RL016's business) still
			// shows the intent to bound the count.
			return strings.ContainsAny(text, "<>")
		}
		return ddbexpr.Bounds(cond)
	case "sql":
		facts, ok := c.Facts()
		if !ok {
			return false
		}
		for _, st := range facts.Statements {
			if (st.Kind == sqlfacts.Update || st.Kind == sqlfacts.Upsert) && len(st.Increments) > 0 && len(st.Guards) > 0 {
				return true
			}
		}
	}
	return false
}

// DecidedOn reports whether what the operation c of fn gives reaches a
// limit decision, in fn or in a caller fn returns it to.
func (fn *Func) DecidedOn(c *Call) bool {
	if c.Lifted() && !c.Returned {
		return false
	}
	kind := countKindOf(c)
	return kind != noCount && (fn.decidesOnValue(c.At(), kind) || fn.returnsOp(c) && fn.resultDecided(kind))
}

// DecidesOnCount reports whether fn decides a limit on a counted field of
// a record held in one of names (an ORM object, an item).
func (fn *Func) DecidesOnCount(records map[string]bool) bool { return fn.decisionOnCount(records) }

// LimitRecord reports whether the record an operation reads or writes is
// named for a rate limit: its SQL table, its key's text, or the table or
// client it is called on (Table("rate_limits"), f"rl:{ip}").
func LimitRecord(c *Call) bool {
	if facts, ok := c.Facts(); ok {
		for _, st := range facts.Statements {
			if counterkey.MentionsLimit(st.Table) {
				return true
			}
		}
	}
	for _, k := range c.KeyNodes() {
		if text, ok := c.Scope.String(k); ok && counterkey.MentionsLimit(text) {
			return true
		}
	}
	if fn := c.Node.ChildByFieldName("function"); fn != nil && fn.Type() == "attribute" {
		recv := fn.ChildByFieldName("object")
		if d := c.Scope.Resolve(recv); d.Node != nil && counterkey.MentionsLimit(d.Node.Text()) {
			return true
		}
		if counterkey.MentionsLimit(recv.Text()) {
			return true
		}
	}
	return false
}

// numericDefault reports whether a cache read names a number as what a
// missing key gives: cache.get(k, 0), cache.get(k, default=0) or
// cache.get(k) or 0.
func numericDefault(c *Call) bool {
	number := func(n *pyast.Node) bool { return n != nil && (n.Type() == "integer" || n.Type() == "float") }
	if len(c.Args) > 1 && number(c.Args[1]) || number(c.Kwargs["default"]) {
		return true
	}
	p := c.Node.Parent()
	return p != nil && p.Type() == "boolean_operator" && p.ChildByFieldName("left").Equal(c.Node) && number(p.ChildByFieldName("right"))
}
