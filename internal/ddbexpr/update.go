package ddbexpr

import (
	"cmp"
	"slices"
	"strings"
)

// SetAction is "path = value" in a SET clause.
type SetAction struct {
	Path   Path
	Value  Operand
	Offset int // byte offset of the path
}

// AddAction is "path :value" in an ADD clause.
type AddAction struct {
	Path   Path
	Value  ValueRef
	Offset int // byte offset of the path
}

// DeleteAction is "path :value" in a DELETE clause.
type DeleteAction struct {
	Path   Path
	Value  ValueRef
	Offset int // byte offset of the path
}

// Update is a parsed update expression. The clauses keep their actions in
// source order; the order of the clauses themselves is not kept.
type Update struct {
	Set    []SetAction
	Remove []Path
	Add    []AddAction
	Delete []DeleteAction
	refs   Refs
}

// Refs returns the placeholders and unescaped reserved words the update
// uses.
func (u *Update) Refs() Refs { return u.refs }

// String writes the update with its clauses in the order SET, REMOVE, ADD,
// DELETE.
func (u *Update) String() string {
	var clauses []string
	clause := func(kw string, actions []string) {
		if len(actions) > 0 {
			clauses = append(clauses, kw+" "+strings.Join(actions, ", "))
		}
	}
	var set, remove, add, del []string
	for _, a := range u.Set {
		set = append(set, a.Path.String()+" = "+a.Value.String())
	}
	for _, p := range u.Remove {
		remove = append(remove, p.String())
	}
	for _, a := range u.Add {
		add = append(add, a.Path.String()+" "+string(a.Value))
	}
	for _, a := range u.Delete {
		del = append(del, a.Path.String()+" "+string(a.Value))
	}
	clause("SET", set)
	clause("REMOVE", remove)
	clause("ADD", add)
	clause("DELETE", del)
	return strings.Join(clauses, " ")
}

// CounterChange is an update action that increments or decrements an
// attribute.
type CounterChange struct {
	Attr   Path
	Sign   int     // +1 increment, -1 decrement
	Amount Operand // the added or subtracted operand
}

// Counters lists the counter changes of the update, in source order within
// each clause (ADD first, then SET): ADD n :v (Sign +1; the caller checks
// :v for a negative number), SET n = n + :v, SET n = :v + n,
// SET n = if_not_exists(n, :z) + :v (Sign +1) and SET n = n - :v or
// SET n = if_not_exists(n, :z) - :v (Sign -1). A plain SET n = :v is not a
// counter change, and neither is SET n = m + :v for another attribute m.
func (u *Update) Counters() []CounterChange {
	var out []CounterChange
	for _, a := range u.Add {
		out = append(out, CounterChange{Attr: a.Path, Sign: 1, Amount: a.Value})
	}
	for _, s := range u.Set {
		ar, ok := s.Value.(*Arith)
		if !ok {
			continue
		}
		switch {
		case refersTo(ar.Left, s.Path):
			sign := 1
			if ar.Op == '-' {
				sign = -1
			}
			out = append(out, CounterChange{Attr: s.Path, Sign: sign, Amount: ar.Right})
		case ar.Op == '+' && refersTo(ar.Right, s.Path):
			out = append(out, CounterChange{Attr: s.Path, Sign: 1, Amount: ar.Left})
		}
	}
	return out
}

// refersTo reports whether o is path p itself or if_not_exists(p, ...).
func refersTo(o Operand, p Path) bool {
	switch v := o.(type) {
	case Path:
		return v.Equal(p)
	case *Call:
		return v.Name == "if_not_exists" && len(v.Args) == 2 && refersTo(v.Args[0], p)
	}
	return false
}

// ConflictKind says why DynamoDB rejects two paths of one update.
type ConflictKind int

const (
	// Duplicate is the same attribute updated twice (SET a = :x, a = :y).
	Duplicate ConflictKind = iota
	// Overlap is a path and one of its ancestors (a and a.b, or a and
	// a[0]).
	Overlap
	// Shape is a path used both as a map and as a list (a.b and a[0]).
	Shape
)

// Conflict is a pair of update targets DynamoDB rejects together: "Two
// document paths overlap" or "Two document paths conflict".
type Conflict struct {
	First, Second Path // First comes before Second in the expression
	Kind          ConflictKind
}

// Conflicts returns the pairs of target paths (of SET, REMOVE, ADD and
// DELETE actions) that are the same attribute, where one is an ancestor
// of the other, or where one treats an element as a map and the other as
// a list. #name placeholders are resolved through names first, so #c and
// count collide when names maps #c to count; a placeholder names does not
// define only collides with itself.
func (u *Update) Conflicts(names map[string]string) []Conflict {
	var targets []Path
	for _, a := range u.Set {
		targets = append(targets, a.Path)
	}
	targets = append(targets, u.Remove...)
	for _, a := range u.Add {
		targets = append(targets, a.Path)
	}
	for _, a := range u.Delete {
		targets = append(targets, a.Path)
	}
	slices.SortStableFunc(targets, func(a, b Path) int { return cmp.Compare(a.Offset(), b.Offset()) })
	resolved := make([]Path, len(targets))
	for i, t := range targets {
		resolved[i] = t.Resolve(names)
	}
	var out []Conflict
	for i := range resolved {
		for j := i + 1; j < len(resolved); j++ {
			if kind, ok := conflictKind(resolved[i], resolved[j]); ok {
				out = append(out, Conflict{First: targets[i], Second: targets[j], Kind: kind})
			}
		}
	}
	return out
}

// conflictKind compares two resolved paths.
func conflictKind(a, b Path) (ConflictKind, bool) {
	n := min(len(a), len(b))
	for i := range n {
		if sameElem(a[i], b[i]) {
			continue
		}
		if a[i].IsIndex != b[i].IsIndex {
			return Shape, true
		}
		return 0, false
	}
	if len(a) == len(b) {
		return Duplicate, true
	}
	return Overlap, true
}
