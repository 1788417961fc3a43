package ddbexpr

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// mode is the kind of expression being parsed; it decides which functions
// and operators are allowed.
type mode int

const (
	updateMode mode = iota
	conditionMode
	projectionMode
)

// MaxLen is the longest expression string DynamoDB accepts, in bytes.
const MaxLen = 4096

type parser struct {
	toks []token
	pos  int
	mode mode
	refs Refs
}

func newParser(s string, m mode) (*parser, error) {
	if strings.TrimSpace(s) == "" {
		return nil, &Error{Offset: 0, Msg: "empty expression"}
	}
	if len(s) > MaxLen {
		return nil, &Error{Offset: MaxLen, Msg: fmt.Sprintf("expression is %d bytes long, over DynamoDB's limit of %d", len(s), MaxLen)}
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	return &parser{toks: toks, mode: m}, nil
}

func (p *parser) peek() token { return p.toks[p.pos] }

// peekAt returns the token n places ahead (tEOF past the end).
func (p *parser) peekAt(n int) token { return p.toks[min(p.pos+n, len(p.toks)-1)] }

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

func (p *parser) isArith() bool { return p.isPunct("+") || p.isPunct("-") }

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

// errorf returns a syntax error at the next token.
func (p *parser) errorf(format string, args ...any) error {
	return &Error{Offset: p.peek().off, Msg: fmt.Sprintf(format, args...)}
}

func describe(t token) string {
	if t.kind == tEOF {
		return "end of expression"
	}
	return strconv.Quote(t.text)
}

// end checks that the whole input was consumed.
func (p *parser) end() error {
	if p.peek().kind != tEOF {
		return p.errorf("unexpected %s", describe(p.peek()))
	}
	return nil
}

// use records a placeholder use.
func (p *parser) use(t token) {
	p.refs.Uses = append(p.refs.Uses, Word{Text: t.text, Offset: t.off})
	if t.kind == tValue {
		p.refs.Values = addOnce(p.refs.Values, t.text)
	} else {
		p.refs.Names = addOnce(p.refs.Names, t.text)
	}
}

func addOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// keywords are the words that structure each kind of expression. Where
// an attribute is expected they are read as the keyword, not as a name:
// DynamoDB rejects them as names anyway, since all are reserved. REMOVE is
// not reserved and stays a valid name.
var keywords = map[mode][]string{
	updateMode:    {"SET", "ADD", "DELETE"},
	conditionMode: {"AND", "OR", "NOT", "BETWEEN", "IN"},
}

// keyword reports whether t is a keyword of the expression being parsed.
func (p *parser) keyword(t token) bool {
	return t.kind == tIdent && slices.ContainsFunc(keywords[p.mode], func(kw string) bool { return strings.EqualFold(kw, t.text) })
}

// path parses name(.name|[n])*.
func (p *parser) path() (Path, error) {
	var out Path
	elem := func() error {
		t := p.peek()
		switch {
		case len(out) == 0 && p.keyword(t):
			return p.errorf("expected an attribute name, found keyword %s", t.text)
		case t.kind == tIdent:
			p.next()
			if IsReserved(t.text) {
				p.refs.Reserved = append(p.refs.Reserved, Word{Text: t.text, Offset: t.off})
			}
		case t.kind == tName:
			p.next()
			p.use(t)
		case t.kind == tNumber:
			return p.errorf("attribute name %s starts with a digit; write it through a #name placeholder", describe(t))
		default:
			return p.errorf("expected an attribute name, found %s", describe(t))
		}
		out = append(out, PathElem{Name: t.text, Offset: t.off})
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
			open := p.next()
			t := p.peek()
			if t.kind != tNumber {
				return nil, p.errorf("expected a list index, found %s", describe(t))
			}
			n, err := strconv.Atoi(t.text)
			if err != nil {
				return nil, p.errorf("list index %s out of range", t.text)
			}
			p.next()
			if err := p.expect("]"); err != nil {
				return nil, err
			}
			out = append(out, PathElem{Index: n, IsIndex: true, Offset: open.off})
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
	p.use(t)
	return ValueRef(t.text), nil
}

// A function's signature: where it may appear, and which arguments must be
// document paths or :value placeholders.
type function struct {
	update    bool // an operand of SET values
	condition bool // a condition of its own; otherwise an operand
	arity     int
	pathArg   bool // the first argument must be a path
	valueArg2 bool // the second argument must be a :value
}

var functions = map[string]function{
	"if_not_exists":        {update: true, arity: 2, pathArg: true},
	"list_append":          {update: true, arity: 2},
	"size":                 {arity: 1},
	"attribute_exists":     {condition: true, arity: 1, pathArg: true},
	"attribute_not_exists": {condition: true, arity: 1, pathArg: true},
	"attribute_type":       {condition: true, arity: 2, pathArg: true, valueArg2: true},
	"begins_with":          {condition: true, arity: 2},
	"contains":             {condition: true, arity: 2},
}

// isCall reports whether the next tokens are name(.
func (p *parser) isCall() bool {
	return p.peek().kind == tIdent && p.peekAt(1).kind == tPunct && p.peekAt(1).text == "("
}

// operand parses a path, a :value or a function call that yields a value.
// In a condition, a following + or - is an Arithmetic error.
func (p *parser) operand() (Operand, error) {
	var o Operand
	var err error
	t := p.peek()
	switch {
	case t.kind == tValue:
		o, err = p.valueRef()
	case p.isCall():
		o, err = p.call(false)
	case t.kind == tIdent || t.kind == tName:
		o, err = p.path()
	case t.kind == tNumber:
		err = p.errorf("literal %s is not allowed in an expression; pass it as a :value placeholder", t.text)
	default:
		err = p.errorf("expected an attribute, a :value or a function, found %s", describe(t))
	}
	if err != nil {
		return nil, err
	}
	if p.mode == conditionMode && p.isArith() {
		return nil, &Error{Offset: p.peek().off, Kind: Arithmetic, Msg: fmt.Sprintf(
			"arithmetic (%s) is not allowed in a condition expression; compare with a precomputed :value instead", p.peek().text)}
	}
	return o, nil
}

// call parses name(args). asCond is set where a condition is expected;
// otherwise the function must yield a value.
func (p *parser) call(asCond bool) (*Call, error) {
	t := p.next()
	f, ok := functions[t.text]
	switch {
	case !ok:
		if _, ok := functions[strings.ToLower(t.text)]; ok {
			return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("function names are case-sensitive: write %s, not %s", strings.ToLower(t.text), t.text)}
		}
		return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("unknown function %s", t.text)}
	case f.update && p.mode != updateMode:
		return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("function %s is allowed only in update expressions", t.text)}
	case !f.update && p.mode == updateMode:
		return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("function %s is not allowed in an update expression", t.text)}
	case f.condition && !asCond:
		return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("function %s is a condition and cannot be used as a value", t.text)}
	}
	p.next() // (
	c := &Call{Name: t.text, Offset: t.off}
	for {
		argTok := p.peek()
		a, err := p.operand()
		if err != nil {
			return nil, err
		}
		if len(c.Args) == 0 && f.pathArg {
			if _, ok := a.(Path); !ok {
				return nil, &Error{Offset: argTok.off, Msg: fmt.Sprintf("the first argument of %s must be an attribute path", t.text)}
			}
		}
		if len(c.Args) == 1 && f.valueArg2 {
			if _, ok := a.(ValueRef); !ok {
				return nil, &Error{Offset: argTok.off, Msg: fmt.Sprintf("the second argument of %s must be a :value placeholder", t.text)}
			}
		}
		c.Args = append(c.Args, a)
		if !p.isPunct(",") {
			break
		}
		p.next()
	}
	if p.isArith() {
		return nil, &Error{Offset: p.peek().off, Kind: Arithmetic, Msg: fmt.Sprintf("arithmetic (%s) is not allowed in a function argument; only a SET value may add or subtract", p.peek().text)}
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if len(c.Args) != f.arity {
		return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("function %s takes %d argument(s), got %d", t.text, f.arity, len(c.Args))}
	}
	return c, nil
}

// ParseUpdate parses an UpdateExpression.
func ParseUpdate(s string) (*Update, error) {
	p, err := newParser(s, updateMode)
	if err != nil {
		return nil, err
	}
	u := &Update{}
	seen := make(map[string]bool)
	for p.peek().kind != tEOF {
		t := p.next()
		clause := strings.ToUpper(t.text)
		if t.kind != tIdent || (clause != "SET" && clause != "REMOVE" && clause != "ADD" && clause != "DELETE") {
			if len(seen) == 0 {
				return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("expected SET, REMOVE, ADD or DELETE, found %s", describe(t))}
			}
			return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("expected \",\" or a clause (SET, REMOVE, ADD, DELETE), found %s", describe(t))}
		}
		if seen[clause] {
			return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("the %s clause may appear only once; separate its actions with commas", clause)}
		}
		seen[clause] = true
		if err := p.actions(u, clause); err != nil {
			return nil, err
		}
	}
	u.refs = p.refs
	return u, nil
}

// actions parses the comma-separated actions of one clause into u.
func (p *parser) actions(u *Update, clause string) error {
	for {
		path, err := p.path()
		if err != nil {
			return err
		}
		if err := p.action(u, clause, path); err != nil {
			if len(path) == 1 && strings.EqualFold(path[0].Name, "REMOVE") {
				// "SET a = :v, REMOVE b": a comma before the next clause.
				return &Error{Offset: path[0].Offset, Msg: fmt.Sprintf("expected an attribute name, found keyword %s", path[0].Name)}
			}
			return err
		}
		if p.isArith() {
			return &Error{Offset: p.peek().off, Kind: Arithmetic, Msg: fmt.Sprintf("arithmetic (%s) is allowed only in SET values, not in %s", p.peek().text, clause)}
		}
		if !p.isPunct(",") {
			return nil
		}
		p.next()
	}
}

// action parses the rest of one action on path into u.
func (p *parser) action(u *Update, clause string, path Path) error {
	off := path.Offset()
	switch clause {
	case "SET":
		if err := p.expect("="); err != nil {
			return err
		}
		v, err := p.setValue()
		if err != nil {
			return err
		}
		u.Set = append(u.Set, SetAction{Path: path, Value: v, Offset: off})
	case "REMOVE":
		u.Remove = append(u.Remove, path)
	case "ADD", "DELETE":
		v, err := p.valueRef()
		if err != nil {
			return err
		}
		if clause == "ADD" {
			u.Add = append(u.Add, AddAction{Path: path, Value: v, Offset: off})
		} else {
			u.Delete = append(u.Delete, DeleteAction{Path: path, Value: v, Offset: off})
		}
	}
	return nil
}

// setValue parses operand [(+|-) operand].
func (p *parser) setValue() (Operand, error) {
	off := p.peek().off
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	if !p.isArith() {
		return left, nil
	}
	op := p.next().text[0]
	right, err := p.operand()
	if err != nil {
		return nil, err
	}
	if p.isArith() {
		return nil, &Error{Offset: p.peek().off, Kind: Arithmetic, Msg: "a SET value allows only one + or -; precompute the rest into a :value"}
	}
	return &Arith{Op: op, Left: left, Right: right, Offset: off}, nil
}

// ParseCondition parses a ConditionExpression or FilterExpression.
func ParseCondition(s string) (Cond, error) {
	c, _, err := ParseConditionRefs(s)
	return c, err
}

// ParseConditionRefs is ParseCondition that also returns the condition's
// placeholders and reserved-word uses.
func ParseConditionRefs(s string) (Cond, Refs, error) {
	p, err := newParser(s, conditionMode)
	if err != nil {
		return nil, Refs{}, err
	}
	c, err := p.or()
	if err == nil {
		err = p.end()
	}
	if err != nil {
		return nil, Refs{}, err
	}
	return c, p.refs, nil
}

func (p *parser) or() (Cond, error) {
	off := p.peek().off
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
		left = &Logic{Op: "OR", Left: left, Right: right, Offset: off}
	}
	return left, nil
}

func (p *parser) and() (Cond, error) {
	off := p.peek().off
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
		left = &Logic{Op: "AND", Left: left, Right: right, Offset: off}
	}
	return left, nil
}

func (p *parser) not() (Cond, error) {
	if p.isKeyword("NOT") {
		t := p.next()
		c, err := p.not()
		if err != nil {
			return nil, err
		}
		return &Not{Cond: c, Offset: t.off}, nil
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
	if p.isCall() {
		if f, ok := functions[strings.ToLower(p.peek().text)]; !ok || f.condition {
			return p.call(true)
		}
	}
	off := p.peek().off
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	switch {
	case p.peek().kind == tPunct && comparators[p.peek().text]:
		op := p.next().text
		right, err := p.operand()
		if err != nil {
			return nil, err
		}
		return &Compare{Op: op, Left: left, Right: right, Offset: off}, nil
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
		return &Between{Value: left, Low: low, High: high, Offset: off}, nil
	case p.isKeyword("IN"):
		p.next()
		if err := p.expect("("); err != nil {
			return nil, err
		}
		in := &In{Value: left, Offset: off}
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
		if len(in.List) > 100 {
			return nil, &Error{Offset: off, Msg: fmt.Sprintf("IN takes at most 100 values, got %d", len(in.List))}
		}
		return in, p.expect(")")
	}
	if call, ok := left.(*Call); ok {
		return nil, &Error{Offset: call.Offset, Msg: fmt.Sprintf("function %s yields a value, not a condition; compare it with something", call.Name)}
	}
	return nil, p.errorf("expected a comparison, BETWEEN or IN after %s, found %s", left, describe(p.peek()))
}

// ParseKeyCondition parses a KeyConditionExpression: an equality on the
// partition key, optionally AND one condition on the sort key (=, <, <=,
// >, >=, BETWEEN or begins_with), each comparing a top-level attribute
// with :value placeholders.
func ParseKeyCondition(s string) (Cond, error) {
	c, _, err := ParseKeyConditionRefs(s)
	return c, err
}

// ParseKeyConditionRefs is ParseKeyCondition that also returns the
// placeholders and reserved-word uses.
func ParseKeyConditionRefs(s string) (Cond, Refs, error) {
	c, refs, err := ParseConditionRefs(s)
	if err != nil {
		return nil, Refs{}, err
	}
	if err := checkKey(c); err != nil {
		return nil, Refs{}, err
	}
	return c, refs, nil
}

// checkKey checks the shape of a key condition.
func checkKey(c Cond) error {
	var parts []Cond
	var flatten func(Cond) error
	flatten = func(c Cond) error {
		switch v := c.(type) {
		case *Logic:
			if v.Op != "AND" {
				return keyError(v.Offset, "OR is not allowed in a key condition; run one query per alternative")
			}
			if err := flatten(v.Left); err != nil {
				return err
			}
			return flatten(v.Right)
		case *Not:
			return keyError(v.Offset, "NOT is not allowed in a key condition")
		}
		parts = append(parts, c)
		return nil
	}
	if err := flatten(c); err != nil {
		return err
	}
	if len(parts) > 2 {
		return keyError(CondOffset(parts[2]), "a key condition has at most two parts, the partition key and the sort key; move other tests to a FilterExpression")
	}
	var keys []Path
	equality := false
	for _, part := range parts {
		key, eq, err := keyPart(part)
		if err != nil {
			return err
		}
		equality = equality || eq
		if len(keys) == 1 && keys[0].Equal(key) {
			return keyError(CondOffset(part), fmt.Sprintf("%s is tested twice in a key condition", key))
		}
		keys = append(keys, key)
	}
	if !equality {
		return keyError(CondOffset(c), "a key condition must test the partition key with =")
	}
	return nil
}

// keyPart checks one part of a key condition and returns the key attribute
// it tests and whether it is an equality.
func keyPart(c Cond) (Path, bool, error) {
	switch v := c.(type) {
	case *Compare:
		if v.Op == "<>" {
			return nil, false, keyError(v.Offset, "<> is not allowed in a key condition")
		}
		key, ok := v.Left.(Path)
		value := v.Right
		if !ok {
			key, ok = v.Right.(Path)
			value = v.Left
		}
		if !ok {
			return nil, false, keyError(v.Offset, "a key condition must compare a key attribute with a :value")
		}
		if err := keyOperands(v.Offset, key, value); err != nil {
			return nil, false, err
		}
		return key, v.Op == "=", nil
	case *Between:
		key, ok := v.Value.(Path)
		if !ok {
			return nil, false, keyError(v.Offset, "BETWEEN in a key condition must test a key attribute")
		}
		return key, false, keyOperands(v.Offset, key, v.Low, v.High)
	case *Call:
		if v.Name != "begins_with" {
			return nil, false, keyError(v.Offset, fmt.Sprintf("%s is not allowed in a key condition; only begins_with is", v.Name))
		}
		key, ok := v.Args[0].(Path)
		if !ok {
			return nil, false, keyError(v.Offset, "begins_with in a key condition must test a key attribute")
		}
		return key, false, keyOperands(v.Offset, key, v.Args[1])
	}
	// Only *In is left: flattening removed *Logic and *Not.
	return nil, false, keyError(CondOffset(c), "IN is not allowed in a key condition")
}

// keyOperands checks that key is a top-level attribute and values are
// :value placeholders.
func keyOperands(off int, key Path, values ...Operand) error {
	if len(key) != 1 {
		return keyError(key.Offset(), fmt.Sprintf("key attribute %s must be a top-level attribute", key))
	}
	for _, v := range values {
		if _, ok := v.(ValueRef); !ok {
			return keyError(off, fmt.Sprintf("a key condition must compare %s with a :value, not %s", key, v))
		}
	}
	return nil
}

func keyError(off int, msg string) error { return &Error{Offset: off, Msg: msg, Kind: KeyCondition} }

// CondOffset returns the byte offset where a condition node starts (for
// *Logic, its left operand or the parenthesis before it).
func CondOffset(c Cond) int {
	switch v := c.(type) {
	case *Compare:
		return v.Offset
	case *Between:
		return v.Offset
	case *In:
		return v.Offset
	case *Call:
		return v.Offset
	case *Logic:
		return v.Offset
	case *Not:
		return v.Offset
	}
	return 0
}

// ParseProjection parses a ProjectionExpression: comma-separated paths.
func ParseProjection(s string) ([]Path, error) {
	ps, _, err := ParseProjectionRefs(s)
	return ps, err
}

// ParseProjectionRefs is ParseProjection that also returns the
// placeholders and reserved-word uses.
func ParseProjectionRefs(s string) ([]Path, Refs, error) {
	p, err := newParser(s, projectionMode)
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
