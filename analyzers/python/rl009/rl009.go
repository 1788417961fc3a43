// Package rl009 implements RL009 eventually-consistent-limit-read for
// Python: a DynamoDB get_item or query whose result is compared with a limit
// and that does not ask for ConsistentRead.
package rl009

import (
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
)

// Rule is RL009 for Python.
var Rule = &pyrule.Rule{ID: "RL009", Run: run}

func run(pass *pyrule.Pass) {
	f := pass.File
	for _, fn := range f.Functions() {
		for _, c := range fn.Calls() {
			if c.Store() != "dynamodb" || (c.Method != "get_item" && c.Method != "query") || c.Splat {
				continue
			}
			if _, ok := c.Kwargs["IndexName"]; ok {
				continue // secondary indexes cannot be read consistently
			}
			if v, ok := c.Kwargs["ConsistentRead"]; ok && v.Type() != "false" {
				continue
			}
			name := f.ResultName(c.Node)
			if name == "" {
				continue
			}
			derived := f.Derived(fn.Body(), map[string]bool{name: true})
			if f.OrderedComparison(fn.Body(), derived) == nil {
				continue
			}
			pass.Report(c.Node, 0, c.Method+" reads the count that decides the limit without ConsistentRead=True, so it can return a stale value and let a burst through; pass ConsistentRead=True, or better, drop the read and enforce the limit with a conditional update_item")
		}
	}
}
