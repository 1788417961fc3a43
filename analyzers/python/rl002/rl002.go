// Package rl002 implements RL002 dynamodb-unconditional-counter-update for
// Python: a DynamoDB update_item that increments a counter with no
// ConditionExpression (nor legacy Expected), through boto3 or aioboto3
// clients and Table resources, and PynamoDB model updates that add to a
// number attribute with no condition.
package rl002

import (
	"fmt"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/rules"
)

// Rule is RL002 for Python.
var Rule = &pyrule.Rule{ID: "RL002", Run: run}

func run(pass *pyrule.Pass) {
	f := pass.File
	for _, fn := range f.Functions() {
		for _, c := range fn.Calls() {
			check(pass, fn, fn.Scope, fn.Body(), c)
		}
	}
	for _, c := range f.Module().Calls(f.Root) {
		check(pass, nil, f.Module(), f.Root, c)
	}
	runPynamo(pass)
}

// check judges one update_item of fn (nil at module level).
func check(pass *pyrule.Pass, fn *pyfile.Func, s *pyfile.Scope, body *pyast.Node, c *pyfile.Call) {
	if c.Store() != "dynamodb" || c.Method != "update_item" || c.Splat {
		return
	}
	attrs := c.Increments()
	if len(attrs) == 0 {
		return
	}
	for _, guard := range []string{"ConditionExpression", "Expected", "ConditionalOperator"} {
		if _, ok := c.Kwargs[guard]; ok {
			return
		}
	}
	attr := attrs[0]
	cond := fmt.Sprintf("ConditionExpression=\"attribute_not_exists(%s) OR %s < :limit\"", attr, attr)
	if returnsNew(s, c) {
		compared := false
		if target := pass.File.ResultName(c.Node); target != "" {
			compared = pass.File.Compared(body, pass.File.Derived(body, map[string]bool{target: true})) != nil
		}
		if compared || fn != nil && fn.DecidedOn(c) { // here, or by a caller of the function that returns it
			pass.Report(c.Node, rules.Medium, fmt.Sprintf(
				"update_item increments %s with no ConditionExpression and compares the returned count afterwards: the limit holds, but every rejected request still writes; move the check into %s and treat ConditionalCheckFailedException as the limit being reached", attr, cond))
			return
		}
	}
	pass.Report(c.Node, rules.High, fmt.Sprintf(
		"update_item increments %s with no ConditionExpression, so nothing enforces the limit; add %s and treat ConditionalCheckFailedException as the limit being reached", attr, cond))
}

// returnsNew reports whether the update asks for the new value.
func returnsNew(s *pyfile.Scope, c *pyfile.Call) bool {
	v, ok := s.String(c.Kwargs["ReturnValues"])
	return ok && (v == "UPDATED_NEW" || v == "ALL_NEW")
}
