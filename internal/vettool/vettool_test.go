package vettool

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

func TestInvoked(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"/tmp/go-build123/b001/vet.cfg"}, true},
		{[]string{"-RL004=false", "/tmp/go-build123/b001/vet.cfg"}, true},
		{nil, false},
		{[]string{"scan"}, false},
		{[]string{"scan", "config.cfg.py"}, false},
		{[]string{"scan", "settings.cfg"}, false},
		{[]string{"version"}, false},
	}
	for _, tt := range tests {
		if got := Invoked(tt.args); got != tt.want {
			t.Errorf("Invoked(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestAnalyzersKeepNames(t *testing.T) {
	for _, a := range Analyzers() {
		if a.Run == nil || a.Name == "" || a.URL == "" {
			t.Errorf("analyzer %q is incomplete", a.Name)
		}
	}
}

// TestCheckConfig: a bad config file governing the package stops the run
// with its reason, except for a package analyzed only for its facts.
func TestCheckConfig(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		".git/HEAD":     "",
		".rlcheck.toml": "[trusted-proxy]\nhedaer = \"X-Real-IP\"\n",
		"a/a.go":        "package a\n",
	})
	write := func(vetxOnly bool) string {
		cfg, err := json.Marshal(unitchecker.Config{GoFiles: []string{filepath.Join(dir, "a", "a.go")}, VetxOnly: vetxOnly})
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "vet.cfg")
		if err := os.WriteFile(p, cfg, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if err := checkConfig(write(false)); err == nil || !strings.Contains(err.Error(), `unknown key "hedaer"`) {
		t.Errorf("checkConfig = %v, want the unknown key", err)
	}
	if err := checkConfig(write(true)); err != nil {
		t.Errorf("checkConfig of a facts-only package = %v, want nil", err)
	}
}
