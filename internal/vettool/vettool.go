// Package vettool lets the rlcheck binary serve as a `go vet -vettool`:
// it recognizes the go command's calls and hands them to unitchecker with
// rlcheck's Go analyzers.
package vettool

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
	"github.com/rlcheck/rlcheck/internal/config"
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

// Main runs unitchecker; it does not return. A config file governing the
// package that is invalid stops the run first, with the reason: the
// analyzers would only fail their prerequisite, and go vet does not say
// why.
func Main() {
	if err := checkConfig(os.Args[len(os.Args)-1]); err != nil {
		fmt.Fprintf(os.Stderr, "rlcheck: %v\n", err)
		os.Exit(1)
	}
	unitchecker.Main(Analyzers()...)
}

// checkConfig reads the configuration governing the package that the
// go command's .cfg file describes (the directory of its first Go file),
// for a package whose diagnostics are wanted. Anything but a bad config
// file is left to unitchecker.
func checkConfig(cfgFile string) error {
	if !strings.HasSuffix(cfgFile, ".cfg") {
		return nil
	}
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return nil
	}
	var cfg unitchecker.Config
	if json.Unmarshal(data, &cfg) != nil || cfg.VetxOnly || len(cfg.GoFiles) == 0 {
		return nil
	}
	dir := filepath.Dir(cfg.GoFiles[0])
	_, err = config.NewLoader("", config.Overrides{}).ForDir(dir) // errors name the file by its absolute path
	return err
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
