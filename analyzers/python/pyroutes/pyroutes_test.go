package pyroutes_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/python"
	"github.com/rlcheck/rlcheck/internal/config"
)

// TestRoutes checks the route table of the RL015 fixtures: prefixes,
// methods and how each route is limited.
func TestRoutes(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "python", "RL015"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []python.Input
	loader := config.NewLoader(root, config.Overrides{})
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && filepath.Ext(path) == ".py" {
			src, _ := os.ReadFile(path)
			rel, _ := filepath.Rel(root, path)
			cfg, err := loader.ForDir(filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, python.Input{Path: path, Rel: filepath.ToSlash(rel), Src: src, Config: cfg})
		}
		return nil
	})
	rs, _ := python.Routes(inputs, []string{root})
	var got []string
	for _, r := range rs {
		got = append(got, fmt.Sprintf("%s %s %s", r.Method, r.Path, r.Limit))
	}
	sort.Strings(got)
	want := []string{
		"GET /a middleware", "GET /api/auth/healthz none", "GET /api/items none", "GET /api/items/{item_id} none",
		"GET /b middleware", "GET /v1/api/export none", "GET /v1/api/metrics none", "GET /v1/api/public exempt",
		"GET /v1/api/suggest inline", "POST /api/auth/login dependency", "POST /api/auth/login/mfa none",
		"POST /api/auth/register dependency", "POST /api/auth/reset dependency", "POST /v1/api/export none",
		"POST /v1/api/search decorator",
		// declared_limiter: its configuration names the limiter library
		"POST /login decorator", "POST /reset decorator", "POST /signup decorator", "POST /verify none",
	}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
