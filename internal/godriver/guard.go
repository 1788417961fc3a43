package godriver

import (
	"fmt"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"
)

// Guard returns copies of the analyzers whose Run turns a panic into a
// *PanicError, so that one crash costs one analyzer's findings on one
// package, not the whole run. The analyzers' prerequisites (Requires) are
// not copied: their results are looked up by the original analyzer.
func Guard(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		guarded := *a
		run := a.Run
		guarded.Run = func(pass *analysis.Pass) (result any, err error) {
			defer func() {
				if r := recover(); r != nil {
					err = &PanicError{Value: r, Stack: debug.Stack()}
				}
			}()
			return run(pass)
		}
		out[i] = &guarded
	}
	return out
}

// PanicError is the error of a guarded analyzer that panicked.
type PanicError struct {
	Value any    // what the analyzer panicked with
	Stack []byte // the goroutine's stack at the panic
}

// Error describes the panic without the stack.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }
