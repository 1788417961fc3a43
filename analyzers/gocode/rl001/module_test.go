package rl001_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/gocodetest"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl001"
	"github.com/rlcheck/rlcheck/internal/finding"
)

// TestModule runs RL001 on fixture trees analyzed as whole modules, as
// rlcheck scan does: a Storage interface whose Redis implementation lives
// in a package the limiter never imports.
func TestModule(t *testing.T) {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pattern := range []string{"module/rl001/storage/..."} {
		t.Run(pattern, func(t *testing.T) {
			for _, d := range gocodetest.RunModule(t, gopath, rl001.Analyzer, pattern) {
				// The flow shows the read and the write and the Redis
				// commands inside the store's methods.
				var steps []string
				for _, r := range d.Related {
					if msg, ok := strings.CutPrefix(r.Message, finding.FlowStep); ok {
						steps = append(steps, filepath.Base(d.Fset.Position(r.Pos).Filename)+": "+msg)
					}
				}
				want := []string{
					"limiter.go: the count is read here, through redisstore.Store.Get",
					"redisstore.go: GET in redisstore.Store.Get",
					"limiter.go: the count is written here, through redisstore.Store.Set",
					"redisstore.go: SET in redisstore.Store.Set",
				}
				if strings.Join(steps, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s: flow\n%s\nwant\n%s", d.Fset.Position(d.Pos), strings.Join(steps, "\n"), strings.Join(want, "\n"))
				}
			}
		})
	}
}

// TestModuleDeclared runs RL001 on the packages whose config file
// declares the counter client's functions, analyzed as one module: the
// declared read and write are a pair, shown through the wrappers; the same
// code with no config file (rl001/undeclared) is silent.
func TestModuleDeclared(t *testing.T) {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	diags := gocodetest.RunModule(t, gopath, rl001.Analyzer, "rl001/declared/...", "rl001/undeclared/...")
	if len(diags) != 4 {
		t.Fatalf("got %d findings, want 4", len(diags))
	}
	d := diags[0]
	var steps []string
	for _, r := range d.Related {
		if msg, ok := strings.CutPrefix(r.Message, finding.FlowStep); ok {
			steps = append(steps, msg)
		}
	}
	want := "the count is read here, through counters.Store.Get\nthe count is written here, through counters.Store.Put"
	if got := strings.Join(steps, "\n"); got != want {
		t.Errorf("%s: flow\n%s\nwant\n%s", d.Fset.Position(d.Pos), got, want)
	}
}
