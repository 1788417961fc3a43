package rl013

import (
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/dynamo"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/internal/ddbexpr"
	"github.com/rlcheck/rlcheck/rules"
)

const noTTLMsg = "this DynamoDB window counter sets no TTL attribute, so its items are never deleted and the table grows with every window of every client; SET a ttl attribute (epoch seconds past the window's end) in the same write and enable TTL on the table"

// ttlNames are the attribute names of a DynamoDB item's expiry (lower
// case).
var ttlNames = map[string]bool{
	"ttl": true, "expires_at": true, "expire_at": true, "expiry": true, "expiration": true,
	"expires": true, "ttl_epoch": true, "expiresat": true, "expireat": true, "expiration_time": true,
}

// checkDynamo judges fn's DynamoDB counter writes: an UpdateItem that
// increments, or a PutItem that writes a counter attribute, of a window
// item (its key holds the current time) of a limit must set a TTL
// attribute.
func checkDynamo(pass *analysis.Pass, res *summary.Result, fn *summary.Func) {
	f := fn.Flow
	ast.Inspect(f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		c := store.Classify(f, call)
		if c == nil || c.Kind != store.DynamoDB || c.Via != nil || c.Op != "UpdateItem" && c.Op != "PutItem" {
			return true
		}
		in := store.ResolveInput(f, c.Input)
		if in == nil {
			return true
		}
		var attrs []string
		var keyField string
		if c.Op == "UpdateItem" {
			inc, ok := dynamo.Increments(f, in)
			if !ok || len(inc) == 0 {
				return true
			}
			if attrs, ok = dynamo.SetAttrs(f, in); !ok {
				return true
			}
			keyField = "Key"
		} else {
			item, ok := dynamo.MapEntries(f, in, "Item")
			if !ok {
				return true
			}
			counter := false
			for name := range item {
				attrs = append(attrs, name)
				counter = counter || counterkey.IsCounterName(name)
			}
			if !counter {
				return true
			}
			keyField = "Item"
		}
		if hasTTL(attrs) || !windowItem(f, in, keyField) || !limitWrite(res, fn, f, c, in) {
			return true
		}
		diag.Report(pass, id, rules.Low, call, noTTLMsg)
		return true
	})
}

func hasTTL(attrs []string) bool {
	for _, a := range attrs {
		if ttlNames[strings.ToLower(a)] {
			return true
		}
	}
	return false
}

// windowItem reports whether the item's key (or, for PutItem, one of its
// attributes) is built from the current time: one item per window.
func windowItem(f *flow.Func, in *store.Input, field string) bool {
	entries, ok := dynamo.MapEntries(f, in, field)
	if !ok {
		return false
	}
	timed := f.Derived(isNow(f))
	for _, v := range entries {
		if flow.Contains(v, isNow(f)) || f.Mentions(v, timed) {
			return true
		}
	}
	return false
}

// isNow matches a call of time.Now.
func isNow(f *flow.Func) func(ast.Node) bool {
	return func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := flow.Callee(f.Info, call)
		return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" && fn.Name() == "Now"
	}
}

// limitWrite reports whether a DynamoDB counter write counts a limit: its
// ConditionExpression bounds the count (hits < :limit), the function is
// rate-limit code, or the output reaches an ordered comparison.
func limitWrite(res *summary.Result, fn *summary.Func, f *flow.Func, c *store.Call, in *store.Input) bool {
	if s, ok := f.ConstString(in.One("ConditionExpression")); ok {
		if cond, err := ddbexpr.ParseCondition(s); err == nil && ddbexpr.Bounds(cond) {
			return true
		}
	}
	return fn.Limit || decided(res, fn, c.Expr, 0, false, 0)
}
