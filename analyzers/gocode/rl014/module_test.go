package rl014_test

import (
	"path/filepath"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/gocodetest"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl014"
)

// TestModule runs RL014 on its fixtures analyzed as one module, as
// rlcheck scan does: helpers are read from the module's summaries.
func TestModule(t *testing.T) {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	gocodetest.RunModule(t, gopath, rl014.Analyzer, "rl014/...")
}
