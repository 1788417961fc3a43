package rl008_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/gocodetest"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl008"
	"github.com/rlcheck/rlcheck/internal/finding"
)

// TestModule runs RL008 on fixture trees analyzed as whole modules, as
// rlcheck scan does. In utils.ClientIP's case the flow runs from the
// header read inside the helper to the counter.
func TestModule(t *testing.T) {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pattern := range []string{"rl008/xff/..."} {
		t.Run(pattern, func(t *testing.T) {
			for _, d := range gocodetest.RunModule(t, gopath, rl008.Analyzer, pattern) {
				var steps []string
				for _, r := range d.Related {
					if msg, ok := strings.CutPrefix(r.Message, finding.FlowStep); ok {
						steps = append(steps, filepath.Base(d.Fset.Position(r.Pos).Filename)+": "+msg)
					}
				}
				if len(steps) < 3 || steps[0] != "ip.go: the first X-Forwarded-For entry is read here, in utils.ClientIP" ||
					steps[1] != "api.go: utils.ClientIP returns it" {
					t.Errorf("%s: flow %q, want the header read in ip.go, the call in api.go, then the counter", d.Fset.Position(d.Pos), steps)
				}
			}
		})
	}
}

// TestModuleTrustedProxy runs RL008 on the trusted-proxy fixtures
// analyzed as one module: the config file of rl008/edge governs it, and
// rl008/noedge has none.
func TestModuleTrustedProxy(t *testing.T) {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	gocodetest.RunModule(t, gopath, rl008.Analyzer, "rl008/edge/...", "rl008/noedge/...")
}
