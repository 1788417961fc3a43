package rl008

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/reqflow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/reqsource"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL008"

// Analyzer reports rate-limit keys taken from request values the client
// can change at will.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	reported := make(map[ast.Node]bool)
	for _, fl := range summary.Of(pass).Flows() {
		if fl.Time || fl.Verified || reported[fl.Source.Node] {
			continue
		}
		reported[fl.Source.Node] = true
		diag.Report(pass, id, rules.Medium, fl.Source.Node, message(fl.Source),
			fl.Related("the limit is counted under this value")...)
	}
	return nil, nil
}

func message(src *reqflow.Source) string {
	if src.Kind == reqflow.Forwarded {
		return "the rate-limit key comes from " + src.Describe() + ", which the client writes itself, so every request can claim a new address and reset its limit; " + reqsource.FixForwarded
	}
	return "the rate-limit key comes from " + src.Describe() + ", which nothing authenticates before the limit is counted, so a client resets its limit by sending a new value; " + reqsource.FixUnverified
}
