package rl006

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/incrkey"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/taint"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL006"

// Analyzer reports counter keys built from the raw current time.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	for _, fn := range summary.Of(pass).Funcs() {
		checkFunc(pass, fn.Flow)
	}
	return nil, nil
}

func checkFunc(pass *analysis.Pass, f *flow.Func) {
	ast.Inspect(f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		c := store.Classify(f, call)
		if c == nil {
			return true
		}
		for _, k := range incrkey.Keys(f, c) {
			if taint.IsRawTime(f, k) {
				diag.Report(pass, id, rules.High, k, msg, diag.Through(c, "the key is counted")...)
			}
		}
		return true
	})
}

const msg = "counter key built from the raw current time (Unix seconds or finer, or now - window) with no floor to the window, so every second gets a new key and none reaches the limit; floor it: now / window (integer division), now - now % window, or t.Truncate(window)"
