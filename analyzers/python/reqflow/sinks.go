package reqflow

import (
	"fmt"
	"slices"
	"sort"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
)

// CounterSinks returns the values the datastore calls of fn count under:
// the keys of counter increments and their window values, each with the
// call that counts.
func CounterSinks(fn *pyfile.Func) []Sink { return directSinks(fn) }

// directSinks returns the values the datastore calls of fn count under,
// computed once per function (the summaries' fixpoint asks every round);
// the slice is clipped, so callers may append to it.
func directSinks(fn *pyfile.Func) []Sink {
	return fn.File.Memo(fmt.Sprint("reqflow.directSinks:", fn.Node.StartByte()), func() any {
		return slices.Clip(findDirectSinks(fn))
	}).([]Sink)
}

func findDirectSinks(fn *pyfile.Func) []Sink {
	out := counterSinks(fn)
	limit := limitCode(fn)
	logCounted := false // a sliding log's count (zcard, zcount) is compared
	for _, c := range fn.Calls() {
		if c.Store() == "redis" && (c.Method == "zcard" || c.Method == "zcount") && resultOrdered(fn, c.Node) {
			logCounted = true
		}
	}
	for i := range out {
		c := out[i].Call
		out[i].Limit = limit || resultOrdered(fn, c.Node) || mentionsLimit(fn.File, c.Node) ||
			pyfile.RedisLog(c.Method) && logCounted || c.Store() == "sql" && cursorOrdered(fn, c.Node)
	}
	for _, load := range fn.DjangoCounterLoads() {
		what := "a lookup value of the Django counter " + fn.File.Text(load.ChildByFieldName("function"))
		for _, k := range fn.Scope.DjangoLoadKeys(load) {
			out = append(out, Sink{Node: k, Role: Key, What: what, Limit: limit || resultOrdered(fn, load)})
		}
	}
	return out
}

// cursorOrdered reports whether fn orders what the cursor of a SQL call
// fetches (cur.execute(...); cur.fetchone()[0] > limit).
func cursorOrdered(fn *pyfile.Func, call *pyast.Node) bool {
	f := fn.File
	callee := call.ChildByFieldName("function")
	if callee == nil || callee.Type() != "attribute" {
		return false
	}
	recv := callee.ChildByFieldName("object")
	if recv == nil || recv.Type() != "identifier" {
		return false
	}
	body := fn.Node.ChildByFieldName("body")
	return f.OrderedComparison(body, f.Derived(body, map[string]bool{f.Text(recv): true})) != nil
}

// limitCode reports whether fn is named for limiting (allow, limit,
// throttle, quota, bucket). Answering 429 is not enough: a handler with a
// limit may count page views too.
func limitCode(fn *pyfile.Func) bool { return counterkey.IsLimitFunc(fn.Name()) }

// mentionsLimit reports whether a string in call (a key prefix such as
// "rl:", SQL text naming rate_limits), or assigned anywhere in the file to
// a name the call reads (key = f"rl:{ip}", table = dynamodb.Table("quotas")),
// speaks of a limit.
func mentionsLimit(f *pyfile.File, call *pyast.Node) bool {
	names := make(map[string]bool)
	found := false
	pyfile.Walk(call, func(n *pyast.Node) bool {
		switch n.Type() {
		case "string":
			found = found || counterkey.MentionsLimit(f.Text(n))
		case "identifier":
			names[f.Text(n)] = true
		}
		return !found
	})
	if found {
		return true
	}
	pyfile.Walk(f.Root, func(n *pyast.Node) bool {
		if found {
			return false
		}
		if n.Type() != "assignment" {
			return true
		}
		left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
		if left == nil || right == nil || left.Type() != "identifier" || !names[f.Text(left)] {
			return true
		}
		pyfile.Walk(right, func(m *pyast.Node) bool {
			found = found || m.Type() == "string" && counterkey.MentionsLimit(f.Text(m))
			return !found
		})
		return !found
	})
	return found
}

// resultOrdered reports whether fn orders what call returns against
// something (hits > limit), inline or through the names it is assigned to.
func resultOrdered(fn *pyfile.Func, call *pyast.Node) bool {
	f := fn.File
	for n, p := call, call.Parent(); p != nil; n, p = p, p.Parent() {
		switch p.Type() {
		case "await", "parenthesized_expression", "subscript", "attribute":
			continue
		case "call":
			if p.ChildByFieldName("function").Equal(n) {
				continue
			}
		case "comparison_operator":
			if f.Orders(p) {
				return true
			}
		}
		break
	}
	name := f.ResultName(call)
	if name == "" {
		return false
	}
	body := fn.Node.ChildByFieldName("body")
	return f.OrderedComparison(body, f.Derived(body, map[string]bool{name: true})) != nil
}

// counterSinks returns the values the datastore calls of fn count under.
func counterSinks(fn *pyfile.Func) []Sink {
	var out []Sink
	s := fn.Scope
	slidingLog := false
	for _, c := range fn.Calls() {
		if c.Store() == "redis" && (c.Method == "zcard" || c.Method == "zcount") {
			slidingLog = true
		}
	}
	for _, c := range fn.Calls() {
		switch c.Store() {
		case "dynamodb":
			if c.Method != "update_item" || c.Splat || len(c.Increments()) == 0 {
				continue
			}
			out = append(out, dictSinks(s, c, c.Kwargs["Key"], Key, "the Key of the counter update")...)
			out = append(out, dictSinks(s, c, c.Kwargs["ExpressionAttributeValues"], Window, "a value of the counter update")...)
		case "redis":
			switch {
			case pyfile.RedisScriptCall(c):
				// a Lua limiter counts under the KEYS it is given
				if c.LuaCounts() {
					for _, k := range c.ScriptKeys() {
						out = append(out, Sink{Node: k, Role: Key, What: "a key of the Lua script", Call: c})
					}
				}
			case len(c.Args) == 0:
			case pyfile.RedisCounter(c.Method):
				out = append(out, Sink{Node: c.Args[0], Role: Key, What: "the key of " + c.Method, Call: c})
			case pyfile.RedisLog(c.Method) && slidingLog:
				out = append(out, Sink{Node: c.Args[0], Role: Key, What: "the key of " + c.Method, Call: c})
				for _, a := range c.Args[1:] {
					out = append(out, Sink{Node: a, Role: Window, What: "a score of " + c.Method, Call: c})
				}
			}
		case "sql":
			facts, ok := c.Facts()
			if !ok {
				continue
			}
			for _, st := range facts.Statements {
				if !st.WritesCounter() {
					continue
				}
				for _, p := range st.Key {
					if p.Value.Kind != sqlfacts.Param {
						continue
					}
					if arg := c.BoundArg(p.Value); arg != nil {
						out = append(out, Sink{Node: arg, Role: Key, What: "the " + p.Column + " key of the SQL counter write", Call: c})
					}
				}
			}
		}
	}
	return out
}

// dictSinks returns the values of a dict argument, in source order, or
// the argument itself when it is not a dict display.
func dictSinks(s *pyfile.Scope, c *pyfile.Call, arg *pyast.Node, role Role, what string) []Sink {
	if arg == nil {
		return nil
	}
	d, ok := s.Dict(arg)
	if !ok {
		return []Sink{{Node: arg, Role: role, What: what, Call: c}}
	}
	var out []Sink
	for _, v := range d {
		out = append(out, Sink{Node: v, Role: role, What: what, Call: c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Node.StartByte() < out[j].Node.StartByte() })
	return out
}
