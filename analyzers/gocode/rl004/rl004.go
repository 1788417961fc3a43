package rl004

import (
	"fmt"
	"go/ast"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/dynamo"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/sqltext"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/hotrow"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL004"

// Analyzer reports counters that every client increments on one row.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	for _, fn := range summary.Of(pass).Funcs() {
		checkFunc(pass, fn.Flow)
	}
	return nil, nil
}

func checkFunc(pass *analysis.Pass, f *flow.Func) {
	ast.Inspect(f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		c := store.Classify(f, call)
		if c == nil {
			return true
		}
		switch c.Kind {
		case store.SQL:
			for _, st := range sqltext.Statements(f, c) {
				checkStatement(pass, f, c, st)
			}
		case store.DynamoDB:
			if c.Op == "UpdateItem" {
				checkDynamo(pass, f, c)
			}
		}
		return true
	})
}

func checkStatement(pass *analysis.Pass, f *flow.Func, c *store.Call, st *sqlfacts.Statement) {
	switch st.Kind {
	case sqlfacts.CreateTable:
		cols := make([]hotrow.Column, len(st.Columns))
		for i, col := range st.Columns {
			cols[i] = hotrow.Column{Name: col.Name, Type: col.Type}
		}
		if counter, hot := hotrow.Table(cols, st.PrimaryKey); hot {
			diag.Report(pass, id, rules.Medium, c.Expr, fmt.Sprintf(
				"CREATE TABLE %s keeps counter %s under a primary key (%s) with no client identity, time bucket or shard, so all clients write the same rows; %s",
				st.Table, counter, strings.Join(st.PrimaryKey, ", "), hotrow.Fix))
		}
	case sqlfacts.Update, sqlfacts.Upsert:
		if len(st.Increments) == 0 || st.Increments[0].Sign == 0 {
			return
		}
		preds := keyPredicates(st)
		keys := make([]hotrow.Key, len(preds))
		inside := make([]hotrow.Key, len(preds))
		for i, p := range preds {
			keys[i] = hotrow.Key{Column: p.Column, Const: constValue(f, c, p.Value)}
			inside[i] = hotrow.Key{Column: p.Column, Const: p.Value.Kind == sqlfacts.Const}
		}
		if c.Via != nil {
			// Through a wrapper: the wrapper's own statement is judged
			// where it is written; here only what the call makes of it
			// (a constant passed as the client's key).
			if _, hot := hotrow.Increment(st.Table, st.Increments[0].Column, inside); hot {
				return
			}
		}
		key, hot := hotrow.Increment(st.Table, st.Increments[0].Column, keys)
		if !hot {
			return
		}
		diag.Report(pass, id, rules.Medium, c.Expr, fmt.Sprintf(
			"%s increments %s in %s on %s, so every client writes the same row and contended transactions retry or abort; %s",
			strings.ToUpper(kindWord(st.Kind)), st.Increments[0].Column, st.Table, key, hotrow.Fix),
			diag.Through(c, "the counter is incremented")...)
	}
}

// keyPredicates are the predicates that pick the counter row: for an
// upsert the inserted values of its conflict target, otherwise the WHERE
// equalities.
func keyPredicates(st *sqlfacts.Statement) []sqlfacts.Predicate {
	if st.Kind != sqlfacts.Upsert || len(st.Conflict) == 0 {
		return st.Key
	}
	var out []sqlfacts.Predicate
	for _, p := range st.Key {
		for _, c := range st.Conflict {
			if strings.EqualFold(p.Column, c) {
				out = append(out, p)
			}
		}
	}
	return out
}

func kindWord(k sqlfacts.Kind) string {
	if k == sqlfacts.Upsert {
		return "upsert"
	}
	return "update"
}

// constValue reports whether a key value is a literal or a placeholder
// bound to a constant Go value.
func constValue(f *flow.Func, c *store.Call, v sqlfacts.Value) bool {
	switch v.Kind {
	case sqlfacts.Const:
		return true
	case sqlfacts.Param:
		e := sqltext.Param(c, v)
		if e == nil {
			return false
		}
		tv, ok := f.Info.Types[ast.Unparen(e)]
		if ok && tv.Value != nil {
			return true
		}
		_, ok = f.ConstString(e)
		return ok
	}
	return false
}

func checkDynamo(pass *analysis.Pass, f *flow.Func, c *store.Call) {
	in := store.ResolveInput(f, c.Input)
	if in == nil {
		return
	}
	attrs, ok := dynamo.Increments(f, in)
	if !ok || len(attrs) == 0 {
		return
	}
	table, _ := f.ConstString(in.One("TableName"))
	entries, ok := dynamo.MapEntries(f, in, "Key")
	if !ok {
		return
	}
	names := make([]string, 0, len(entries))
	keys := make([]hotrow.Key, 0, len(entries))
	for name, e := range entries {
		v, ok := dynamo.AttrValue(f, e)
		if !ok {
			return
		}
		names = append(names, name)
		keys = append(keys, hotrow.Key{Column: name, Const: v.Const})
	}
	key, hot := hotrow.Increment(table, attrs[0], keys)
	if !hot {
		return
	}
	sort.Strings(names)
	diag.Report(pass, id, rules.Medium, c.Expr, fmt.Sprintf(
		"UpdateItem increments %s on %s (%s), so every client writes the same item and the partition throttles; %s",
		attrs[0], key, strings.Join(names, ", "), hotrow.Fix))
}
