package dynamo

import (
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/internal/ddbexpr"
)

// Increments returns the attributes an UpdateItem input increments: the
// counter changes of a constant UpdateExpression with a positive sign, and
// legacy AttributeUpdates with Action ADD. ADD of a negative constant and
// ADD of a set are not increments. ok is false when the update cannot be
// read (an expression that is not constant or does not parse).
func Increments(f *flow.Func, in *store.Input) (attrs []string, ok bool) {
	if in.Set("UpdateExpression") {
		s, ok := f.ConstString(in.One("UpdateExpression"))
		if !ok {
			return nil, false
		}
		u, err := ddbexpr.ParseUpdate(s)
		if err != nil {
			return nil, false
		}
		values, _ := MapEntries(f, in, "ExpressionAttributeValues")
		names := attrNames(f, in)
		for _, c := range u.Counters() {
			if c.Sign <= 0 {
				continue
			}
			if ph := placeholder(c.Amount); ph != "" {
				if notCounted(f, values[ph]) {
					continue
				}
			}
			attrs = append(attrs, c.Attr.Resolve(names).String())
		}
		return attrs, true
	}
	return legacyIncrements(f, in)
}

// placeholder returns the :name an operand refers to, or "".
func placeholder(op ddbexpr.Operand) string {
	if v, ok := op.(ddbexpr.ValueRef); ok {
		return string(v)
	}
	return ""
}

// PlainSets maps each placeholder that a constant UpdateExpression assigns
// directly (SET n = :v) to the attribute it sets. It returns nil when the
// expression is not constant or does not parse.
func PlainSets(f *flow.Func, in *store.Input) map[string]string {
	s, ok := f.ConstString(in.One("UpdateExpression"))
	if !ok {
		return nil
	}
	u, err := ddbexpr.ParseUpdate(s)
	if err != nil {
		return nil
	}
	names := attrNames(f, in)
	out := make(map[string]string)
	for _, a := range u.Set {
		if ph := placeholder(a.Value); ph != "" {
			out[ph] = a.Path.Resolve(names).String()
		}
	}
	return out
}

// SetAttrs returns the attributes a constant UpdateExpression assigns
// with SET (whatever the value: a placeholder, if_not_exists, arithmetic),
// names resolved. ok is false when the expression is not constant or does
// not parse.
func SetAttrs(f *flow.Func, in *store.Input) (attrs []string, ok bool) {
	s, ok := f.ConstString(in.One("UpdateExpression"))
	if !ok {
		return nil, false
	}
	u, err := ddbexpr.ParseUpdate(s)
	if err != nil {
		return nil, false
	}
	names := attrNames(f, in)
	for _, a := range u.Set {
		attrs = append(attrs, a.Path.Resolve(names).String())
	}
	return attrs, true
}
