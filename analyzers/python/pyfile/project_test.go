package pyfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// writeTree writes files (slash paths -> source) under a new directory
// and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, src := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// loadProject parses every file of the tree into one project.
func loadProject(t *testing.T, root string, files map[string]string) *Project {
	t.Helper()
	var paths []string
	for name := range files {
		paths = append(paths, filepath.Join(root, filepath.FromSlash(name)))
	}
	p := NewProject(NewModuleIndex(paths, []string{root}))
	for name, src := range files {
		f, err := Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		p.Add(f, filepath.Join(root, filepath.FromSlash(name)))
	}
	return p
}

func TestModuleIndex(t *testing.T) {
	files := map[string]string{
		"svc/a/pyproject.toml":          "",
		"svc/a/app/__init__.py":         "",
		"svc/a/app/utils.py":            "",
		"svc/a/app/main.py":             "",
		"svc/b/app/__init__.py":         "",
		"svc/b/app/utils.py":            "",
		"lib/src/pkg/__init__.py":       "",
		"lib/src/pkg/core.py":           "",
		"ns/api/routes.py":              "", // a namespace package: no __init__.py
		"ns/core/limits.py":             "",
		"svc/a/app/sub/__init__.py":     "",
		"svc/a/app/sub/deep/helpers.py": "",
	}
	root := writeTree(t, files)
	var paths []string
	for name := range files {
		if strings.HasSuffix(name, ".py") {
			paths = append(paths, filepath.Join(root, filepath.FromSlash(name)))
		}
	}
	ix := NewModuleIndex(paths, []string{root})
	abs := func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) }
	tests := []struct{ from, name, want string }{
		{"svc/a/app/main.py", "app.utils", "svc/a/app/utils.py"}, // the nearer of two app packages
		{"svc/b/app/__init__.py", "app.utils", "svc/b/app/utils.py"},
		{"svc/a/app/main.py", "app", "svc/a/app/__init__.py"},
		{"ns/api/routes.py", "ns.core.limits", "ns/core/limits.py"}, // from the scan root
		{"ns/api/routes.py", "core.limits", "ns/core/limits.py"},
		{"svc/a/app/main.py", "pkg.core", "lib/src/pkg/core.py"}, // a src layout
		{"svc/a/app/main.py", "app.missing", ""},
		{"svc/a/app/main.py", "redis", ""},
	}
	for _, tt := range tests {
		got := ix.Resolve(abs(tt.from), tt.name)
		if tt.want == "" && got != "" || tt.want != "" && got != abs(tt.want) {
			t.Errorf("Resolve(%s, %q) = %q, want %q", tt.from, tt.name, got, tt.want)
		}
	}
	rel := []struct {
		from  string
		level int
		name  string
		want  string
	}{
		{"svc/a/app/main.py", 1, "utils", "svc/a/app/utils.py"},
		{"svc/a/app/sub/deep/helpers.py", 3, "utils", "svc/a/app/utils.py"},
		{"svc/a/app/sub/deep/helpers.py", 2, "", "svc/a/app/sub/__init__.py"},
		{"svc/a/app/main.py", 1, "nothing", ""},
	}
	for _, tt := range rel {
		got := ix.ResolveRelative(abs(tt.from), tt.level, tt.name)
		if tt.want == "" && got != "" || tt.want != "" && got != abs(tt.want) {
			t.Errorf("ResolveRelative(%s, %d, %q) = %q, want %q", tt.from, tt.level, tt.name, got, tt.want)
		}
	}
}

// TestValuesAcrossModules evaluates names that reach a client through
// other modules of the project.
func TestValuesAcrossModules(t *testing.T) {
	files := map[string]string{
		"app/__init__.py":      "",
		"app/core/__init__.py": "from .redis import client, get_redis\nfrom . import redis as redis_mod\n",
		"app/core/redis.py": `import redis
client = redis.Redis()
def get_redis():
    return client
class Cache(redis.Redis):
    pass
`,
		"app/api.py": `import app.core.redis as r
from app.core import client, get_redis, redis_mod
from .core.redis import Cache
from .core import redis

def handler():
    a = client
    b = get_redis()
    c = r.client
    d = redis_mod.get_redis()
    e = Cache()
    f = redis.client
    g = other()
`,
	}
	root := writeTree(t, files)
	p := loadProject(t, root, files)
	api := p.File(filepath.Join(root, "app", "api.py"))
	fn := api.Functions()[0]
	got := map[string]Kind{}
	Walk(fn.Body(), func(n *pyast.Node) bool {
		if n.Type() == "assignment" {
			got[api.Text(n.ChildByFieldName("left"))] = fn.Scope.KindOf(n.ChildByFieldName("right"))
		}
		return true
	})
	for name, want := range map[string]Kind{"a": Redis, "b": Redis, "c": Redis, "d": Redis, "e": Redis, "f": Redis, "g": Unknown} {
		if got[name] != want {
			t.Errorf("%s: kind %v, want %v", name, got[name], want)
		}
	}
}
