package rl003_test

import (
	"path/filepath"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/gocodetest"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl003"
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
	for _, pattern := range []string{"module/rl003/checker/...", "rl003/ipguard/..."} {
		t.Run(pattern, func(t *testing.T) {
			gocodetest.RunModule(t, gopath, rl003.Analyzer, pattern)
		})
	}
}
