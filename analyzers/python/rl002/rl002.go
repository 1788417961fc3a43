// Package rl002 implements RL002 dynamodb-unconditional-counter-update for
// Python: a DynamoDB update_item that increments a counter with no
// ConditionExpression (nor legacy Expected), through boto3 or aioboto3
// clients and Table resources, and PynamoDB model updates that add to a
// number attribute with no condition.
package rl002

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/internal/ddbexpr"
	"github.com/rlcheck/rlcheck/rules"
)

// Rule is RL002 for Python.
var Rule = &pyrule.Rule{ID: "RL002", Run: run}

func run(pass *pyrule.Pass) {
	f := pass.File
	for _, fn := range f.Functions() {
		for _, c := range fn.Calls() {
			check(pass, fn.Scope, fn.Body(), c)
		}
	}
	for _, c := range f.Module().Calls(f.Root) {
		check(pass, f.Module(), f.Root, c)
	}
	runPynamo(pass)
}

func check(pass *pyrule.Pass, s *pyfile.Scope, body *pyast.Node, c *pyfile.Call) {
	if c.Store() != "dynamodb" || c.Method != "update_item" || c.Splat {
		return
	}
	attrs := Increments(s, c)
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
		if target := pass.File.ResultName(c.Node); target != "" {
			if pass.File.Compared(body, pass.File.Derived(body, map[string]bool{target: true})) != nil {
				pass.Report(c.Node, rules.Medium, fmt.Sprintf(
					"update_item increments %s with no ConditionExpression and compares the returned count afterwards: the limit holds, but every rejected request still writes; move the check into %s and treat ConditionalCheckFailedException as the limit being reached", attr, cond))
				return
			}
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

// Increments returns the attributes an update_item call increments: the
// counter changes of its UpdateExpression with a positive sign (ADD of a
// negative literal is a decrement), or legacy AttributeUpdates with
// Action ADD. Names written as #placeholders are resolved through
// ExpressionAttributeNames when it is a literal.
func Increments(s *pyfile.Scope, c *pyfile.Call) []string {
	var out []string
	if expr, ok := c.Kwargs["UpdateExpression"]; ok {
		text, ok := s.Constant(expr)
		if !ok {
			return nil
		}
		u, err := ddbexpr.ParseUpdate(text)
		if err != nil {
			return nil
		}
		names := stringDict(s, c.Kwargs["ExpressionAttributeNames"])
		values, _ := s.Dict(c.Kwargs["ExpressionAttributeValues"])
		for _, ch := range u.Counters() {
			if ch.Sign <= 0 {
				continue
			}
			if ref, ok := ch.Amount.(ddbexpr.ValueRef); ok && negative(s, values[string(ref)]) {
				continue
			}
			out = append(out, ch.Attr.Resolve(names).String())
		}
		return out
	}
	updates, ok := s.Dict(c.Kwargs["AttributeUpdates"])
	if !ok {
		return nil
	}
	for name, spec := range updates {
		d, ok := s.Dict(spec)
		if !ok {
			continue
		}
		if action, _ := s.String(d["Action"]); action == "ADD" && !negative(s, d["Value"]) {
			out = append(out, name)
		}
	}
	return out
}

// negative reports whether a value literal is a negative number: -1, or a
// client-API {"N": "-1"}.
func negative(s *pyfile.Scope, n *pyast.Node) bool {
	if n == nil {
		return false
	}
	if v, ok := s.Int(n); ok {
		return v < 0
	}
	if d, ok := s.Dict(n); ok {
		if num, ok := s.String(d["N"]); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			return err == nil && v < 0
		}
	}
	return false
}

func stringDict(s *pyfile.Scope, n *pyast.Node) map[string]string {
	d, _ := s.Dict(n)
	out := make(map[string]string, len(d))
	for k, v := range d {
		if str, ok := s.String(v); ok {
			out[k] = str
		}
	}
	return out
}
