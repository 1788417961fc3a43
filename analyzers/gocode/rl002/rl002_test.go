package rl002_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl002"
)

func TestRL002(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl002.Analyzer, "rl002/...") {
		for _, d := range res.Diagnostics {
			// A checked response is medium; the default (high) has an
			// empty category.
			want := ""
			if strings.Contains(d.Message, "checks the returned value only after the write") {
				want = "medium"
			}
			if d.Category != want {
				t.Errorf("%v: category %q, want %q", res.Pass.Fset.Position(d.Pos), d.Category, want)
			}
		}
	}
}
