package rl007

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/reqsource"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL007"

// Analyzer reports rate-limit windows computed from a time the client
// sends.
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
		if !fl.Time || reported[fl.Source.Node] {
			continue
		}
		reported[fl.Source.Node] = true
		diag.Report(pass, id, rules.High, fl.Source.Node,
			"the rate-limit window is computed from "+fl.Source.Describe()+", a time the client chooses, so each request can pick a fresh window and the limit never applies; "+reqsource.FixClientTime+", e.g. time.Now().Unix() / window * window",
			fl.Related("the window reaches the counter here")...)
	}
	return nil, nil
}
