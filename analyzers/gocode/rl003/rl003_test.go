package rl003_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl003"
)

func TestRL003(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl003.Analyzer, "rl003/...") {
		for _, d := range res.Diagnostics {
			// Fail-closed and swallowed panics are medium; everything else
			// has the rule's default severity (high), an empty category.
			want := ""
			if strings.Contains(d.Message, "answers every error as rate-limited") ||
				strings.Contains(d.Message, "answers with zero values") {
				want = "medium"
			}
			if d.Category != want {
				t.Errorf("%v: category %q, want %q", res.Pass.Fset.Position(d.Pos), d.Category, want)
			}
		}
	}
}
