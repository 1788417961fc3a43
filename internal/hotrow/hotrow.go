// Package hotrow decides RL004 (unsharded-counter-row) from
// language-neutral facts: whether a counter increment, or a counter
// table, makes every client write the same row (or DynamoDB item). The Go
// and the Python engines read the statement or the call their own way
// and ask here, so that a key reads the same in both.
package hotrow

import (
	"strings"

	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// Fix is the fix RL004's messages name.
const Fix = "key the counter by client and aligned time bucket, and shard a truly global counter into N rows with a stable shard function, summing on read"

// Key is one part of the key that picks a counter's row: its column (or
// attribute) name, and whether the value given to it is a constant.
type Key struct {
	Column string
	Const  bool
}

// Increment decides an increment of counter column in table whose row is
// picked by keys. It returns what the key is ("a constant key", "a key of
// endpoint names only") and true when every client writes the same row:
// each key part is a constant or names an endpoint (a route, an action),
// none a client, a time bucket or a shard. A column or table that does
// not name a counter is not judged.
func Increment(table, column string, keys []Key) (string, bool) {
	if len(keys) == 0 || !counterkey.IsCounterName(column) && !CounterTable(table) {
		return "", false
	}
	key := "a constant key"
	for _, k := range keys {
		if k.Const {
			continue
		}
		if counterkey.Classify(k.Column) != counterkey.Endpoint {
			return "", false
		}
		key = "a key of endpoint names only"
	}
	return key, true
}

// Column is a column of a CREATE TABLE.
type Column struct {
	Name string
	Type string
}

// Table decides a CREATE TABLE: it returns its first counter column and
// true when the table keeps counters under a primary key with no client
// identity, time bucket or shard. A surrogate key (id) next to a client
// column may still key one row per client: only a key of endpoint names,
// or a table with no client, time or shard column at all, is a shared
// row.
func Table(columns []Column, primaryKey []string) (string, bool) {
	var counters []string
	spreads := false
	for _, col := range columns {
		if CounterColumn(col.Name) && IsInteger(col.Type) {
			counters = append(counters, col.Name)
		}
		spreads = spreads || counterkey.Classify(col.Name).Spreads()
	}
	if len(counters) == 0 || len(primaryKey) == 0 {
		return "", false
	}
	endpointsOnly := true
	for _, k := range primaryKey {
		role := counterkey.Classify(k)
		if role.Spreads() {
			return "", false
		}
		endpointsOnly = endpointsOnly && role == counterkey.Endpoint
	}
	if !endpointsOnly && spreads {
		return "", false
	}
	return counters[0], true
}

// CounterColumn reports whether a column names a counted quantity by its
// last word (request_count, tokensUsed, hits), which leaves out
// request_id and order totals.
func CounterColumn(name string) bool {
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

// CounterTable reports whether a table name says it holds rate-limit
// counters.
func CounterTable(name string) bool {
	name = strings.ToLower(name)
	for _, w := range []string{"limit", "counter", "quota", "usage", "throttle", "hits"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// IsInteger reports whether a SQL column type is an integer type.
func IsInteger(typ string) bool {
	switch strings.ToLower(typ) {
	case "int", "integer", "bigint", "smallint", "int2", "int4", "int8",
		"serial", "bigserial", "smallserial":
		return true
	}
	return false
}
