package pyfile

import (
	"strconv"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
	"github.com/rlcheck/rlcheck/internal/ddbexpr"
)

// Increments returns the attributes a DynamoDB update_item call increments: the
// counter changes of its UpdateExpression with a positive sign (ADD of a
// negative literal is a decrement), or legacy AttributeUpdates with
// Action ADD. Names written as #placeholders are resolved through
// ExpressionAttributeNames when it is a literal.
func (c *Call) Increments() []string {
	s := c.Scope
	var out []string
	if expr, ok := c.Kwargs["UpdateExpression"]; ok {
		text, ok := s.Constant(expr)
		if !ok {
			return nil
		}
		u, err := ddbexpr.ParseUpdate(text)
		if err != nil {
			return nil
		}
		names := stringDict(s, c.Kwargs["ExpressionAttributeNames"])
		values, _ := s.Dict(c.Kwargs["ExpressionAttributeValues"])
		for _, ch := range u.Counters() {
			if ch.Sign <= 0 {
				continue
			}
			if ref, ok := ch.Amount.(ddbexpr.ValueRef); ok && negative(s, values[string(ref)]) {
				continue
			}
			out = append(out, ch.Attr.Resolve(names).String())
		}
		return out
	}
	updates, ok := s.Dict(c.Kwargs["AttributeUpdates"])
	if !ok {
		return nil
	}
	for name, spec := range updates {
		d, ok := s.Dict(spec)
		if !ok {
			continue
		}
		if action, _ := s.String(d["Action"]); action == "ADD" && !negative(s, d["Value"]) {
			out = append(out, name)
		}
	}
	return out
}

// negative reports whether a value literal is a negative number: -1, or a
// client-API {"N": "-1"}.
func negative(s *Scope, n *pyast.Node) bool {
	if n == nil {
		return false
	}
	if v, ok := s.Int(n); ok {
		return v < 0
	}
	if d, ok := s.Dict(n); ok {
		if num, ok := s.String(d["N"]); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			return err == nil && v < 0
		}
	}
	return false
}

func stringDict(s *Scope, n *pyast.Node) map[string]string {
	d, _ := s.Dict(n)
	out := make(map[string]string, len(d))
	for k, v := range d {
		if str, ok := s.String(v); ok {
			out[k] = str
		}
	}
	return out
}
