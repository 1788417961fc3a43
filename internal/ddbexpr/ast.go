package ddbexpr

import (
	"strconv"
	"strings"
)

// PathElem is one step of a document path: an attribute name (possibly a
// #placeholder) or a list index.
type PathElem struct {
	Name    string // attribute name or #placeholder; empty for an index
	Index   int    // list index, when IsIndex
	IsIndex bool
	Offset  int // byte offset of the name, or of the '[' of an index
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

// Offset returns the byte offset of the path's first element, or -1 for an
// empty path.
func (p Path) Offset() int {
	if len(p) == 0 {
		return -1
	}
	return p[0].Offset
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

// Equal reports whether p and q are the same path, whatever their offsets.
func (p Path) Equal(q Path) bool {
	return len(p) == len(q) && p.HasPrefix(q)
}

// HasPrefix reports whether q is p or an ancestor of p (a is a prefix of
// a.b and of a[0]), whatever their offsets.
func (p Path) HasPrefix(q Path) bool {
	if len(q) > len(p) {
		return false
	}
	for i := range q {
		if !sameElem(p[i], q[i]) {
			return false
		}
	}
	return true
}

func sameElem(a, b PathElem) bool {
	return a.IsIndex == b.IsIndex && a.Name == b.Name && a.Index == b.Index
}

// Operand is a value in an expression: a Path, a ValueRef, a *Call or an
// *Arith (SET values only).
type Operand interface {
	// String writes the operand in expression syntax.
	String() string
	operand()
}

// ValueRef is an expression attribute value placeholder such as ":inc".
// Its offsets are in the Uses of the expression's Refs.
type ValueRef string

// String returns the placeholder.
func (v ValueRef) String() string { return string(v) }

// Call is a function call. As an operand: if_not_exists and list_append
// (update expressions), size (conditions). As a condition:
// attribute_exists, attribute_not_exists, attribute_type, begins_with and
// contains. Function names are case-sensitive in DynamoDB; Name is as
// written, which the parser only accepts in lower case.
type Call struct {
	Name   string
	Args   []Operand
	Offset int // byte offset of the function name
}

// String writes the call in expression syntax.
func (c *Call) String() string {
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		args[i] = a.String()
	}
	return c.Name + "(" + strings.Join(args, ", ") + ")"
}

// Arith is operand + operand or operand - operand, allowed only as the
// value of a SET action.
type Arith struct {
	Op          byte // '+' or '-'
	Left, Right Operand
	Offset      int // byte offset of the left operand
}

// String writes the arithmetic in expression syntax.
func (a *Arith) String() string {
	return a.Left.String() + " " + string(a.Op) + " " + a.Right.String()
}

func (Path) operand()     {}
func (ValueRef) operand() {}
func (*Call) operand()    {}
func (*Arith) operand()   {}

// Cond is a node of a condition, filter or key condition expression:
// *Compare, *Between, *In, *Call, *Logic or *Not. Parentheses leave no
// node; String puts back the ones the structure needs.
type Cond interface {
	// String writes the condition in expression syntax.
	String() string
	cond()
}

// Compare is "left op right" with op one of = <> < <= > >=.
type Compare struct {
	Op          string
	Left, Right Operand
	Offset      int // byte offset of the left operand
}

// String writes the comparison in expression syntax.
func (c *Compare) String() string { return c.Left.String() + " " + c.Op + " " + c.Right.String() }

// Between is "value BETWEEN low AND high".
type Between struct {
	Value, Low, High Operand
	Offset           int // byte offset of the value
}

// String writes the range test in expression syntax.
func (b *Between) String() string {
	return b.Value.String() + " BETWEEN " + b.Low.String() + " AND " + b.High.String()
}

// In is "value IN (list)".
type In struct {
	Value  Operand
	List   []Operand
	Offset int // byte offset of the value
}

// String writes the membership test in expression syntax.
func (in *In) String() string {
	list := make([]string, len(in.List))
	for i, o := range in.List {
		list[i] = o.String()
	}
	return in.Value.String() + " IN (" + strings.Join(list, ", ") + ")"
}

// Logic is "left AND right" or "left OR right".
type Logic struct {
	Op          string // "AND" or "OR"
	Left, Right Cond
	Offset      int // byte offset of the left operand (or its parenthesis)
}

// String writes the conjunction or disjunction in expression syntax,
// parenthesizing operands that bind less tightly.
func (l *Logic) String() string {
	left, right := l.Left.String(), l.Right.String()
	if precedence(l.Left) < precedence(l) {
		left = "(" + left + ")"
	}
	if precedence(l.Right) <= precedence(l) {
		right = "(" + right + ")"
	}
	return left + " " + l.Op + " " + right
}

// Not is "NOT cond".
type Not struct {
	Cond   Cond
	Offset int // byte offset of NOT
}

// String writes the negation in expression syntax.
func (n *Not) String() string {
	if _, ok := n.Cond.(*Logic); ok {
		return "NOT (" + n.Cond.String() + ")"
	}
	return "NOT " + n.Cond.String()
}

// precedence ranks how tightly a condition binds: OR, then AND, then
// everything else.
func precedence(c Cond) int {
	if l, ok := c.(*Logic); ok {
		if l.Op == "OR" {
			return 1
		}
		return 2
	}
	return 3
}

func (*Compare) cond() {}
func (*Between) cond() {}
func (*In) cond()      {}
func (*Call) cond()    {}
func (*Logic) cond()   {}
func (*Not) cond()     {}

// Refs lists what an expression refers to.
type Refs struct {
	Values   []string // :value placeholders, each once, in order of first use
	Names    []string // #name placeholders, each once, in order of first use
	Reserved []Word   // every attribute name written as a bare reserved word
	Uses     []Word   // every use of a :value or #name placeholder
}

// Word is a piece of expression text at a byte offset.
type Word struct {
	Text   string
	Offset int
}

// First returns the byte offset of the first use of a placeholder, or -1
// if the expression does not use it.
func (r Refs) First(placeholder string) int {
	for _, u := range r.Uses {
		if u.Text == placeholder {
			return u.Offset
		}
	}
	return -1
}

// Bounds reports whether a condition bounds an attribute's value: it
// holds an ordering comparison (<, <=, >, >=) or a BETWEEN, the shape of
// a limit the store enforces (hits < :limit).
func Bounds(c Cond) bool {
	switch c := c.(type) {
	case *Compare:
		return c.Op == "<" || c.Op == "<=" || c.Op == ">" || c.Op == ">="
	case *Between:
		return true
	case *Logic:
		return Bounds(c.Left) || Bounds(c.Right)
	case *Not:
		return Bounds(c.Cond)
	}
	return false
}
