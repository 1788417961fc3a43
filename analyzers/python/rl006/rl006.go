// Package rl006 implements RL006 unaligned-window-key for Python: counter
// keys and window buckets built from the raw current time, with no floor
// division by the window.
package rl006

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/analyzers/python/rl002"
)

// Rule is RL006 for Python.
var Rule = &pyrule.Rule{ID: "RL006", Run: run}

// clocks are the calls that return the current time.
var clocks = map[string]bool{
	"time.time": true, "time.time_ns": true, "time.monotonic": true,
	"datetime.datetime.now": true, "datetime.datetime.utcnow": true,
}

// redisIncrements are the redis commands that count under a key.
var redisIncrements = map[string]bool{"incr": true, "incrby": true, "incrbyfloat": true, "hincrby": true}

const msg = "the counter's window is keyed by the raw current time, so every second gets a new key and no key ever reaches the limit; floor the time to the window, e.g. int(time.time() // window) * window"

func run(pass *pyrule.Pass) {
	f := pass.File
	for _, fn := range f.Functions() {
		raw := rawTimes(f, fn)
		for _, c := range fn.Calls() {
			switch {
			case c.Store() == "dynamodb" && c.Method == "update_item" && !c.Splat && len(rl002.Increments(fn.Scope, c)) > 0:
				key, ok := fn.Scope.Dict(c.Kwargs["Key"])
				if !ok {
					continue
				}
				for _, v := range key {
					if isRaw(f, v, raw) {
						pass.Report(v, 0, msg)
						break
					}
				}
			case c.Store() == "redis" && redisIncrements[c.Method] && len(c.Args) > 0:
				if isRaw(f, c.Args[0], raw) {
					pass.Report(c.Args[0], 0, msg)
				}
			}
		}
	}
}

// rawTimes returns the names of the function that hold the raw current
// time, or a value computed from it without aligning it to a window.
func rawTimes(f *pyfile.File, fn *pyfile.Func) map[string]bool {
	return f.DerivedBy(fn.Body(), nil, pyfile.Follow{
		Source:  func(rhs *pyast.Node) bool { return f.CallsAny(rhs, clocks) },
		Through: func(rhs *pyast.Node) bool { return !aligned(f, rhs) },
	})
}

// isRaw reports whether expression n carries the raw current time: it
// calls a clock or mentions a raw name, and does not align it.
func isRaw(f *pyfile.File, n *pyast.Node, raw map[string]bool) bool {
	if n == nil || aligned(f, n) {
		return false
	}
	return f.Mentions(n, raw) || f.CallsAny(n, clocks)
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
