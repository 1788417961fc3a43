package rl016_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl016"
)

func TestRL016(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl016.Analyzer, "rl016/...") {
		for _, d := range res.Diagnostics {
			// Fixtures in medium.go are outside any rate-limit path;
			// the default (high) has an empty category.
			want := ""
			if filepath.Base(res.Pass.Fset.Position(d.Pos).Filename) == "medium.go" {
				want = "medium"
			}
			if d.Category != want {
				t.Errorf("%v: category %q, want %q", res.Pass.Fset.Position(d.Pos), d.Category, want)
			}
		}
	}
}
