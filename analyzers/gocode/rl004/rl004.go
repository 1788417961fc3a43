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
	"github.com/rlcheck/rlcheck/internal/counterkey"
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

const fix = "key the counter by client and aligned time bucket, and shard a truly global counter into N rows with a stable shard function, summing on read"

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
		var counters []string
		spreads := false
		for _, col := range st.Columns {
			if counterColumn(col.Name) && isInteger(col.Type) {
				counters = append(counters, col.Name)
			}
			spreads = spreads || counterkey.Classify(col.Name).Spreads()
		}
		if len(counters) == 0 || len(st.PrimaryKey) == 0 {
			return
		}
		endpointsOnly := true
		for _, k := range st.PrimaryKey {
			role := counterkey.Classify(k)
			if role.Spreads() {
				return
			}
			endpointsOnly = endpointsOnly && role == counterkey.Endpoint
		}
		// A surrogate key (id) next to a client column may still key one
		// row per client: only a key of endpoint names, or a table with no
		// client, time or shard column at all, is a shared row.
		if !endpointsOnly && spreads {
			return
		}
		diag.Report(pass, id, rules.Medium, c.Expr, fmt.Sprintf(
			"CREATE TABLE %s keeps counter %s under a primary key (%s) with no client identity, time bucket or shard, so all clients write the same rows; %s",
			st.Table, counters[0], strings.Join(st.PrimaryKey, ", "), fix))
	case sqlfacts.Update, sqlfacts.Upsert:
		if len(st.Increments) == 0 || st.Increments[0].Sign == 0 || len(keyPredicates(st)) == 0 {
			return
		}
		if !counterkey.IsCounterName(st.Increments[0].Column) && !counterTable(st.Table) {
			return
		}
		key := "a constant key"
		for _, p := range keyPredicates(st) {
			if constValue(f, c, p.Value) {
				continue
			}
			if counterkey.Classify(p.Column) != counterkey.Endpoint {
				return
			}
			key = "a key of endpoint names only"
		}
		diag.Report(pass, id, rules.Medium, c.Expr, fmt.Sprintf(
			"%s increments %s in %s on %s, so every client writes the same row and contended transactions retry or abort; %s",
			strings.ToUpper(kindWord(st.Kind)), st.Increments[0].Column, st.Table, key, fix))
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
	if !counterkey.IsCounterName(attrs[0]) && !counterTable(table) {
		return
	}
	keys, ok := dynamo.MapEntries(f, in, "Key")
	if !ok || len(keys) == 0 {
		return
	}
	names := make([]string, 0, len(keys))
	key := "a constant key"
	for name, e := range keys {
		v, ok := dynamo.AttrValue(f, e)
		if !ok || !v.Const && counterkey.Classify(name) != counterkey.Endpoint {
			return
		}
		if !v.Const {
			key = "a key of endpoint names only"
		}
		names = append(names, name)
	}
	sort.Strings(names)
	diag.Report(pass, id, rules.Medium, c.Expr, fmt.Sprintf(
		"UpdateItem increments %s on %s (%s), so every client writes the same item and the partition throttles; %s",
		attrs[0], key, strings.Join(names, ", "), fix))
}

// counterColumn reports whether a CREATE TABLE column names a counted
// quantity by its last word (request_count, tokensUsed, hits), which
// leaves out request_id and order totals.
func counterColumn(name string) bool {
	words := counterkey.Words(name)
	if len(words) == 0 {
		return false
	}
	switch words[len(words)-1] {
	case "count", "counter", "hits", "requests", "tokens", "used", "calls",
		"attempts", "usage", "consumed", "quota":
		return true
	}
	return false
}

// counterTable reports whether a table name says it holds rate-limit
// counters.
func counterTable(name string) bool {
	name = strings.ToLower(name)
	for _, w := range []string{"limit", "counter", "quota", "usage", "throttle", "hits"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// isInteger reports whether a column type is an integer type.
func isInteger(typ string) bool {
	switch strings.ToLower(typ) {
	case "int", "integer", "bigint", "smallint", "int2", "int4", "int8",
		"serial", "bigserial", "smallserial":
		return true
	}
	return false
}
