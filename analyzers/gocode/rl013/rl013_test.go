package rl013_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl013"
)

func TestRL013(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl013.Analyzer, "rl013/...") {
		for _, d := range res.Diagnostics {
			// An expiry in another round trip is medium, no expiry the
			// default (low).
			want := ""
			if strings.Contains(d.Message, "separate round trip") {
				want = "medium"
			}
			if d.Category != want {
				t.Errorf("%v: category %q, want %q", res.Pass.Fset.Position(d.Pos), d.Category, want)
			}
			if want == "medium" && len(d.Related) == 0 {
				t.Errorf("%v: no related location for the expiry", res.Pass.Fset.Position(d.Pos))
			}
		}
	}
}
