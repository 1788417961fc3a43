package pyfile

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
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
	if GuardedWrite(c) {
		return true
	}
	if !c.Lifted() || c.Returned {
		if fn.decidesOnValue(c.At()) {
			return true
		}
		if fn.returnsOp(c) && fn.ResultDecided() {
			return true
		}
	}
	if c.Lifted() {
		callee, _ := fn.Scope.Callee(c.Site)
		if callee == nil {
			return false
		}
		for _, inner := range callee.Ops() {
			if inner.Node == c.Node && sameVia(inner.Via, c.Via[1:]) {
				return callee.IsLimitOp(inner)
			}
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
// name it is assigned to.
func (fn *Func) decidesOnValue(at *pyast.Node) bool {
	f := fn.File
	n := at
	for p := n.Parent(); p != nil; n, p = p, p.Parent() {
		switch p.Type() {
		case "await", "parenthesized_expression", "subscript", "boolean_operator", "binary_operator":
			continue
		case "attribute":
			if p.ChildByFieldName("object") == n {
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
					p = conv
					continue
				}
			}
		case "comparison_operator":
			if f.Orders(p) && fn.isDecision(p, 0) {
				return true
			}
		}
		break
	}
	if name := f.ResultName(at); name != "" {
		return fn.decisionOn(fn.derivedFrom(name))
	}
	return false
}

// decisionOn reports whether an ordered comparison of one of names in
// fn's body is a limit decision.
func (fn *Func) decisionOn(names map[string]bool) bool {
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
			if f.Orders(n) && f.Mentions(n, names) && fn.isDecision(n, 0) {
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
// it raises, returns, aborts or answers 429.
func Rejects(f *File, block *pyast.Node) bool {
	if block == nil {
		return false
	}
	found := false
	Walk(block, func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "raise_statement", "return_statement":
			found = true
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

// ResultDecided reports whether a caller of fn decides a limit on what
// fn returns, or passes it on to a caller that does.
func (fn *Func) ResultDecided() bool {
	p := fn.File.project
	if p == nil {
		return false
	}
	type q struct{ fn *Func }
	return remember(p, q{fn}, false, func() bool {
		for _, site := range p.CallSites(fn) {
			caller := site.Scope.fn
			if caller == nil {
				continue
			}
			if caller.decidesOnValue(site.Call) {
				return true
			}
			if caller.returnsNode(site.Call) && caller.ResultDecided() {
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
