package rl014_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl014"
)

func TestRL014(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl014.Analyzer, "rl014/...") {
		for _, d := range res.Diagnostics {
			if d.Category != "" {
				t.Errorf("%v: category %q, want the default (low)", res.Pass.Fset.Position(d.Pos), d.Category)
			}
		}
	}
}
