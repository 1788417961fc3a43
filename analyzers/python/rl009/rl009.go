// Package rl009 implements RL009 eventually-consistent-limit-read for
// Python: a DynamoDB get_item or query whose result decides a limit (here,
// in a caller, or in the function that reads it for this one) and that does
// not ask for ConsistentRead.
package rl009

import (
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
)

// Rule is RL009 for Python.
var Rule = &pyrule.Rule{ID: "RL009", Run: run}

const msg = " reads the count that decides the limit without ConsistentRead=True, so it can return a stale value and let a burst through; pass ConsistentRead=True, or better, drop the read and enforce the limit with a conditional update_item"

func run(pass *pyrule.Pass) {
	for _, fn := range pass.File.Functions() {
		for _, c := range fn.Ops() {
			if c.Store() != "dynamodb" || (c.Method != "get_item" && c.Method != "query") || c.Splat {
				continue
			}
			if _, ok := c.Kwargs["IndexName"]; ok {
				continue // secondary indexes cannot be read consistently
			}
			if v, ok := c.Kwargs["ConsistentRead"]; ok && v.Type() != "false" {
				continue
			}
			if c.Lifted() && !c.Returned || !fn.IsLimitOp(c) {
				continue
			}
			// The finding sits on the read, where ConsistentRead goes.
			pass.ReportFlow(c.Node, 0, c.Method+msg, pass.CallPath(c, "the stale count is read here"))
		}
	}
}
