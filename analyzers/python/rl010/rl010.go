// Package rl010 implements RL010 unsafe-retry-loop for Python: retry loops
// around datastore calls that allow the request once the attempts run out,
// retry without bound, or retry without backoff or jitter.
package rl010

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/rules"
)

// Rule is RL010 for Python.
var Rule = &pyrule.Rule{ID: "RL010", Run: run}

func run(pass *pyrule.Pass) {
	f := pass.File
	for _, fn := range f.Functions() {
		if fn.Background() {
			continue // a background job: what its retries fall through to reaches no request
		}
		checkHelpers(pass, fn)
		pyfile.Walk(fn.Body(), func(n *pyast.Node) bool {
			switch n.Type() {
			case "function_definition", "class_definition", "lambda":
				return false
			case "for_statement", "while_statement":
				checkLoop(pass, fn, n)
			}
			return true
		})
	}
}

// retry is what a retry loop's handler does.
type retry struct {
	handler *pyast.Node
	caught  string // the retried exception, as written
	sleep   *pyast.Node
	store   string // the datastore the try body calls
}

func checkLoop(pass *pyrule.Pass, fn *pyfile.Func, loop *pyast.Node) {
	f := pass.File
	r, ok := findRetry(f, fn, loop)
	if !ok {
		return
	}
	header := loop.ChildByFieldName("right")
	if header == nil {
		header = loop.ChildByFieldName("condition")
	}
	report := func(sev rules.Severity, msg string) { pass.ReportSpan(loop, header, sev, msg) }

	if unbounded(f, loop) {
		report(rules.High, fmt.Sprintf("this loop retries %s without bound, so contention or a failing store keeps the request spinning; bound the attempts, back off with jitter, and raise after the last one", r.caught))
		return
	}
	if fallsThrough(f, fn, loop) {
		msg := fmt.Sprintf("when every attempt fails with %s, the loop ends and the request goes on as if allowed; raise (or answer 503) after the last attempt", r.caught)
		if wrongError(r) {
			msg += "; note that the store reports contention as serialization failures (SQLSTATE 40001), not as " + r.caught
		}
		report(rules.High, msg)
		return
	}
	switch {
	case r.sleep == nil:
		report(rules.Medium, fmt.Sprintf("this loop retries %s immediately, with neither backoff nor jitter, so concurrent retries collide again; sleep with exponential backoff and jitter between attempts", r.caught))
	case !varies(f, r.sleep):
		report(rules.Medium, fmt.Sprintf("this loop retries %s after a fixed sleep, so concurrent retries stay synchronized; add jitter (random.uniform) or exponential backoff", r.caught))
	}
}

// findRetry finds, in the loop's own body, a try whose body runs a
// rate-limit operation (a counter or limiter call, itself or through a
// project function) and whose handler goes round again (neither raises
// nor returns). The loop must be a retry loop by its structure: a while
// loop, or a for loop over range() (or itertools.count/repeat) whose
// variable the operation does not take as data.
func findRetry(f *pyfile.File, fn *pyfile.Func, loop *pyast.Node) (retry, bool) {
	var out retry
	var loopVars map[string]bool
	if loop.Type() == "for_statement" {
		right := loop.ChildByFieldName("right")
		if right == nil || right.Type() != "call" {
			return out, false
		}
		switch q := f.Text(right.ChildByFieldName("function")); {
		case q == "range", f.Qualified(right.ChildByFieldName("function")) == "itertools.count",
			f.Qualified(right.ChildByFieldName("function")) == "itertools.repeat":
		default:
			return out, false
		}
		loopVars = make(map[string]bool)
		pyfile.Walk(loop.ChildByFieldName("left"), func(n *pyast.Node) bool {
			if n.Type() == "identifier" {
				loopVars[f.Text(n)] = true
			}
			return true
		})
	}
	found := false
	pyfile.Walk(loop.ChildByFieldName("body"), func(n *pyast.Node) bool {
		if found {
			return false
		}
		switch n.Type() {
		case "function_definition", "class_definition", "lambda", "for_statement", "while_statement":
			return false
		case "try_statement":
			var calls []*pyfile.Call
			for _, c := range fn.OpsUnder(n.ChildByFieldName("body")) {
				if c.Mentions(f, loopVars) {
					return false // the loop feeds each pass different data: no retry
				}
				if len(c.Via) <= 2 && fn.IsLimitOp(c) { // the transaction itself, or a helper running it
					calls = append(calls, c)
				}
			}
			if len(calls) == 0 {
				return true
			}
			for i := 0; i < int(n.NamedChildCount()); i++ {
				clause := n.NamedChild(i)
				if clause.Type() != "except_clause" || exits(clause) {
					continue
				}
				out = retry{handler: clause, caught: caught(f, clause), sleep: sleepIn(f, clause), store: calls[0].Store()}
				found = true
				return false
			}
		}
		return true
	})
	return out, found
}

// exits reports whether a handler raises or returns.
func exits(clause *pyast.Node) bool {
	found := false
	pyfile.Walk(clause, func(n *pyast.Node) bool {
		if n.Type() == "raise_statement" || n.Type() == "return_statement" {
			found = true
		}
		return !found
	})
	return found
}

// caught returns the exception type a handler catches, as written.
func caught(f *pyfile.File, clause *pyast.Node) string {
	if clause.NamedChildCount() == 0 {
		return "every error"
	}
	c := clause.NamedChild(0)
	switch c.Type() {
	case "block":
		return "every error" // bare except
	case "as_pattern":
		c = c.NamedChild(0)
	}
	return f.Text(c)
}

// sleepIn finds a time.sleep or asyncio.sleep call in the handler.
func sleepIn(f *pyfile.File, clause *pyast.Node) *pyast.Node {
	var found *pyast.Node
	pyfile.Walk(clause, func(n *pyast.Node) bool {
		if found == nil && n.Type() == "call" {
			switch f.Qualified(n.ChildByFieldName("function")) {
			case "time.sleep", "asyncio.sleep", "gevent.sleep", "trio.sleep", "anyio.sleep":
				found = n
			}
		}
		return found == nil
	})
	return found
}

// varies reports whether the sleep's duration changes between attempts:
// it uses random, a power, or a variable.
func varies(f *pyfile.File, sleep *pyast.Node) bool {
	args := sleep.ChildByFieldName("arguments")
	if args == nil || args.NamedChildCount() == 0 {
		return false
	}
	text := f.Text(args.NamedChild(0))
	if strings.Contains(text, "random") || strings.Contains(text, "**") || strings.Contains(text, "<<") || strings.Contains(text, "pow(") {
		return true
	}
	variable := false
	pyfile.Walk(args.NamedChild(0), func(n *pyast.Node) bool {
		if n.Type() == "identifier" && strings.ToUpper(f.Text(n)) != f.Text(n) { // CONSTANTS do not vary
			variable = true
		}
		return !variable
	})
	return variable
}

// unbounded reports whether the loop is while True / while 1 with no
// break outside its success path.
func unbounded(f *pyfile.File, loop *pyast.Node) bool {
	if loop.Type() != "while_statement" {
		return false
	}
	switch f.Text(loop.ChildByFieldName("condition")) {
	case "True", "1":
		return true
	}
	return false
}

// fallsThrough reports whether control can leave the loop after the last
// attempt without raising: there is no raising else clause, and the
// statements after the loop in its block do not raise before the function
// ends or returns an allowing value.
func fallsThrough(f *pyfile.File, fn *pyfile.Func, loop *pyast.Node) bool {
	if alt := loop.ChildByFieldName("alternative"); alt != nil && raises(alt) {
		return false
	}
	for n := loop; n != nil && !n.Equal(fn.Node); n = n.Parent() {
		for s := n.NextNamedSibling(); s != nil; s = s.NextNamedSibling() {
			switch s.Type() {
			case "raise_statement":
				return false
			case "return_statement":
				return allows(f, s)
			case "comment":
			default:
				if raises(s) {
					return false
				}
			}
		}
	}
	return true // the function ends: a dependency returning None lets the request in
}

func raises(n *pyast.Node) bool {
	found := false
	pyfile.Walk(n, func(m *pyast.Node) bool {
		if m.Type() == "raise_statement" {
			found = true
		}
		return !found && m.Type() != "function_definition"
	})
	return found
}

// allows reports whether a return after the loop lets the request in:
// anything but a refusal, which is False, allowed=False, or an error
// status (429, 503: any 4xx or 5xx number or status constant).
func allows(f *pyfile.File, ret *pyast.Node) bool {
	if ret.NamedChildCount() == 0 {
		return true
	}
	v := ret.NamedChild(0)
	if v.Type() == "false" || strings.Contains(f.Text(v), "allowed=False") || f.Mentions429(v) {
		return false
	}
	refuses := false
	pyfile.Walk(v, func(n *pyast.Node) bool {
		switch n.Type() {
		case "integer":
			if code, err := strconv.Atoi(f.Text(n)); err == nil && code >= 400 && code < 600 {
				refuses = true
			}
		case "identifier", "attribute":
			text := f.Text(n)
			refuses = refuses || strings.Contains(text, "HTTP_4") || strings.Contains(text, "HTTP_5") || strings.Contains(text, "SERVICE_UNAVAILABLE")
		}
		return !refuses
	})
	return !refuses
}

// wrongError reports whether a SQL retry loop retries a timeout, which is
// not how PostgreSQL-compatible stores report contention.
func wrongError(r retry) bool {
	return r.store == "sql" && strings.Contains(r.caught, "TimeoutError")
}
