// Package rl004 implements RL004 unsharded-counter-row for Python: counter
// increments (SQL UPDATE or upsert, SQLAlchemy update(M).values(n=M.n + 1),
// DynamoDB ADD / SET n = n + :v) keyed by constants or a route name only,
// and CREATE TABLE statements of counter tables whose primary key spreads
// nothing.
package rl004

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/analyzers/python/rl002"
	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
)

// Rule is RL004 for Python.
var Rule = &pyrule.Rule{ID: "RL004", Run: run}

const fix = "key the counter by client and aligned time bucket, or shard a truly global counter into N rows with a stable shard function and sum them on read"

func run(pass *pyrule.Pass) {
	f := pass.File
	check := func(s *pyfile.Scope, calls []*pyfile.Call) {
		for _, c := range calls {
			switch c.Store() {
			case "sql":
				checkSQL(pass, s, c)
			case "dynamodb":
				checkDynamo(pass, s, c)
			}
		}
	}
	check(f.Module(), f.Module().Calls(f.Root))
	checkORM(pass, f.Module(), f.Root)
	for _, fn := range f.Functions() {
		check(fn.Scope, fn.Calls())
		checkORM(pass, fn.Scope, fn.Body())
		for _, c := range fn.Ops() {
			if c.Lifted() {
				checkPassedKey(pass, fn, c)
			}
		}
	}
}

// checkPassedKey judges an increment that a project function runs with a
// key this function passes it: bump("global") on a helper that runs
// UPDATE counters SET n = n + 1 WHERE name = %s. The finding sits on the
// constant the caller passes.
func checkPassedKey(pass *pyrule.Pass, fn *pyfile.Func, c *pyfile.Call) {
	var passed *pyast.Node // the constant this function passes
	hot := func(v *pyast.Node) bool {
		if c.Scope.IsConstant(v) {
			return true
		}
		origin, s := c.ArgOrigin(v)
		if s != fn.Scope || !s.IsConstant(origin) {
			return false
		}
		if passed == nil {
			passed = origin
		}
		return true
	}
	what := ""
	switch c.Store() {
	case "sql":
		facts, ok := c.Facts()
		if !ok {
			return
		}
		for _, st := range facts.Statements {
			if st.Kind != sqlfacts.Update && st.Kind != sqlfacts.Upsert {
				continue
			}
			inc := counted(st)
			if inc == "" || len(st.Key) == 0 {
				continue
			}
			all := true
			for _, p := range keyPredicates(st) {
				switch {
				case p.Value.Kind == sqlfacts.Const, isRoute(p.Column):
				case p.Value.Kind == sqlfacts.Param && c.BoundArg(p.Value) != nil && hot(c.BoundArg(p.Value)):
				default:
					all = false
				}
			}
			if all {
				what = fmt.Sprintf("the same %s row of %s", inc, st.Table)
				break
			}
		}
	case "dynamodb":
		if c.Method != "update_item" || c.Splat || len(rl002.Increments(c.Scope, c)) == 0 {
			return
		}
		key, ok := c.Scope.Dict(c.Kwargs["Key"])
		if !ok || len(key) == 0 {
			return
		}
		for name, v := range key {
			if !isRoute(name) && !hot(v) && !constantKeyValue(c.Scope, v) {
				return
			}
		}
		what = "the same DynamoDB item"
	}
	if what == "" || passed == nil {
		return // nothing passed from here: the helper's own finding, if any
	}
	pass.ReportFlow(passed, 0, fmt.Sprintf("every request increments %s, because this constant is its key, so all writers contend on one row and transactions retry or abort under load; %s", what, fix),
		append([]pyrule.Related{{Node: passed, Message: "the constant key is passed here"}}, pass.CallPath(c, "and the row is incremented here")...))
}

// keyPredicates returns the key predicates that pick the row: the
// conflict target of an upsert, else every key predicate.
func keyPredicates(st *sqlfacts.Statement) []sqlfacts.Predicate {
	if st.Kind != sqlfacts.Upsert || len(st.Conflict) == 0 {
		return st.Key
	}
	var out []sqlfacts.Predicate
	for _, p := range st.Key {
		if slices.Contains(st.Conflict, p.Column) {
			out = append(out, p)
		}
	}
	return out
}

func checkSQL(pass *pyrule.Pass, s *pyfile.Scope, c *pyfile.Call) {
	facts, ok := c.Facts()
	if !ok {
		return
	}
	for _, st := range facts.Statements {
		switch st.Kind {
		case sqlfacts.Update, sqlfacts.Upsert:
			if inc := counted(st); inc != "" && hotKey(s, c, st) {
				pass.Report(c.Node, 0, fmt.Sprintf("every request increments the same %s row of %s (its key is %s), so all writers contend on one row and transactions retry or abort under load; %s", inc, st.Table, describeKey(st), fix))
				return
			}
		case sqlfacts.CreateTable:
			if col := hotTable(st); col != "" {
				pass.Report(c.Node, 0, fmt.Sprintf("counter table %s is keyed by %s only, with no client, time bucket or shard column, so every client increments the same rows; %s", st.Table, col, fix))
				return
			}
		}
	}
}

// counted returns the first incremented column that names a counted
// quantity.
func counted(st *sqlfacts.Statement) string {
	for _, inc := range st.Increments {
		if inc.Sign != 0 && (counterkey.IsCounterName(inc.Column) || counterkey.IsCounterName(st.Table) || strings.Contains(st.Table, "limit")) {
			return inc.Column
		}
	}
	return ""
}

// hotKey reports whether every key predicate (or, for upserts, every
// conflict-target value) is a constant or a route name.
func hotKey(s *pyfile.Scope, c *pyfile.Call, st *sqlfacts.Statement) bool {
	key := st.Key
	if st.Kind == sqlfacts.Upsert && len(st.Conflict) > 0 {
		key = nil
		for _, p := range st.Key {
			if slices.Contains(st.Conflict, p.Column) {
				key = append(key, p)
			}
		}
	}
	if len(key) == 0 {
		return false
	}
	for _, p := range key {
		if constantValue(s, c, p.Value) {
			continue
		}
		if isRoute(p.Column) {
			continue
		}
		return false
	}
	return true
}

// isRoute reports whether a key column names an endpoint or route.
func isRoute(col string) bool {
	for _, w := range counterkey.Words(col) {
		switch w {
		case "route", "endpoint", "path", "method":
			return true
		}
	}
	return false
}

// constantValue reports whether a SQL value is a literal, or a parameter
// the call binds to a literal.
func constantValue(s *pyfile.Scope, c *pyfile.Call, v sqlfacts.Value) bool {
	switch v.Kind {
	case sqlfacts.Const:
		return true
	case sqlfacts.Param:
		arg := c.BoundArg(v)
		return arg != nil && s.IsConstant(arg)
	}
	return false
}

func describeKey(st *sqlfacts.Statement) string {
	var parts []string
	for _, p := range st.Key {
		if p.Value.Kind == sqlfacts.Const {
			parts = append(parts, fmt.Sprintf("%s = '%s'", p.Column, p.Value.Const))
		} else {
			parts = append(parts, p.Column)
		}
	}
	return strings.Join(parts, ", ")
}

// hotTable returns the primary key of a counter table when nothing in it
// spreads the writes, or "".
func hotTable(st *sqlfacts.Statement) string {
	isCounter, spreads := false, false
	for _, col := range st.Columns {
		if counterkey.IsCounterName(col.Name) && isInteger(col.Type) {
			isCounter = true
		}
	}
	if !isCounter || len(st.PrimaryKey) == 0 {
		return ""
	}
	for _, col := range st.PrimaryKey {
		if counterkey.Classify(col).Spreads() {
			return ""
		}
	}
	for _, col := range st.Columns {
		if counterkey.Classify(col.Name).Spreads() {
			spreads = true
		}
	}
	routesOnly := true
	for _, col := range st.PrimaryKey {
		if counterkey.Classify(col) != counterkey.Endpoint {
			routesOnly = false
		}
	}
	if spreads && !routesOnly {
		return "" // a surrogate key next to a client or time column
	}
	return strings.Join(st.PrimaryKey, ", ")
}

func isInteger(t string) bool {
	switch t {
	case "int2", "int4", "int8", "int", "integer", "bigint", "smallint", "numeric", "decimal", "serial", "bigserial":
		return true
	}
	return false
}

func checkDynamo(pass *pyrule.Pass, s *pyfile.Scope, c *pyfile.Call) {
	if c.Method != "update_item" || c.Splat {
		return
	}
	attrs := rl002.Increments(s, c)
	if len(attrs) == 0 {
		return
	}
	key, ok := s.Dict(c.Kwargs["Key"])
	if !ok || len(key) == 0 {
		return
	}
	for name, v := range key {
		if !constantKeyValue(s, v) && !isRoute(name) {
			return
		}
	}
	pass.Report(c.Node, 0, fmt.Sprintf("every request increments %s on the same DynamoDB item (its Key is constant), a hot partition that throttles under load; %s", attrs[0], fix))
}

// constantKeyValue accepts a literal, or a client-API {"S": literal}.
func constantKeyValue(s *pyfile.Scope, v *pyast.Node) bool {
	if s.IsConstant(v) {
		return true
	}
	d, ok := s.Dict(v)
	if !ok || len(d) != 1 {
		return false
	}
	for _, inner := range d {
		return s.IsConstant(inner)
	}
	return false
}
