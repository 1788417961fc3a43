package rl003_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/gocodetest"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl003"
	"github.com/rlcheck/rlcheck/internal/finding"
)

// TestModule runs RL003 on fixture trees analyzed as whole modules, as
// rlcheck scan does: a middleware that takes its limiter as an interface
// implemented in a package it does not import; and the go vet fixtures,
// which the whole-module analysis must read the same way.
func TestModule(t *testing.T) {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pattern := range []string{"module/rl003/checker/...", "rl003/ipguard/...", "rl003/declared/...", "rl003/undeclared/..."} {
		t.Run(pattern, func(t *testing.T) {
			for _, d := range gocodetest.RunModule(t, gopath, rl003.Analyzer, pattern) {
				if !strings.HasPrefix(pattern, "module/") {
					continue
				}
				// The flow leads from the middleware's call to the INCR
				// inside the implementation.
				var last string
				for _, r := range d.Related {
					if msg, ok := strings.CutPrefix(r.Message, finding.FlowStep); ok {
						last = filepath.Base(d.Fset.Position(r.Pos).Filename) + ": " + msg
					}
				}
				if last != "limiter.go: the counter call whose error it returns" {
					t.Errorf("%s: last flow step %q, want the INCR in limiter.go", d.Fset.Position(d.Pos), last)
				}
			}
		})
	}
}
