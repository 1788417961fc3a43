package rl011_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl011"
)

func TestRL011(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl011.Analyzer, "rl011/...") {
		for _, d := range res.Diagnostics {
			// The repository of package single shows one replica (low);
			// the others show several or nothing (medium, the default).
			want := ""
			if res.Pass.Pkg.Path() == "rl011/single" {
				want = "low"
			}
			if d.Category != want {
				t.Errorf("%v: category %q, want %q", res.Pass.Fset.Position(d.Pos), d.Category, want)
			}
		}
	}
}
