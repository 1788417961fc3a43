// Package rl006 implements RL006 unaligned-window-key for Python: counter
// keys and window buckets built from the raw current time, with no floor
// division by the window.
package rl006

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
)

// Rule is RL006 for Python.
var Rule = &pyrule.Rule{ID: "RL006", Run: run}

// clocks are the calls that return the current time.
var clocks = map[string]bool{
	"time.time": true, "time.time_ns": true, "time.monotonic": true,
	"datetime.datetime.now": true, "datetime.datetime.utcnow": true,
}

const msg = "the counter's window is keyed by the raw current time, so every second gets a new key and no key ever reaches the limit; floor the time to the window, e.g. int(time.time() // window) * window"

func run(pass *pyrule.Pass) {
	f := pass.File
	for _, fn := range f.Functions() {
		raw := rawTimes(fn)
		for _, c := range fn.Ops() {
			if !counts(c) {
				continue
			}
			keys := c.KeyNodes()
			if c.Lifted() {
				// The key comes from this function's arguments: a helper
				// counts it (count(f"rl:{ip}:{int(time.time())}")).
				keys = c.KeyDeps
			}
			for _, k := range keys {
				if !isRaw(fn, k, raw) {
					continue
				}
				at, flow := k, []pyrule.Related{{Node: k, Message: "the key is built from the raw time here"}}
				if origin := helperOrigin(fn.Scope, k); origin != nil && !pass.File.Mentions(k, raw) && !pass.File.CallsAny(k, clocks) {
					// the raw time comes from a helper: the fix is there
					at = origin
					flow = []pyrule.Related{{Node: origin, Message: "the helper puts the raw time in the key"}, {Node: k, Message: "its result is the key"}}
				}
				if c.Lifted() {
					flow = append(flow, pass.CallPath(c, "and counted here")...)
				} else if at != k {
					flow = append(flow, pyrule.Related{Node: c.Node, Message: "and counted here"})
				}
				pass.ReportFlow(at, 0, msg, flow)
				break
			}
		}
	}
}

// counts reports whether a datastore call increments a counter under its
// key: a DynamoDB update that increments, a redis increment.
func counts(c *pyfile.Call) bool {
	switch c.Store() {
	case "dynamodb":
		return c.Method == "update_item" && !c.Splat && len(c.Increments()) > 0
	case "redis":
		return pyfile.RedisCounter(c.Method) && len(c.Args) > 0 || pyfile.RedisScriptCall(c) && c.LuaCounts()
	}
	return false
}

// rawTimes returns the names of the function that hold the raw current
// time, or a value computed from it without aligning it to a window.
func rawTimes(fn *pyfile.Func) map[string]bool {
	f := fn.File
	return f.DerivedBy(fn.Body(), nil, pyfile.Follow{
		Source:  func(rhs *pyast.Node) bool { return f.CallsAny(rhs, clocks) || callsRawHelper(fn.Scope, rhs) },
		Through: func(rhs *pyast.Node) bool { return !aligned(f, rhs) },
		Fields:  true, // pat.last_used = now() makes no key of pat
	})
}

// isRaw reports whether expression n of fn carries the raw current time:
// it calls a clock, or a project function that returns one, or mentions
// a raw name, and does not align it.
func isRaw(fn *pyfile.Func, n *pyast.Node, raw map[string]bool) bool {
	f := fn.File
	if n == nil || aligned(f, n) || oneSecondWindow(f, n) {
		return false
	}
	return f.Mentions(n, raw) || f.CallsAny(n, clocks) || callsRawHelper(fn.Scope, n)
}

// callsRawHelper reports whether n calls a project function that returns
// the raw current time (def window(): return int(time.time())), or a key
// built from it.
func callsRawHelper(s *pyfile.Scope, n *pyast.Node) bool { return helperOrigin(s, n) != nil }

// helperOrigin returns the return expression, in the innermost project
// function n calls, that puts the raw time into what n computes; nil when
// no called helper returns a raw time.
func helperOrigin(s *pyfile.Scope, n *pyast.Node) *pyast.Node {
	var found *pyast.Node
	pyfile.Walk(n, func(m *pyast.Node) bool {
		if found != nil || m.Type() == "lambda" {
			return false
		}
		if m.Type() == "call" {
			if g, _ := s.Callee(m); g != nil && returnsRaw(g) {
				found = rawReturn(g)
			}
		}
		return found == nil
	})
	return found
}

// rawReturn returns the return expression of g that carries the raw time:
// where the helper nearest the counter puts it into what it returns.
func rawReturn(g *pyfile.Func) *pyast.Node {
	raw := rawTimes(g)
	var out *pyast.Node
	pyfile.Walk(g.Body(), func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "return_statement":
			if out == nil && n.NamedChildCount() > 0 && isRaw(g, n.NamedChild(0), raw) {
				out = n.NamedChild(0)
			}
		}
		return out == nil
	})
	return out
}

func returnsRaw(g *pyfile.Func) bool {
	return g.ReturnsWhere("rl006.raw", func(s *pyfile.Scope, n *pyast.Node) bool { return isRaw(g, n, rawTimes(g)) })
}

// aligned reports whether an expression floors a time to a window: floor
// or true division, modulo, math.floor, round, a datetime replace or a
// strftime without seconds.
func aligned(f *pyfile.File, n *pyast.Node) bool {
	text := f.Text(n)
	for _, op := range []string{"//", "%", "/", "floor(", "round(", ".replace(", "truncate"} {
		if strings.Contains(text, op) {
			return true
		}
	}
	return strings.Contains(text, "strftime(") && !strings.Contains(text, "%S")
}

// oneSecondWindow reports whether n runs only when the window is one
// second long (under if period == 1:), where the whole seconds of the
// clock are the window: int(time.time()) is aligned there.
func oneSecondWindow(f *pyfile.File, n *pyast.Node) bool {
	for c, p := n, n.Parent(); p != nil && p.Type() != "function_definition"; c, p = p, p.Parent() {
		if p.Type() != "if_statement" || !p.ChildByFieldName("consequence").Equal(c) {
			continue
		}
		cond := p.ChildByFieldName("condition")
		if cond == nil || cond.Type() != "comparison_operator" || cond.NamedChildCount() != 2 || cond.ChildCount() != 3 || f.Text(cond.Child(1)) != "==" {
			continue // not one equality: period == 1
		}
		if f.Text(cond.NamedChild(0)) == "1" || f.Text(cond.NamedChild(1)) == "1" {
			return true
		}
	}
	return false
}
