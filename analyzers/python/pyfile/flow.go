package pyfile

import "github.com/rlcheck/rlcheck/analyzers/python/pyast"

// Mentions reports whether any identifier under n is one of names.
func (f *File) Mentions(n *pyast.Node, names map[string]bool) bool {
	found := false
	Walk(n, func(m *pyast.Node) bool {
		if found {
			return false
		}
		if m.Type() == "identifier" && names[f.Text(m)] {
			found = true
		}
		return true
	})
	return found
}

// Derived returns the names under body whose values derive from seeds:
// assigned (also by augmented assignment, tuple unpacking or a for loop)
// from an expression that mentions a seed or a name derived before. It is
// flow-insensitive within body and follows no calls into other functions.
func (f *File) Derived(body *pyast.Node, seeds map[string]bool) map[string]bool {
	return f.DerivedBy(body, seeds, Follow{})
}

// Follow refines what DerivedBy follows. Nil fields impose nothing.
type Follow struct {
	// Source reports whether an assigned expression is a value of
	// interest by itself (a clock call), seeding the names it is
	// assigned to.
	Source func(rhs *pyast.Node) bool
	// Through reports whether an assigned expression passes the value on;
	// false stops it (a time floored to a window is no longer the raw
	// time).
	Through func(rhs *pyast.Node) bool
	// Fields keeps an object underived when one of its attributes is
	// assigned (record.updated_at = now() leaves record a record).
	Fields bool
}

// DerivedBy is Derived with a refinement: a name derives from an assigned
// expression that Follow lets through and that mentions a derived name or
// is a source.
func (f *File) DerivedBy(body *pyast.Node, seeds map[string]bool, fl Follow) map[string]bool {
	out := make(map[string]bool, len(seeds))
	for k := range seeds {
		out[k] = true
	}
	for changed := true; changed; {
		changed = false
		Walk(body, func(n *pyast.Node) bool {
			var left, right *pyast.Node
			switch n.Type() {
			case "assignment", "augmented_assignment":
				left, right = n.ChildByFieldName("left"), n.ChildByFieldName("right")
			case "for_statement":
				left, right = n.ChildByFieldName("left"), n.ChildByFieldName("right")
			case "named_expression":
				left, right = n.ChildByFieldName("name"), n.ChildByFieldName("value")
			default:
				return true
			}
			if left == nil || right == nil || fl.Through != nil && !fl.Through(right) {
				return true
			}
			if !f.Mentions(right, out) && (fl.Source == nil || !fl.Source(right)) {
				return true
			}
			if fl.Fields && left.Type() == "attribute" {
				return true
			}
			for _, name := range f.targets(left) {
				if !out[name] {
					out[name] = true
					changed = true
				}
			}
			return true
		})
	}
	return out
}

// Compared reports whether a comparison under body involves one of names.
func (f *File) Compared(body *pyast.Node, names map[string]bool) *pyast.Node {
	var found *pyast.Node
	Walk(body, func(n *pyast.Node) bool {
		if found != nil {
			return false
		}
		if n.Type() == "comparison_operator" && f.Mentions(n, names) {
			found = n
			return false
		}
		return true
	})
	return found
}

// targets lists the names an assignment target binds or changes: x; each
// name of x, y; obj for obj.attr and obj[key].
func (f *File) targets(n *pyast.Node) []string {
	switch n.Type() {
	case "identifier":
		return []string{f.Text(n)}
	case "attribute":
		return f.targets(n.ChildByFieldName("object"))
	case "subscript":
		return f.targets(n.ChildByFieldName("value"))
	case "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "parenthesized_expression":
		var out []string
		for i := 0; i < int(n.NamedChildCount()); i++ {
			out = append(out, f.targets(n.NamedChild(i))...)
		}
		return out
	}
	return nil
}

// ResultName returns the name the value of call ends up in, through method
// chains, subscripts, await, a default (`or 0`) and number conversions:
// `item = table.get_item(...).get("Item")` and `n = int(r.get(k) or 0)`
// give item and n. It returns "" when the value is not assigned to a name.
func (f *File) ResultName(call *pyast.Node) string {
	n := call
	for p := n.Parent(); p != nil; n, p = p, p.Parent() {
		switch p.Type() {
		case "await", "parenthesized_expression", "subscript":
			continue
		case "boolean_operator": // count = r.get(k) or 0
			if p.ChildByFieldName("left").Equal(n) {
				continue
			}
		case "argument_list": // count = int(r.get(k) or 0)
			if conv := p.Parent(); conv != nil && conv.Type() == "call" && p.NamedChildCount() == 1 {
				switch f.Text(conv.ChildByFieldName("function")) {
				case "int", "float", "str", "Decimal", "decimal.Decimal":
					p = conv // the loop moves on to the conversion's parent
					continue
				}
			}
		case "attribute":
			if p.ChildByFieldName("object").Equal(n) {
				continue
			}
		case "call":
			if p.ChildByFieldName("function").Equal(n) {
				continue
			}
		case "assignment":
			l := p.ChildByFieldName("left")
			if l == nil || !p.ChildByFieldName("right").Equal(n) {
				return ""
			}
			switch l.Type() {
			case "identifier":
				return f.Text(l)
			case "pattern_list", "tuple_pattern": // hits, _ = pipe.execute(): the first result
				if first := l.NamedChild(0); first != nil && first.Type() == "identifier" {
					return f.Text(first)
				}
			}
		}
		return ""
	}
	return ""
}

// OrderedComparison returns the first comparison under body that orders
// (<, <=, >, >=) a value mentioning one of names, or nil. Such comparisons
// are limit decisions; equality and membership tests are existence checks.
func (f *File) OrderedComparison(body *pyast.Node, names map[string]bool) *pyast.Node {
	var found *pyast.Node
	Walk(body, func(n *pyast.Node) bool {
		if found != nil {
			return false
		}
		if n.Type() == "comparison_operator" && f.Mentions(n, names) && f.Orders(n) {
			found = n
		}
		return found == nil
	})
	return found
}

// Orders reports whether the comparison cmp orders its operands (<, <=,
// >, >=).
func (f *File) Orders(cmp *pyast.Node) bool {
	for i := 0; i < int(cmp.ChildCount()); i++ {
		switch f.Text(cmp.Child(i)) {
		case "<", "<=", ">", ">=":
			return true
		}
	}
	return false
}

// CallsAny reports whether n is or contains a call of one of the
// functions in qualified (by qualified name: "time.time").
func (f *File) CallsAny(n *pyast.Node, qualified map[string]bool) bool {
	found := false
	Walk(n, func(m *pyast.Node) bool {
		if m.Type() == "call" && qualified[f.Qualified(m.ChildByFieldName("function"))] {
			found = true
		}
		return !found
	})
	return found
}
