// Package incrkey finds the key expressions of counter increments: the
// values that name the counter a rate limit counts in, for the rules that
// judge where a key comes from.
package incrkey

import (
	"go/ast"
	"sort"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/dynamo"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/sqltext"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
)

// redisIncrements are the Redis commands that increment the counter under
// their key argument.
var redisIncrements = map[string]bool{
	"Incr": true, "IncrBy": true, "IncrByFloat": true, "HIncrBy": true,
}

// writeOps are the store operations that write a counter whatever their
// key: Redis increments, decrements, sorted-set logs and scripts,
// DynamoDB writes.
var writeOps = map[string]bool{
	"Decr": true, "DecrBy": true, "ZAdd": true, "ZAddNX": true, "ZRemRangeByScore": true,
	"Eval": true, "EvalSha": true, "UpdateItem": true, "PutItem": true, "TransactWriteItems": true,
}

// Writes reports whether c writes a counter: an operation that counts
// whatever its key (INCR, DECR, ZADD, a script, a DynamoDB write), or one
// with counter keys (a SQL counter write).
func Writes(f *flow.Func, c *store.Call) bool {
	return redisIncrements[c.Op] || writeOps[c.Op] || len(Keys(f, c)) > 0
}

// Keys returns the key expressions of c when it writes a counter: the key
// of a Redis INCR family command, the KEYS of a Lua script that runs
// INCR; the bind arguments of the key predicates
// of a SQL statement that increments a column or sets a counter-named one
// (UPDATE ... SET count = $1, the write of a read-then-write), for an
// upsert its conflict target only; the Key values of a DynamoDB
// UpdateItem that adds. It returns nil for any other call.
func Keys(f *flow.Func, c *store.Call) []ast.Expr {
	switch c.Kind {
	case store.Redis:
		if k := c.Key(); redisIncrements[c.Op] && k != nil {
			return []ast.Expr{k}
		}
		if c.Op == "Eval" && len(c.Args) >= 2 {
			return scriptKeys(f, c.Args[0], c.Args[1])
		}
	case store.SQL:
		return sqlKeys(f, c)
	case store.DynamoDB:
		return dynamoKeys(f, c)
	}
	return nil
}

func sqlKeys(f *flow.Func, c *store.Call) []ast.Expr {
	var out []ast.Expr
	for _, st := range sqltext.Statements(f, c) {
		if st.WritesCounter() {
			out = append(out, sqltext.KeyArgs(c, st)...)
		}
	}
	return out
}

func dynamoKeys(f *flow.Func, c *store.Call) []ast.Expr {
	if c.Op != "UpdateItem" {
		return nil
	}
	in := store.ResolveInput(f, c.Input)
	if in == nil {
		return nil
	}
	attrs, ok := dynamo.Increments(f, in)
	if !ok || len(attrs) == 0 {
		if b := dynamo.Built(f, in); b == nil || len(b.Adds) == 0 {
			return nil
		}
	}
	m, ok := dynamo.MapEntries(f, in, "Key")
	if !ok {
		return nil
	}
	out := make([]ast.Expr, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}

// scriptKeys returns the keys passed to rdb.Eval(ctx, script, keys, ...)
// when the script is a constant that increments (INCR, INCRBY, HINCRBY)
// and the keys a literal list.
func scriptKeys(f *flow.Func, scriptArg, keysArg ast.Expr) []ast.Expr {
	script, ok := f.ConstString(scriptArg)
	if !ok || !strings.Contains(strings.ToUpper(script), "INCR") {
		return nil
	}
	lit, ok := ast.Unparen(keysArg).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	return lit.Elts
}
