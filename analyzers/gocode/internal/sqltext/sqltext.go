// Package sqltext reads the SQL text of a recognised SQL call and maps the
// statement's placeholders back to the call's bind arguments.
package sqltext

import (
	"go/ast"
	"slices"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
)

// Statements parses the call's SQL text when it is a constant string (or
// the text a wrapper runs); it returns nil for dynamic SQL or text that
// does not parse.
func Statements(f *flow.Func, c *store.Call) []*sqlfacts.Statement {
	if c.Kind != store.SQL {
		return nil
	}
	s, ok := c.SQLText(f)
	if !ok {
		return nil
	}
	facts, err := sqlfacts.Analyze(s)
	if err != nil || facts == nil {
		return nil
	}
	return facts.Statements
}

// Param returns the bind argument a placeholder value refers to ($1, or
// the n-th ?), or nil for other values and named placeholders (:name is
// bound from a struct or map, not by position).
func Param(c *store.Call, v sqlfacts.Value) ast.Expr {
	if v.Kind != sqlfacts.Param || v.ParamName != "" || v.Param < 1 || v.Param > len(c.Params) {
		return nil
	}
	return c.Params[v.Param-1]
}

// KeyArgs returns the bind arguments st uses as its key: the values of its
// key predicates, for an upsert only those of its conflict target (the
// other inserted values are data, an updated_at).
func KeyArgs(c *store.Call, st *sqlfacts.Statement) []ast.Expr {
	var out []ast.Expr
	for _, p := range st.Key {
		if st.Kind == sqlfacts.Upsert && !slices.Contains(st.Conflict, p.Column) {
			continue
		}
		if e := Param(c, p.Value); e != nil {
			out = append(out, e)
		}
	}
	return out
}
