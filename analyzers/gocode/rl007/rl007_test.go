package rl007_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl007"
)

func TestRL007(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl007.Analyzer, "rl007/...") {
		for _, d := range res.Diagnostics {
			// High is the rule's default: an empty category.
			if d.Category != "" {
				t.Errorf("%v: category %q, want none", res.Pass.Fset.Position(d.Pos), d.Category)
			}
		}
	}
}
