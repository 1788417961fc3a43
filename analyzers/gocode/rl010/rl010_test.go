package rl010_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl010"
)

func TestRL010(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl010.Analyzer, "rl010/...") {
		for _, d := range res.Diagnostics {
			// High is the rule's default (an empty category): the
			// fall-through and the endless loop; the rest is medium.
			want := "medium"
			if strings.Contains(d.Message, "allow the request") || strings.Contains(d.Message, "endless loop") {
				want = ""
			}
			if d.Category != want {
				t.Errorf("%v: category %q, want %q", res.Pass.Fset.Position(d.Pos), d.Category, want)
			}
		}
	}
}
