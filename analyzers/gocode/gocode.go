// Package gocode holds rlcheck's Go engine: one go/analysis Analyzer per
// rule, named by the rule ID, all requiring one shared summary pass
// (analyzers/gocode/internal/summary) that follows values across
// functions, methods, interfaces and packages.
package gocode

import (
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
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
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl011"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl012"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl013"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl014"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl016"
	"github.com/rlcheck/rlcheck/internal/config"
)

// Analyzers returns the Go analyzers, sorted by rule ID. They keep no
// global state and need no flags, so go/analysis/checker and unitchecker
// (go vet -vettool) can both run them; each package's configuration is
// the nearest config file above its directory.
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
		rl011.Analyzer,
		rl012.Analyzer,
		rl013.Analyzer,
		rl014.Analyzer,
		rl016.Analyzer,
	}
}

// ForModule returns copies of analyzers (Analyzers' or copies of them)
// that analyze pkgs, the packages of one module, as a whole: the summary
// pass they share is solved over all of them at once, with dynamic calls
// resolved by the module's call graph, instead of one package at a time
// from analysis facts. Analyzers that do not use the summary pass are
// returned as they are, and nothing is computed when none does.
//
// configs returns the configuration governing a package's directory (an
// absolute path), whose wrappers, limiters and trusted proxy the rules
// read there; nil (or a nil result) is no configuration. Run alone, by
// go vet, the analyzers find the nearest config file themselves.
func ForModule(pkgs []*packages.Package, analyzers []*analysis.Analyzer, configs func(dir string) *config.Config) []*analysis.Analyzer {
	uses := slices.ContainsFunc(analyzers, func(a *analysis.Analyzer) bool {
		return slices.Contains(a.Requires, summary.Analyzer)
	})
	if !uses {
		return analyzers
	}
	return summary.NewModule(pkgs, configs).Bind(analyzers)
}
