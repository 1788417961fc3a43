package ddbexpr

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

type parser struct {
	toks []token
	pos  int
	refs Refs
	// condition is set while parsing a condition, where arithmetic is not
	// allowed.
	condition bool
}

func newParser(s string) (*parser, error) {
	if strings.TrimSpace(s) == "" {
		return nil, &Error{0, "empty expression"}
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	return &parser{toks: toks}, nil
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

func (p *parser) isPunct(s string) bool {
	t := p.peek()
	return t.kind == tPunct && t.text == s
}

func (p *parser) isKeyword(kw string) bool {
	t := p.peek()
	return t.kind == tIdent && strings.EqualFold(t.text, kw)
}

func (p *parser) expect(s string) error {
	if !p.isPunct(s) {
		return p.errorf("expected %q, found %s", s, describe(p.peek()))
	}
	p.next()
	return nil
}

func (p *parser) errorf(format string, args ...any) error {
	return &Error{p.peek().off, fmt.Sprintf(format, args...)}
}

func describe(t token) string {
	if t.kind == tEOF {
		return "end of expression"
	}
	return strconv.Quote(t.text)
}

func (p *parser) end() error {
	if p.peek().kind != tEOF {
		return p.errorf("unexpected %s", describe(p.peek()))
	}
	return nil
}

func addOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// path parses name(.name|[n])*.
func (p *parser) path() (Path, error) {
	var out Path
	elem := func() error {
		t := p.peek()
		switch t.kind {
		case tIdent:
			p.next()
			if IsReserved(t.text) {
				p.refs.Reserved = append(p.refs.Reserved, Word{t.text, t.off})
			}
			out = append(out, PathElem{Name: t.text})
		case tName:
			p.next()
			p.refs.Names = addOnce(p.refs.Names, t.text)
			out = append(out, PathElem{Name: t.text})
		default:
			return p.errorf("expected an attribute name, found %s", describe(t))
		}
		return nil
	}
	if err := elem(); err != nil {
		return nil, err
	}
	for {
		switch {
		case p.isPunct("."):
			p.next()
			if err := elem(); err != nil {
				return nil, err
			}
		case p.isPunct("["):
			p.next()
			t := p.next()
			if t.kind != tNumber {
				return nil, &Error{t.off, fmt.Sprintf("expected a list index, found %s", describe(t))}
			}
			n, err := strconv.Atoi(t.text)
			if err != nil {
				return nil, &Error{t.off, "list index out of range"}
			}
			if err := p.expect("]"); err != nil {
				return nil, err
			}
			out = append(out, PathElem{Index: n, IsIndex: true})
		default:
			return out, nil
		}
	}
}

func (p *parser) valueRef() (ValueRef, error) {
	t := p.peek()
	if t.kind != tValue {
		return "", p.errorf("expected a :value placeholder, found %s", describe(t))
	}
	p.next()
	p.refs.Values = addOnce(p.refs.Values, t.text)
	return ValueRef(t.text), nil
}

// operandFuncs are the functions that yield a value.
var operandFuncs = map[string]int{"if_not_exists": 2, "list_append": 2, "size": 1}

// condFuncs are the functions that yield a truth value.
var condFuncs = map[string]int{
	"attribute_exists": 1, "attribute_not_exists": 1, "attribute_type": 2,
	"begins_with": 2, "contains": 2,
}

// operand parses a path, a :value or a function call.
func (p *parser) operand() (Operand, error) {
	t := p.peek()
	switch t.kind {
	case tValue:
		return p.valueRef()
	case tIdent, tName:
		if t.kind == tIdent && p.toks[p.pos+1].kind == tPunct && p.toks[p.pos+1].text == "(" {
			return p.call(operandFuncs)
		}
		return p.path()
	}
	return nil, p.errorf("expected an attribute, a :value or a function, found %s", describe(t))
}

// call parses name(args) for a function of funcs.
func (p *parser) call(funcs map[string]int) (*Call, error) {
	t := p.next()
	name := strings.ToLower(t.text)
	arity, ok := funcs[name]
	switch {
	case p.condition && (name == "if_not_exists" || name == "list_append"):
		return nil, &Error{t.off, fmt.Sprintf("function %s is allowed only in update expressions", t.text)}
	case !p.condition && name == "size":
		return nil, &Error{t.off, "function size is allowed only in condition expressions"}
	case !ok && condFuncs[name] > 0:
		return nil, &Error{t.off, fmt.Sprintf("function %s is a condition and cannot be used as a value", t.text)}
	case !ok:
		return nil, &Error{t.off, fmt.Sprintf("unknown function %s", t.text)}
	}
	if err := p.expect("("); err != nil {
		return nil, err
	}
	c := &Call{Name: name}
	for {
		a, err := p.operand()
		if err != nil {
			return nil, err
		}
		c.Args = append(c.Args, a)
		if !p.isPunct(",") {
			break
		}
		p.next()
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if len(c.Args) != arity {
		return nil, &Error{t.off, fmt.Sprintf("function %s takes %d argument(s), got %d", t.text, arity, len(c.Args))}
	}
	return c, nil
}

// ParseUpdate parses an UpdateExpression.
func ParseUpdate(s string) (*Update, error) {
	p, err := newParser(s)
	if err != nil {
		return nil, err
	}
	u := &Update{}
	seen := make(map[string]bool)
	for p.peek().kind != tEOF {
		t := p.next()
		clause := strings.ToUpper(t.text)
		if t.kind != tIdent || (clause != "SET" && clause != "REMOVE" && clause != "ADD" && clause != "DELETE") {
			return nil, &Error{t.off, fmt.Sprintf("expected SET, REMOVE, ADD or DELETE, found %s", describe(t))}
		}
		if seen[clause] {
			return nil, &Error{t.off, fmt.Sprintf("the %s clause may appear only once", clause)}
		}
		seen[clause] = true
		for {
			off := p.peek().off
			path, err := p.path()
			if err != nil {
				return nil, err
			}
			switch clause {
			case "SET":
				if err := p.expect("="); err != nil {
					return nil, err
				}
				v, err := p.setValue()
				if err != nil {
					return nil, err
				}
				u.Set = append(u.Set, SetAction{Path: path, Value: v, Offset: off})
			case "REMOVE":
				u.Remove = append(u.Remove, path)
			case "ADD", "DELETE":
				v, err := p.valueRef()
				if err != nil {
					return nil, err
				}
				if clause == "ADD" {
					u.Add = append(u.Add, AddAction{Path: path, Value: v, Offset: off})
				} else {
					u.Delete = append(u.Delete, DeleteAction{Path: path, Value: v, Offset: off})
				}
			}
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
	}
	if len(seen) == 0 {
		return nil, &Error{0, "empty expression"}
	}
	u.refs = p.refs
	return u, nil
}

// setValue parses operand [(+|-) operand].
func (p *parser) setValue() (Operand, error) {
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	if p.isPunct("+") || p.isPunct("-") {
		op := p.next().text[0]
		right, err := p.operand()
		if err != nil {
			return nil, err
		}
		return &Arith{Op: op, Left: left, Right: right}, nil
	}
	return left, nil
}

// ParseCondition parses a ConditionExpression or FilterExpression.
func ParseCondition(s string) (Cond, error) {
	c, _, err := parseCond(s)
	return c, err
}

// ParseConditionRefs is ParseCondition that also returns the condition's
// placeholders and reserved-word uses.
func ParseConditionRefs(s string) (Cond, Refs, error) { return parseCond(s) }

func parseCond(s string) (Cond, Refs, error) {
	p, err := newParser(s)
	if err != nil {
		return nil, Refs{}, err
	}
	p.condition = true
	c, err := p.or()
	if err != nil {
		return nil, Refs{}, err
	}
	if err := p.end(); err != nil {
		return nil, Refs{}, err
	}
	return c, p.refs, nil
}

func (p *parser) or() (Cond, error) {
	left, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.isKeyword("OR") {
		p.next()
		right, err := p.and()
		if err != nil {
			return nil, err
		}
		left = &Logic{Op: "OR", Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) and() (Cond, error) {
	left, err := p.not()
	if err != nil {
		return nil, err
	}
	for p.isKeyword("AND") {
		p.next()
		right, err := p.not()
		if err != nil {
			return nil, err
		}
		left = &Logic{Op: "AND", Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) not() (Cond, error) {
	if p.isKeyword("NOT") {
		p.next()
		c, err := p.not()
		if err != nil {
			return nil, err
		}
		return &Not{Cond: c}, nil
	}
	return p.predicate()
}

var comparators = map[string]bool{"=": true, "<>": true, "<": true, "<=": true, ">": true, ">=": true}

// predicate parses a parenthesized condition, a condition function, or a
// comparison, BETWEEN or IN on an operand.
func (p *parser) predicate() (Cond, error) {
	if p.isPunct("(") {
		p.next()
		c, err := p.or()
		if err != nil {
			return nil, err
		}
		if err := p.expect(")"); err != nil {
			return nil, err
		}
		return c, nil
	}
	t := p.peek()
	if t.kind == tIdent && p.toks[p.pos+1].kind == tPunct && p.toks[p.pos+1].text == "(" {
		if _, ok := condFuncs[strings.ToLower(t.text)]; ok {
			return p.call(condFuncs)
		}
	}
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	if err := p.noArithmetic(); err != nil {
		return nil, err
	}
	switch {
	case p.peek().kind == tPunct && comparators[p.peek().text]:
		op := p.next().text
		right, err := p.operand()
		if err != nil {
			return nil, err
		}
		if err := p.noArithmetic(); err != nil {
			return nil, err
		}
		return &Compare{Op: op, Left: left, Right: right}, nil
	case p.isKeyword("BETWEEN"):
		p.next()
		low, err := p.operand()
		if err != nil {
			return nil, err
		}
		if !p.isKeyword("AND") {
			return nil, p.errorf("expected AND in BETWEEN, found %s", describe(p.peek()))
		}
		p.next()
		high, err := p.operand()
		if err != nil {
			return nil, err
		}
		return &Between{Value: left, Low: low, High: high}, nil
	case p.isKeyword("IN"):
		p.next()
		if err := p.expect("("); err != nil {
			return nil, err
		}
		in := &In{Value: left}
		for {
			o, err := p.operand()
			if err != nil {
				return nil, err
			}
			in.List = append(in.List, o)
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
		return in, p.expect(")")
	}
	return nil, p.errorf("expected a comparison, BETWEEN or IN after the operand, found %s", describe(p.peek()))
}

// noArithmetic rejects + and - in a condition with a message that says why.
func (p *parser) noArithmetic() error {
	if p.isPunct("+") || p.isPunct("-") {
		return p.errorf("arithmetic (%s) is not allowed in a condition expression; compare with a precomputed :value instead", p.peek().text)
	}
	return nil
}

// ParseKeyCondition parses a KeyConditionExpression: an equality on the
// partition key, optionally AND one sort-key condition (=, <, <=, >, >=,
// BETWEEN or begins_with).
func ParseKeyCondition(s string) (Cond, error) {
	c, _, err := parseCond(s)
	if err != nil {
		return nil, err
	}
	var parts []Cond
	var flatten func(Cond) bool
	flatten = func(c Cond) bool {
		switch v := c.(type) {
		case *Logic:
			return v.Op == "AND" && flatten(v.Left) && flatten(v.Right)
		default:
			parts = append(parts, c)
			return true
		}
	}
	if !flatten(c) || len(parts) > 2 {
		return nil, &Error{0, "a key condition is a partition-key equality, optionally AND one sort-key condition"}
	}
	if cmp, ok := parts[0].(*Compare); !ok || cmp.Op != "=" {
		return nil, &Error{0, "a key condition must start with an equality on the partition key"}
	}
	if len(parts) == 2 {
		switch v := parts[1].(type) {
		case *Compare:
			if v.Op == "<>" {
				return nil, &Error{0, "<> is not allowed in a key condition"}
			}
		case *Between:
		case *Call:
			if v.Name != "begins_with" {
				return nil, &Error{0, fmt.Sprintf("%s is not allowed in a key condition", v.Name)}
			}
		default:
			return nil, &Error{0, "the sort-key condition must be a comparison, BETWEEN or begins_with"}
		}
	}
	return c, nil
}

// ParseProjection parses a ProjectionExpression: comma-separated paths.
func ParseProjection(s string) ([]Path, error) {
	ps, _, err := ParseProjectionRefs(s)
	return ps, err
}

// ParseProjectionRefs is ParseProjection that also returns the
// placeholders and reserved-word uses.
func ParseProjectionRefs(s string) ([]Path, Refs, error) {
	p, err := newParser(s)
	if err != nil {
		return nil, Refs{}, err
	}
	var out []Path
	for {
		path, err := p.path()
		if err != nil {
			return nil, Refs{}, err
		}
		out = append(out, path)
		if !p.isPunct(",") {
			break
		}
		p.next()
	}
	if err := p.end(); err != nil {
		return nil, Refs{}, err
	}
	return out, p.refs, nil
}
