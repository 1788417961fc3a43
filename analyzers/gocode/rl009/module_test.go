package rl009_test

import (
	"path/filepath"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/gocodetest"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl009"
)

// TestModule runs RL009 on fixture trees analyzed as whole modules, as
// rlcheck scan does: a store method of one package returns the read that
// a limiter of another package decides on (go vet sees only the callers
// in the store's own package).
func TestModule(t *testing.T) {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pattern := range []string{"module/rl009/split/...", "rl009/wrapped/..."} {
		t.Run(pattern, func(t *testing.T) {
			gocodetest.RunModule(t, gopath, rl009.Analyzer, pattern)
		})
	}
}
