// Package rl016 implements RL016 invalid-dynamodb-expression for Python:
// DynamoDB expressions passed to boto3 or aioboto3 that DynamoDB rejects at
// run time, checked with the ddbexpr parser.
package rl016

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/internal/ddbexpr"
	"github.com/rlcheck/rlcheck/rules"
)

// Rule is RL016 for Python.
var Rule = &pyrule.Rule{ID: "RL016", Run: run}

// methods are the DynamoDB operations that take expressions.
var methods = map[string]bool{
	"update_item": true, "put_item": true, "delete_item": true, "get_item": true,
	"query": true, "scan": true,
}

// expressionKinds lists the expression arguments in the order they are
// checked.
var expressionKinds = []string{"UpdateExpression", "ConditionExpression", "KeyConditionExpression", "FilterExpression", "ProjectionExpression"}

func run(pass *pyrule.Pass) {
	f := pass.File
	check := func(decides bool, calls []*pyfile.Call, s *pyfile.Scope) {
		for _, c := range calls {
			if c.Store() == "dynamodb" && methods[c.Method] && !c.Splat {
				checkCall(pass, s, c, decides)
			}
		}
	}
	check(false, f.Module().Calls(f.Root), f.Module())
	for _, fn := range f.Functions() {
		check(f.Mentions429(fn.Body()), fn.Calls(), fn.Scope)
	}
}

// parsed is one expression argument of a call.
type parsed struct {
	kw     string
	node   *pyast.Node
	refs   ddbexpr.Refs
	update *ddbexpr.Update
}

func checkCall(pass *pyrule.Pass, s *pyfile.Scope, c *pyfile.Call, decides bool) {
	var exprs []parsed
	complete := true // every expression argument was read
	counter := false
	for _, kw := range expressionKinds {
		node, ok := c.Kwargs[kw]
		if !ok {
			continue
		}
		text, ok := s.Constant(node)
		if !ok {
			complete = false // a conditions object or a run-time string
			continue
		}
		p, err := parse(kw, text)
		if err != nil {
			complete = false
			exprs = append(exprs, parsed{kw: kw, node: node})
			pass.Report(node, severity(decides || mentionsCounter(text)), fmt.Sprintf("DynamoDB rejects this %s on every call (%s), so the operation always fails; fix the expression", kw, describe(err)))
			continue
		}
		p.node = node
		exprs = append(exprs, p)
		if p.update != nil && len(p.update.Counters()) > 0 {
			counter = true
		}
	}
	high := decides || counter
	for _, p := range exprs {
		for _, w := range p.refs.Reserved {
			pass.Report(p.node, severity(high || counterkey.IsCounterName(w.Text)), fmt.Sprintf(
				"%s uses the reserved word %s as an attribute name, which DynamoDB rejects on every call; write #%s and pass ExpressionAttributeNames={\"#%s\": \"%s\"}",
				p.kw, w.Text, strings.ToLower(w.Text), strings.ToLower(w.Text), w.Text))
		}
		if p.update != nil {
			if a, b, ok := conflict(p.update, stringMap(s, c.Kwargs["ExpressionAttributeNames"])); ok {
				pass.Report(p.node, severity(high), fmt.Sprintf("UpdateExpression updates %s and %s in one call, which DynamoDB rejects as overlapping paths; update each attribute once", a, b))
			}
		}
	}
	if complete && len(exprs) > 0 {
		checkPlaceholders(pass, s, c, exprs, severity(high))
	}
}

func parse(kw, text string) (parsed, error) {
	p := parsed{kw: kw}
	var err error
	switch kw {
	case "UpdateExpression":
		p.update, err = ddbexpr.ParseUpdate(text)
		if err == nil {
			p.refs = p.update.Refs()
		}
	case "KeyConditionExpression":
		if _, err = ddbexpr.ParseKeyCondition(text); err == nil {
			_, p.refs, err = ddbexpr.ParseConditionRefs(text)
		}
	case "ProjectionExpression":
		_, p.refs, err = ddbexpr.ParseProjectionRefs(text)
	default:
		_, p.refs, err = ddbexpr.ParseConditionRefs(text)
	}
	return p, err
}

func describe(err error) string {
	if e, ok := err.(*ddbexpr.Error); ok {
		return fmt.Sprintf("at byte %d: %s", e.Offset+1, e.Msg)
	}
	return err.Error()
}

func mentionsCounter(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		if counterkey.IsCounterName(w) {
			return true
		}
	}
	return false
}

func severity(ratePath bool) rules.Severity {
	if ratePath {
		return rules.High
	}
	return rules.Medium
}

// checkPlaceholders compares the placeholders the expressions use with the
// literal ExpressionAttributeValues and ExpressionAttributeNames.
func checkPlaceholders(pass *pyrule.Pass, s *pyfile.Scope, c *pyfile.Call, exprs []parsed, sev rules.Severity) {
	for _, kind := range []struct {
		kw   string
		used func(ddbexpr.Refs) []string
	}{
		{"ExpressionAttributeValues", func(r ddbexpr.Refs) []string { return r.Values }},
		{"ExpressionAttributeNames", func(r ddbexpr.Refs) []string { return r.Names }},
	} {
		var used []string
		for _, p := range exprs {
			for _, u := range kind.used(p.refs) {
				if !slices.Contains(used, u) {
					used = append(used, u)
				}
			}
		}
		node, present := c.Kwargs[kind.kw]
		defined := map[string]*pyast.Node{}
		if present {
			d, ok := s.Dict(node)
			if !ok {
				continue // built at run time: not judged
			}
			defined = d
		}
		for _, u := range used {
			if _, ok := defined[u]; !ok {
				pass.Report(where(c, exprs, u), sev, fmt.Sprintf("%s is used in the expression but not defined in %s, so DynamoDB rejects the call; define it or remove it", u, kind.kw))
			}
		}
		var unused []string
		for k := range defined {
			if !slices.Contains(used, k) {
				unused = append(unused, k)
			}
		}
		slices.Sort(unused)
		for _, k := range unused {
			pass.Report(node, sev, fmt.Sprintf("%s defines %s, which no expression uses, so DynamoDB rejects the call; remove it or use it", kind.kw, k))
		}
	}
}

// where returns the expression argument that uses placeholder u.
func where(c *pyfile.Call, exprs []parsed, u string) *pyast.Node {
	for _, p := range exprs {
		if slices.Contains(p.refs.Values, u) || slices.Contains(p.refs.Names, u) {
			return p.node
		}
	}
	return c.Node
}

// conflict returns the first two paths of the update that are the same or
// overlap. Map-versus-list shape conflicts are left out: DynamoDB's
// documentation does not confirm them.
func conflict(u *ddbexpr.Update, names map[string]string) (string, string, bool) {
	for _, c := range u.Conflicts(names) {
		if c.Kind != ddbexpr.Shape {
			return c.First.String(), c.Second.String(), true
		}
	}
	return "", "", false
}

func stringMap(s *pyfile.Scope, n *pyast.Node) map[string]string {
	d, _ := s.Dict(n)
	out := make(map[string]string, len(d))
	for k, v := range d {
		if str, ok := s.String(v); ok {
			out[k] = str
		}
	}
	return out
}
