package rl013_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/gocodetest"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl013"
	"github.com/rlcheck/rlcheck/internal/finding"
)

// TestModule runs RL013 on fixture trees analyzed as whole modules, as
// rlcheck scan does: a Counter interface whose Redis implementation lives
// in a package the limiter never imports, and the fixtures of the go vet
// test, whose wrappers' callers are now known module-wide.
func TestModule(t *testing.T) {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("iface", func(t *testing.T) {
		ds := gocodetest.RunModule(t, gopath, rl013.Analyzer, "module/rl013/iface/...")
		if len(ds) != 1 {
			t.Fatalf("%d findings, want the one in limiter.Allow", len(ds))
		}
		var steps []string
		for _, r := range ds[0].Related {
			if msg, ok := strings.CutPrefix(r.Message, finding.FlowStep); ok {
				steps = append(steps, filepath.Base(ds[0].Fset.Position(r.Pos).Filename)+": "+msg)
			}
		}
		want := []string{
			"limiter.go: the counter is incremented here, through redisstore.Store.Incr",
			"redisstore.go: INCR in redisstore.Store.Incr",
		}
		if strings.Join(steps, "\n") != strings.Join(want, "\n") {
			t.Errorf("flow\n%s\nwant\n%s", strings.Join(steps, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("rl013", func(t *testing.T) {
		gocodetest.RunModule(t, gopath, rl013.Analyzer, "rl013/...")
	})
}
