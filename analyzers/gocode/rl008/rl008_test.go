package rl008_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl008"
)

func TestRL008(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl008.Analyzer, "rl008/...") {
		for _, d := range res.Diagnostics {
			// Medium is the rule's default: an empty category.
			if d.Category != "" {
				t.Errorf("%v: category %q, want none", res.Pass.Fset.Position(d.Pos), d.Category)
			}
		}
	}
}
