// Package vettool lets the rlcheck binary serve as a `go vet -vettool`:
// it recognizes the go command's calls and hands them to unitchecker with
// rlcheck's Go analyzers.
package vettool

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
	"github.com/rlcheck/rlcheck/internal/godriver"
	"github.com/rlcheck/rlcheck/rules"
)

// Invoked reports whether args (without the program name) are a call from
// the go command: the version handshake (-V=full), the flag query (-flags),
// or the analysis of one unit described by a .cfg file, possibly preceded
// by analyzer flags. rlcheck's own commands never start with a flag or a
// .cfg file, so the two cannot be confused.
func Invoked(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if args[0] == "-V=full" || args[0] == "-flags" {
		return true
	}
	first, last := args[0], args[len(args)-1]
	return strings.HasSuffix(last, ".cfg") && (strings.HasPrefix(first, "-") || first == last)
}

// Main runs unitchecker; it does not return.
func Main() {
	unitchecker.Main(Analyzers()...)
}

// Analyzers returns the Go analyzers as vet runs them: guarded against
// panics, with every message prefixed by the rule ID and severity, since
// vet's output has no other place for them.
func Analyzers() []*analysis.Analyzer {
	guarded := godriver.Guard(gocode.Analyzers())
	for _, a := range guarded {
		run := a.Run
		def := rules.MustLookup(a.Name).Severity
		a.Run = func(pass *analysis.Pass) (any, error) {
			report := pass.Report
			pass.Report = func(d analysis.Diagnostic) {
				sev := def
				if s, err := rules.ParseSeverity(d.Category); err == nil {
					sev = s
				}
				d.Message = fmt.Sprintf("%s [%s] %s", pass.Analyzer.Name, sev, d.Message)
				report(d)
			}
			return run(pass)
		}
	}
	return guarded
}
