// Package gocode holds rlcheck's Go engine: one go/analysis Analyzer per
// rule, named by the rule ID.
package gocode

import (
	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl001"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl002"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl003"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl004"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl005"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl006"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl007"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl008"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl009"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl010"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl016"
)

// Analyzers returns the Go analyzers, sorted by rule ID. They keep no
// global state and need no flags, so go/analysis/checker and unitchecker
// (go vet -vettool) can both run them.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		rl001.Analyzer,
		rl002.Analyzer,
		rl003.Analyzer,
		rl004.Analyzer,
		rl005.Analyzer,
		rl006.Analyzer,
		rl007.Analyzer,
		rl008.Analyzer,
		rl009.Analyzer,
		rl010.Analyzer,
		rl016.Analyzer,
	}
}
