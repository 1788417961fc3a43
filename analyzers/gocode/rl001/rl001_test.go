package rl001_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl001"
)

func TestRL001(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl001.Analyzer, "rl001/...") {
		for _, d := range res.Diagnostics {
			if len(d.Related) != 1 || d.Related[0].Message != "the count is read here" || d.Related[0].Pos >= d.Pos {
				t.Errorf("%v: want one related location at the read before the write, got %+v", res.Pass.Fset.Position(d.Pos), d.Related)
			}
		}
	}
}
