package ddbexpr

import (
	"strconv"
	"strings"
)

// PathElem is one step of a document path: an attribute name (possibly a
// #placeholder) or a list index.
type PathElem struct {
	Name    string
	Index   int
	IsIndex bool
}

// Path is a document path such as a.b[2].#c.
type Path []PathElem

// String writes the path in expression syntax.
func (p Path) String() string {
	var b strings.Builder
	for i, e := range p {
		switch {
		case e.IsIndex:
			b.WriteString("[" + strconv.Itoa(e.Index) + "]")
		case i > 0:
			b.WriteString("." + e.Name)
		default:
			b.WriteString(e.Name)
		}
	}
	return b.String()
}

// Resolve returns the path with every #placeholder that names maps
// replaced by the attribute name; unknown placeholders stay.
func (p Path) Resolve(names map[string]string) Path {
	out := make(Path, len(p))
	for i, e := range p {
		if real, ok := names[e.Name]; ok && strings.HasPrefix(e.Name, "#") {
			e.Name = real
		}
		out[i] = e
	}
	return out
}

// Equal reports whether p and q are the same path.
func (p Path) Equal(q Path) bool {
	if len(p) != len(q) {
		return false
	}
	for i := range p {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}

// Operand is a value in an expression: a Path, a ValueRef, a *Call or an
// *Arith.
type Operand interface{ operand() }

// ValueRef is an expression attribute value placeholder such as ":inc".
type ValueRef string

// Call is a function call: if_not_exists, list_append, size, or (in
// conditions) attribute_exists, attribute_not_exists, attribute_type,
// begins_with and contains.
type Call struct {
	Name string // lower-case
	Args []Operand
}

// Arith is operand + operand or operand - operand, allowed only in SET.
type Arith struct {
	Op          byte
	Left, Right Operand
}

func (Path) operand()     {}
func (ValueRef) operand() {}
func (*Call) operand()    {}
func (*Arith) operand()   {}

// SetAction is "path = value" in a SET clause.
type SetAction struct {
	Path   Path
	Value  Operand
	Offset int
}

// AddAction is "path :value" in an ADD clause.
type AddAction struct {
	Path   Path
	Value  ValueRef
	Offset int
}

// DeleteAction is "path :value" in a DELETE clause.
type DeleteAction struct {
	Path   Path
	Value  ValueRef
	Offset int
}

// Update is a parsed update expression.
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

// Cond is a node of a condition, filter or key condition expression:
// *Compare, *Between, *In, *Call, *Logic or *Not.
type Cond interface{ cond() }

// Compare is "left op right" with op one of = <> < <= > >=.
type Compare struct {
	Op          string
	Left, Right Operand
}

// Between is "value BETWEEN low AND high".
type Between struct{ Value, Low, High Operand }

// In is "value IN (list)".
type In struct {
	Value Operand
	List  []Operand
}

// Logic is "left AND right" or "left OR right".
type Logic struct {
	Op          string // "AND" or "OR"
	Left, Right Cond
}

// Not is "NOT cond".
type Not struct{ Cond Cond }

func (*Compare) cond() {}
func (*Between) cond() {}
func (*In) cond()      {}
func (*Call) cond()    {}
func (*Logic) cond()   {}
func (*Not) cond()     {}

// Refs lists what an expression refers to, each in order of first use.
type Refs struct {
	Values   []string // :value placeholders
	Names    []string // #name placeholders
	Reserved []Word   // attribute names that are reserved words
}

// Word is a reserved word used as an attribute name, at a byte offset.
type Word struct {
	Text   string
	Offset int
}

// CounterChange is an update action that increments or decrements an
// attribute.
type CounterChange struct {
	Attr   Path
	Sign   int     // +1 increment, -1 decrement
	Amount Operand // the added or subtracted operand
}

// Counters lists the counter changes of the update: ADD n :v (Sign +1; the
// caller checks :v for a negative number), SET n = n + :v, SET n = :v + n,
// SET n = if_not_exists(n, :z) + :v (Sign +1) and SET n = n - :v (Sign -1).
// A plain SET n = :v is not a counter change.
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
