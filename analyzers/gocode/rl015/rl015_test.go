package rl015_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/gocodetest"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl015"
)

// TestRL015 runs RL015 on its fixtures analyzed as one module, as rlcheck
// scan does: applications span packages (chiapp/api).
func TestRL015(t *testing.T) {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range gocodetest.RunModule(t, gopath, rl015.Analyzer, "rl015/...") {
		if len(d.Related) == 0 {
			t.Errorf("%s: no limited neighbour among the related locations", d.Fset.Position(d.Pos))
		}
	}
}

// TestVet runs RL015 as go vet does, one package at a time: the
// applications that live in one package are judged the same way.
func TestVet(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, rl015.Analyzer, "rl015/stdmux", "rl015/chiglobal", "rl015/ginapp", "rl015/echoapp", "rl015/gorilla", "rl015/sparse", "rl015/fields", "rl015/reads", "rl015/shared", "rl015/libs")
}
