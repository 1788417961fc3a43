package deploytest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type hook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Language      string   `yaml:"language"`
	Entry         string   `yaml:"entry"`
	TypesOr       []string `yaml:"types_or"`
	PassFilenames *bool    `yaml:"pass_filenames"`
}

func TestPreCommitHooks(t *testing.T) {
	var hooks []hook
	decodeYAML(t, ".pre-commit-hooks.yaml", &hooks)
	byID := map[string]hook{}
	for _, h := range hooks {
		if _, dup := byID[h.ID]; dup {
			t.Errorf("hook id %s appears twice", h.ID)
		}
		byID[h.ID] = h
		if h.Name == "" {
			t.Errorf("hook %s has no name", h.ID)
		}
		if !strings.HasPrefix(h.Entry, "rlcheck scan") {
			t.Errorf("hook %s: entry %q, want rlcheck scan", h.ID, h.Entry)
		}
		if !slices.Contains(h.TypesOr, "python") || !slices.Contains(h.TypesOr, "go") {
			t.Errorf("hook %s: types_or %v, want python and go", h.ID, h.TypesOr)
		}
		if h.PassFilenames == nil || !*h.PassFilenames {
			t.Errorf("hook %s does not pass file names", h.ID)
		}
	}
	if h, ok := byID["rlcheck"]; !ok {
		t.Error("no hook with id rlcheck")
	} else if h.Language != "golang" {
		t.Errorf("hook rlcheck: language %q, want golang", h.Language)
	}
	if h, ok := byID["rlcheck-docker"]; ok {
		if h.Language != "docker" {
			t.Errorf("hook rlcheck-docker: language %q, want docker (builds this repository's Dockerfile)", h.Language)
		}
		if _, err := os.Stat(filepath.Join(repoRoot(t), "Dockerfile")); err != nil {
			t.Errorf("hook rlcheck-docker needs a Dockerfile: %v", err)
		}
	}
	// language: golang installs the hook repository's main packages with
	// go install ./..., so rlcheck must be one of them.
	if _, err := os.Stat(filepath.Join(repoRoot(t), "cmd", "rlcheck", "main.go")); err != nil {
		t.Errorf("language golang needs cmd/rlcheck: %v", err)
	}
}
