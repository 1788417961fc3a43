package godriver

import (
	"fmt"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"
)

// Guard returns copies of the analyzers whose Run turns a panic into an
// error naming the analyzer and the package, so that one crash costs one
// package's findings, not the whole run.
func Guard(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		guarded := *a
		run := a.Run
		guarded.Run = func(pass *analysis.Pass) (result any, err error) {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("internal error in %s on %s: %v\n%s", a.Name, pass.Pkg.Path(), r, debug.Stack())
				}
			}()
			return run(pass)
		}
		out[i] = &guarded
	}
	return out
}
