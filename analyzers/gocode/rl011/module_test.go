package rl011_test

import (
	"path/filepath"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/gocodetest"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl011"
)

// TestModule runs RL011 on its fixtures analyzed as one module, as
// rlcheck scan does.
func TestModule(t *testing.T) {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	gocodetest.RunModule(t, gopath, rl011.Analyzer, "rl011/...")
}
