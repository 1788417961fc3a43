package rl005

import (
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/dynamo"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/sqltext"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/taint"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL005"

// Analyzer reports hash/maphash values reaching counter keys, shard
// numbers or lock ids of a shared store.
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
		checkFunc(pass, fn.Flow, fn.Parents())
	}
	return nil, nil
}

// counterOps are the Redis commands that count, read a count or lock.
var counterOps = map[string]bool{
	"Incr": true, "IncrBy": true, "IncrByFloat": true, "HIncrBy": true,
	"Decr": true, "DecrBy": true, "Get": true, "SetNX": true, "Expire": true,
	"HGet": true, "ZAdd": true, "ZCard": true, "ZCount": true,
}

func checkFunc(pass *analysis.Pass, f *flow.Func, parents map[ast.Node]ast.Node) {
	src := func(n ast.Node) bool { return taint.IsMaphash(f, n) }
	derived := f.Derived(src)
	tainted := func(e ast.Expr) bool {
		return flow.Contains(e, src) || f.Mentions(e, derived)
	}
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
		case store.Redis:
			key := c.Key()
			if key == nil {
				return true
			}
			if incrOps[c.Op] && randomShard(f, key) && decidesAlone(f, parents, call) && !sumsShards(f) {
				diag.Report(pass, id, rules.High, key,
					"counter key holds a random shard and the limit is checked on that one shard's count, so each shard allows the full limit; sum all shards before comparing, or pick the shard with a stable hash (hash/fnv, hash/crc32) of the client")
				return true
			}
			// The key is the argument after the context.
			if counterOps[c.Op] && tainted(key) {
				diag.Report(pass, id, rules.High, key,
					"redis key built from a hash/maphash value, whose seed is random per process, so each instance counts the same client under a different key; hash with hash/fnv or hash/crc32")
			}
		case store.DynamoDB:
			if c.Op != "UpdateItem" && c.Op != "GetItem" {
				return true
			}
			in := store.ResolveInput(f, c.Input)
			if in == nil {
				return true
			}
			m, ok := dynamo.MapEntries(f, in, "Key")
			if !ok {
				return true
			}
			vals := make([]ast.Expr, 0, len(m))
			for _, v := range m {
				vals = append(vals, v)
			}
			slices.SortFunc(vals, func(a, b ast.Expr) int { return int(a.Pos() - b.Pos()) })
			for _, v := range vals {
				if tainted(v) {
					diag.Report(pass, id, rules.High, v,
						"dynamodb key built from a hash/maphash value, whose seed is random per process, so each instance counts the same client under a different key; hash with hash/fnv or hash/crc32")
				}
			}
		case store.SQL:
			for _, p := range sqlKeys(f, c) {
				if tainted(p) {
					diag.Report(pass, id, rules.High, p,
						"sql parameter built from a hash/maphash value, whose seed is random per process, so each instance uses a different key or lock id for the same client; hash with hash/fnv or hash/crc32")
				}
			}
		}
		return true
	})
}

var incrOps = map[string]bool{"Incr": true, "IncrBy": true, "HIncrBy": true, "IncrByFloat": true}

// randomShard reports whether key carries a random number.
func randomShard(f *flow.Func, key ast.Expr) bool {
	return taint.Carries(f, key, taint.IsRandom)
}

// decidesAlone reports whether the increment's own result (Val, Result,
// Int64 of the command) is compared with < <= > >=: the limit check
// reads only the shard just incremented.
func decidesAlone(f *flow.Func, parents map[ast.Node]ast.Node, call *ast.CallExpr) bool {
	sel, ok := parents[call].(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Val" && sel.Sel.Name != "Result" && sel.Sel.Name != "Int64" {
		return false
	}
	res, ok := parents[sel].(*ast.CallExpr)
	if !ok {
		return false
	}
	if compared(parents, res) {
		return true
	}
	var lhs ast.Expr
	switch p := parents[res].(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && len(p.Lhs) >= 1 {
			lhs = p.Lhs[0]
		}
	case *ast.ValueSpec:
		if len(p.Names) >= 1 {
			lhs = p.Names[0]
		}
	}
	obj := f.Object(lhs)
	if obj == nil {
		return false
	}
	for _, u := range f.Uses(obj) {
		if compared(parents, u) {
			return true
		}
	}
	return false
}

func compared(parents map[ast.Node]ast.Node, e ast.Node) bool {
	b, ok := parents[e].(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch b.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}

// sumsShards reports whether the function reads counts in a loop or with
// MGet: the limit check sums the shards.
func sumsShards(f *flow.Func) bool {
	found := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if flow.Contains(n, func(m ast.Node) bool {
				call, ok := m.(*ast.CallExpr)
				if !ok {
					return false
				}
				c := store.Classify(f, call)
				return c != nil && c.Kind == store.Redis
			}) {
				found = true
			}
		case *ast.CallExpr:
			if c := store.Classify(f, n); c != nil && c.Kind == store.Redis && (c.Op == "MGet" || c.Op == "Eval" || c.Op == "EvalSha") {
				found = true
			}
		}
		return !found
	})
	return found
}

// sqlKeys returns the bind arguments a constant SQL text uses as a key
// (WHERE equalities, inserted values of an upsert that increments) or,
// when it takes an advisory lock, all of them.
func sqlKeys(f *flow.Func, c *store.Call) []ast.Expr {
	var out []ast.Expr
	for _, st := range sqltext.Statements(f, c) {
		if st.AdvisoryLock {
			var out []ast.Expr
			for _, p := range c.Params {
				if p != nil {
					out = append(out, p)
				}
			}
			return out
		}
		if st.Kind == sqlfacts.Insert && len(st.Increments) == 0 {
			// A plain insert stores the value; it keys no counter.
			continue
		}
		out = append(out, sqltext.KeyArgs(c, st)...)
	}
	return out
}
