// Package rl007 implements RL007 client-controlled-window-time for Python:
// rate-limit windows computed from a time the client sends.
package rl007

import (
	"fmt"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/analyzers/python/reqflow"
)

// Rule is RL007 for Python.
var Rule = &pyrule.Rule{ID: "RL007", Run: run}

func run(pass *pyrule.Pass) {
	reported := make(map[*pyast.Node]bool)
	for _, fl := range reqflow.Flows(pass.File) {
		if !fl.Time || reported[fl.Source.Node] {
			continue
		}
		reported[fl.Source.Node] = true
		flow := pyrule.Steps(fl.Steps(), func(s reqflow.Step) *pyast.Node { return s.Node }, func(s reqflow.Step) string { return s.What })
		pass.ReportFlow(fl.Source.Node, 0, fmt.Sprintf(
			"the rate-limit window is computed from %s, a time the client chooses, so each request can pick a fresh window and the limit never applies; compute the window from the server's clock, e.g. int(time.time() // window) * window",
			fl.Source.Describe()), flow, pyrule.Related{Node: fl.Sink.Node, Message: "the window reaches the counter here (" + fl.Sink.What + ")"})
	}
}
