package rl001_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl001"
	"github.com/rlcheck/rlcheck/internal/finding"
)

func TestRL001(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range analysistest.Run(t, testdata, rl001.Analyzer, "rl001/...") {
		for _, d := range res.Diagnostics {
			// The read before the write: one related location, or the
			// first step of the flow when wrappers are involved.
			plain := len(d.Related) == 1 && d.Related[0].Message == "the count is read here"
			flow := len(d.Related) > 1 && strings.HasPrefix(d.Related[0].Message, finding.FlowStep+"the count is read here")
			if !plain && !flow || d.Related[0].Pos >= d.Pos {
				t.Errorf("%v: want the read before the write as the related location, got %+v", res.Pass.Fset.Position(d.Pos), d.Related)
			}
		}
	}
}
