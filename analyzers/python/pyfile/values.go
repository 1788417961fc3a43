package pyfile

import (
	"strconv"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// String returns the constant string value of n: a literal, implicitly
// concatenated literals, literals joined with +, or a name assigned one of
// those. In f-strings every {hole} becomes a :pN placeholder, which SQL and
// the rules treat as a value bound at run time. ok is false for anything
// else.
func (s *Scope) String(n *pyast.Node) (string, bool) {
	holes := 0
	return s.str(n, &holes, 0)
}

// Constant is String without f-string holes: the whole text is known.
func (s *Scope) Constant(n *pyast.Node) (string, bool) {
	holes := 0
	v, ok := s.str(n, &holes, 0)
	return v, ok && holes == 0
}

func (s *Scope) str(n *pyast.Node, holes *int, depth int) (string, bool) {
	if n == nil || depth > 8 {
		return "", false
	}
	switch n.Type() {
	case "string":
		return s.literal(n, holes)
	case "concatenated_string":
		var b strings.Builder
		for i := 0; i < int(n.NamedChildCount()); i++ {
			part, ok := s.str(n.NamedChild(i), holes, depth+1)
			if !ok {
				return "", false
			}
			b.WriteString(part)
		}
		return b.String(), true
	case "binary_operator":
		if s.file.Text(n.ChildByFieldName("operator")) != "+" {
			return "", false
		}
		l, ok1 := s.str(n.ChildByFieldName("left"), holes, depth+1)
		r, ok2 := s.str(n.ChildByFieldName("right"), holes, depth+1)
		return l + r, ok1 && ok2
	case "parenthesized_expression":
		if n.NamedChildCount() == 1 {
			return s.str(n.NamedChild(0), holes, depth+1)
		}
	case "identifier", "attribute":
		// a constant here, in a project module (from .exprs import
		// UPDATE) or a class (Limits.KEY_PREFIX)
		if d := s.Resolve(n); d.Node != nil && d.Scope != nil {
			return d.Scope.str(d.Node, holes, depth+1)
		}
	case "call":
		// sqlalchemy.text("...") keeps its SQL.
		if q := s.file.Qualified(n.ChildByFieldName("function")); q == "sqlalchemy.text" || q == "sqlalchemy.sql.text" {
			args := n.ChildByFieldName("arguments")
			if args != nil && args.NamedChildCount() > 0 {
				return s.str(args.NamedChild(0), holes, depth+1)
			}
		}
	}
	return "", false
}

// literal reads a string node, skipping byte strings.
func (s *Scope) literal(n *pyast.Node, holes *int) (string, bool) {
	var b strings.Builder
	for i := 0; i < int(n.NamedChildCount()); i++ {
		c := n.NamedChild(i)
		switch c.Type() {
		case "string_start":
			if strings.ContainsAny(strings.ToLower(s.file.Text(c)), "b") {
				return "", false
			}
		case "string_content", "escape_sequence":
			b.WriteString(s.file.Text(c))
		case "interpolation":
			*holes++
			b.WriteString(":p" + strconv.Itoa(*holes))
		}
	}
	return b.String(), true
}

// Int returns the integer value of a literal, possibly negative.
func (s *Scope) Int(n *pyast.Node) (int64, bool) {
	if n == nil {
		return 0, false
	}
	switch n.Type() {
	case "integer":
		v, err := strconv.ParseInt(strings.ReplaceAll(s.file.Text(n), "_", ""), 0, 64)
		return v, err == nil
	case "unary_operator":
		if s.file.Text(n.ChildByFieldName("operator")) == "-" {
			v, ok := s.Int(n.ChildByFieldName("argument"))
			return -v, ok
		}
	case "identifier", "attribute":
		if d := s.Resolve(n); d.Node != nil && d.Scope != nil {
			return d.Scope.Int(d.Node)
		}
	}
	return 0, false
}

// IsConstant reports whether n is a literal (string, number, boolean,
// None) or a name assigned one.
func (s *Scope) IsConstant(n *pyast.Node) bool {
	if n == nil {
		return false
	}
	switch n.Type() {
	case "string":
		for i := 0; i < int(n.NamedChildCount()); i++ {
			if n.NamedChild(i).Type() == "interpolation" {
				return false
			}
		}
		return true
	case "integer", "float", "true", "false", "none":
		return true
	case "concatenated_string":
		_, ok := s.String(n)
		return ok && !strings.Contains(s.file.Text(n), "{")
	case "identifier", "attribute":
		d := s.Resolve(n)
		return d.Node != nil && d.Scope != nil && d.Node != n && d.Scope.IsConstant(d.Node)
	}
	return false
}

// Dict returns the key -> value pairs of a dictionary literal (string keys
// only), or of a name assigned one; ok is false otherwise, or when the
// dictionary has ** entries.
func (s *Scope) Dict(n *pyast.Node) (map[string]*pyast.Node, bool) {
	if n != nil && (n.Type() == "identifier" || n.Type() == "attribute") {
		if d := s.Resolve(n); d.Node != nil && d.Scope != nil && d.Scope != s {
			return d.Scope.Dict(d.Node)
		}
		n = s.Value(n)
	}
	if n == nil || n.Type() != "dictionary" {
		return nil, false
	}
	out := make(map[string]*pyast.Node)
	for i := 0; i < int(n.NamedChildCount()); i++ {
		p := n.NamedChild(i)
		if p.Type() != "pair" {
			return nil, false
		}
		k, ok := s.String(p.ChildByFieldName("key"))
		if !ok {
			return nil, false
		}
		out[k] = p.ChildByFieldName("value")
	}
	return out, true
}
