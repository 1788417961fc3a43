package rl012_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl012"
)

func TestRL012(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl012.Analyzer, "rl012/...") {
		for _, d := range res.Diagnostics {
			// The read and the write, both after the setting's function
			// begins: two related locations, or the steps of the flow.
			if len(d.Related) < 2 {
				t.Errorf("%v: want the read and the write as related locations, got %+v", res.Pass.Fset.Position(d.Pos), d.Related)
			}
		}
	}
}
