package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/rules"
)

const full = `# every key
select = ["RL001", "dynamodb-unconditional-counter-update", "RL003", "RL004", "RL008"]
ignore = ["RL004"]
exclude = ["migrations", "scripts/*.py", "gen/**/*.py"]
include-tests = true
fail-on = "medium"

[per-path-ignores]
"legacy/**" = ["RL003"]
"*_admin.py" = ["error-swallowing-handler", "RL001"]

[severity]
RL008 = "low"
unsharded-counter-row = "high"

[trusted-proxy]
hops = 2
header = "CF-Connecting-IP"

[limiters]
python = ["acme_ratelimit", "acme.web.limits.rate_limited"]
go = ["github.com/acme/ratelimit", "(*github.com/acme/svc/mw.Limiter).Allow", "gopkg.in/limit.v2"]

[[wrappers]]
python = "acme.store.Counter.incr"
op = "increment"
key = 0
key-name = "key"

[[wrappers]]
go = "(*github.com/acme/store.Counter).Get"
op = "read"
key = 1

[[wrappers]]
python = "acme.limits.check"
op = "decide"
`

func TestParseEveryKey(t *testing.T) {
	cfg, found, err := Parse(".rlcheck.toml", []byte(full))
	if err != nil || !found {
		t.Fatalf("Parse: found=%v err=%v", found, err)
	}
	if want := []string{"RL001", "RL002", "RL003", "RL004", "RL008"}; !slices.Equal(cfg.Select, want) {
		t.Errorf("Select = %v, want %v", cfg.Select, want)
	}
	if !slices.Equal(cfg.Ignore, []string{"RL004"}) || !cfg.IncludeTests || cfg.FailOn != rules.Medium {
		t.Errorf("Ignore=%v IncludeTests=%v FailOn=%v", cfg.Ignore, cfg.IncludeTests, cfg.FailOn)
	}
	if cfg.Severity["RL008"] != rules.Low || cfg.Severity["RL004"] != rules.High || len(cfg.Severity) != 2 {
		t.Errorf("Severity = %v", cfg.Severity)
	}
	if len(cfg.PerPathIgnores) != 2 || cfg.PerPathIgnores[0].Glob != "*_admin.py" || !slices.Equal(cfg.PerPathIgnores[0].Rules, []string{"RL003", "RL001"}) {
		t.Errorf("PerPathIgnores = %+v", cfg.PerPathIgnores)
	}
	if cfg.TrustedProxy != (TrustedProxy{Hops: 2, Header: "CF-Connecting-IP"}) {
		t.Errorf("TrustedProxy = %+v", cfg.TrustedProxy)
	}
	want := []Wrapper{
		{Python: "acme.store.Counter.incr", Op: OpIncrement, Key: 0, KeyName: "key"},
		{Go: "(*github.com/acme/store.Counter).Get", Op: OpRead, Key: 1},
		{Python: "acme.limits.check", Op: OpDecide, Key: -1},
	}
	if !slices.Equal(cfg.Wrappers, want) {
		t.Errorf("Wrappers = %+v, want %+v", cfg.Wrappers, want)
	}
	if w, ok := cfg.GoWrapper("(*github.com/acme/store.Counter).Get"); !ok || w.Key != 1 {
		t.Errorf("GoWrapper = %+v, %v", w, ok)
	}
	if _, ok := cfg.PythonWrapper("acme.store.Counter"); ok {
		t.Error("PythonWrapper matched a prefix of a declared name")
	}
	for name, want := range map[string]bool{
		"acme_ratelimit.Limiter.hit":   true,
		"acme.web.limits.rate_limited": true,
		"acme.web.limits":              false,
		"acme_ratelimiter.hit":         false,
	} {
		if got := cfg.Limiters.IsPythonLimiter(name); got != want {
			t.Errorf("IsPythonLimiter(%q) = %v", name, got)
		}
	}
	for name, want := range map[string]bool{
		"github.com/acme/ratelimit.New":                     true,
		"(*github.com/acme/ratelimit.Limiter).Allow":        true,
		"(*github.com/acme/svc/mw.Limiter).Allow":           true,
		"(*github.com/acme/svc/mw.Limiter).Reset":           false,
		"gopkg.in/limit.v2.Take":                            true,
		"github.com/acme/ratelimiter.New":                   false,
		"(github.com/acme/ratelimit/internal.Bucket).Take":  true,
		"github.com/acme/ratelimit/internal/bucket.NewFill": true,
	} {
		if got := cfg.Limiters.IsGoLimiter(name); got != want {
			t.Errorf("IsGoLimiter(%q) = %v", name, got)
		}
	}
}

// TestStrictValidation: every unknown key and bad value is an error at
// its line and column; unknown keys list the valid ones.
func TestStrictValidation(t *testing.T) {
	tests := []struct {
		doc, want string
	}{
		{"selct = [\"RL001\"]\n", `c.toml:1:1: unknown key "selct"; valid keys: exclude, fail-on, ignore, include-tests, limiters, per-path-ignores, select, severity, trusted-proxy, wrappers`},
		{"[trusted-proxy]\nhops = 1\nhedaer = \"X\"\n", `c.toml:3:1: unknown key "hedaer" in [trusted-proxy]; valid keys: header, hops`},
		{"trusted-proxy.hedaer = \"X\"\n", `c.toml:1:15: unknown key "hedaer" in [trusted-proxy]; valid keys: header, hops`},
		{"[[wrappers]]\npython = \"a.b\"\nop = \"read\"\nkey = 0\nargument = 1\n", `c.toml:5:1: unknown key "argument" in [[wrappers]]; valid keys: go, key, key-name, op, python`},
		{"wrappers = [{python = \"a.b\", op = \"read\", ky = 1}]\n", `c.toml:1:43: unknown key "ky" in [[wrappers]]; valid keys: go, key, key-name, op, python`},
		{"select = \"RL001\"\n", `c.toml:1:10: select: want an array of strings`},
		{"include-tests = \"yes\"\n", `c.toml:1:17: include-tests: want true or false`},
		{"[trusted-proxy]\nhops = \"1\"\n", `c.toml:2:8: trusted-proxy.hops: want an integer`},
		{"select = [\"RL001\",\n  \"RL999\"]\n", `c.toml:2:3: select[2]: unknown rule "RL999" (see 'rlcheck rules')`},
		{"select = []\n", `c.toml:1:1: select: an empty list selects no rule; leave select out to run every rule`},
		{"ignore = [\"nope\"]\n", `c.toml:1:11: ignore[1]: unknown rule "nope" (see 'rlcheck rules')`},
		{"fail-on = \"critical\"\n", `c.toml:1:11: fail-on: unknown value "critical"; valid: high, medium, low, never`},
		{"[severity]\nRL001 = \"critical\"\n", `c.toml:2:9: severity.RL001: unknown severity "critical"; valid: high, medium, low`},
		{"[severity]\nRL999 = \"low\"\n", `c.toml:2:1: severity.RL999: unknown rule "RL999" (see 'rlcheck rules')`},
		{"exclude = [\"/abs/*.py\"]\n", `c.toml:1:12: exclude[1]: glob "/abs/*.py": write a slash-separated path relative to the config file's directory`},
		{"exclude = [\"../up\"]\n", `c.toml:1:12: exclude[1]: glob "../up" leaves the config file's directory`},
		{"exclude = [\"a/[b\"]\n", `c.toml:1:12: exclude[1]: glob "a/[b" is malformed`},
		{"[per-path-ignores]\n\"x/**\" = []\n", `c.toml:2:1: per-path-ignores."x/**": name the rules to ignore there; to scan nothing there, use exclude`},
		{"[trusted-proxy]\nhops = -1\n", `c.toml:2:8: trusted-proxy.hops: -1 proxies; want 0 (none) to 16`},
		{"[trusted-proxy]\nheader = \"X Real IP\"\n", `c.toml:2:10: trusted-proxy.header: "X Real IP" is no HTTP header name`},
		{"[limiters]\npython = [\"acme-rl\"]\n", `c.toml:2:11: limiters.python[1]: "acme-rl" is no dotted Python name (module, module.function or module.Class.method)`},
		{"[limiters]\ngo = [\"(*acme.Limiter.Allow\"]\n", `c.toml:2:7: limiters.go[1]: "(*acme.Limiter.Allow": want "import/path.Func" or "(*import/path.Type).Method", or an import path`},
		{"[[wrappers]]\nop = \"read\"\nkey = 0\n", `c.toml:1:3: wrappers[1]: give exactly one of python (a dotted name) or go (an import-path-qualified name)`},
		{"[[wrappers]]\npython = \"a.b\"\ngo = \"x.y/z.F\"\nop = \"read\"\nkey = 0\n", `c.toml:1:3: wrappers[1]: give exactly one of python (a dotted name) or go (an import-path-qualified name)`},
		{"[[wrappers]]\npython = \"incr\"\nop = \"increment\"\nkey = 0\n", `c.toml:2:10: wrappers[1].python: "incr" is no dotted Python name of a function (module.function or module.Class.method)`},
		{"[[wrappers]]\ngo = \"github.com/acme/store\"\nop = \"increment\"\nkey = 0\n", `c.toml:2:6: wrappers[1].go: "github.com/acme/store": want "import/path.Func" or "(*import/path.Type).Method"`},
		{"[[wrappers]]\npython = \"a.b\"\nop = \"incr\"\nkey = 0\n", `c.toml:3:6: wrappers[1].op: unknown op "incr"; valid: read, write, increment, decide`},
		{"[[wrappers]]\npython = \"a.b\"\nkey = 0\n", `c.toml:1:3: wrappers[1]: op is missing; valid: read, write, increment, decide`},
		{"[[wrappers]]\npython = \"a.b\"\nop = \"increment\"\n", `c.toml:1:3: wrappers[1]: key is missing: the 0-based position of the argument that holds the counter key`},
		{"[[wrappers]]\npython = \"a.b\"\nop = \"read\"\nkey = 40\n", `c.toml:4:7: wrappers[1].key: argument 40; want the 0-based position of the key argument, 0 to 31`},
		{"[[wrappers]]\ngo = \"x.y/z.F\"\nop = \"read\"\nkey-name = \"k\"\n", `c.toml:4:12: wrappers[1].key-name: Go has no keyword arguments; use key`},
		{"[[wrappers]]\npython = \"a.b\"\nop = \"read\"\nkey = 0\n[[wrappers]]\npython = \"a.b\"\nop = \"write\"\nkey = 0\n", `c.toml:5:3: wrappers[2]: a.b is declared twice`},
		{"select = [\"RL001\"\n", `c.toml:1:18: array is incomplete`},
		{"fail-on = \"high\"\nfail-on = \"low\"\n", `c.toml:2:1: key fail-on is already defined`},
	}
	for _, tt := range tests {
		_, _, err := Parse("c.toml", []byte(tt.doc))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q:\n got %v\nwant %s", tt.doc, err, tt.want)
		}
	}
}

func TestPyproject(t *testing.T) {
	doc := `[project]
name = "svc"
dependencies = ["boto3"]

[tool.ruff]
line-length = 100

[tool.rlcheck]
ignore = ["RL004"]

[[tool.rlcheck.wrappers]]
python = "svc.store.incr"
op = "increment"
key = 0
`
	cfg, found, err := Parse("sub/pyproject.toml", []byte(doc))
	if err != nil || !found || !slices.Equal(cfg.Ignore, []string{"RL004"}) || len(cfg.Wrappers) != 1 {
		t.Fatalf("found=%v err=%v cfg=%+v", found, err, cfg)
	}
	if _, found, err := Parse("pyproject.toml", []byte("[project]\nname = \"x\"\n[tool.black]\nx = 1\n")); found || err != nil {
		t.Errorf("a pyproject.toml without [tool.rlcheck]: found=%v err=%v", found, err)
	}
	_, _, err = Parse("pyproject.toml", []byte("[tool.rlcheck]\nfail_on = \"high\"\n"))
	if want := `pyproject.toml:2:1: unknown key "fail_on" in [tool.rlcheck]; valid keys: exclude, fail-on, ignore, include-tests, limiters, per-path-ignores, select, severity, trusted-proxy, wrappers`; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	_, _, err = Parse("pyproject.toml", []byte("[tool.rlcheck.trusted-proxy]\nhops = 1\nheaders = \"X\"\n"))
	if want := `pyproject.toml:3:1: unknown key "headers" in [tool.rlcheck.trusted-proxy]; valid keys: header, hops`; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestGlobs(t *testing.T) {
	cfg := &Config{Dir: "/repo", Exclude: []string{"migrations", "scripts/*.py", "gen/**/*.py", "build/"}}
	for p, want := range map[string]bool{
		"/repo/migrations/0001.py":      true,
		"/repo/app/migrations/0001.py":  true,
		"/repo/app/migrations":          true,
		"/repo/scripts/seed.py":         true,
		"/repo/scripts/sub/seed.py":     false,
		"/repo/gen/a/b/x.py":            true,
		"/repo/gen/x.py":                true,
		"/repo/build/lib/x.py":          true,
		"/repo/app/views.py":            false,
		"/repo":                         false,
		"/elsewhere/migrations/0001.py": false,
	} {
		if got := cfg.Excluded(filepath.FromSlash(p)); got != want {
			t.Errorf("Excluded(%s) = %v, want %v", p, got, want)
		}
	}
	cfg.PerPathIgnores = []PathIgnore{{Glob: "legacy/**", Rules: []string{"RL003"}}}
	if cfg.EnabledAt("RL003", "/repo/legacy/a/x.py") || !cfg.EnabledAt("RL001", "/repo/legacy/a/x.py") || !cfg.EnabledAt("RL003", "/repo/app/x.py") {
		t.Error("per-path ignores do not apply as documented")
	}
}

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDiscovery: the nearest config file at or above a directory governs
// it; within a directory .rlcheck.toml beats rlcheck.toml beats
// pyproject.toml; a pyproject.toml without [tool.rlcheck] does not count;
// the search stops at the repository root.
func TestDiscovery(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "above", ".rlcheck.toml"), "ignore = [\"RL001\"]\n")
	repo := filepath.Join(dir, "above", "repo")
	write(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(repo, "pyproject.toml"), "[tool.rlcheck]\nignore = [\"RL002\"]\n")
	write(t, filepath.Join(repo, "svc", "a", "rlcheck.toml"), "ignore = [\"RL003\"]\n")
	write(t, filepath.Join(repo, "svc", "a", ".rlcheck.toml"), "ignore = [\"RL004\"]\n")
	write(t, filepath.Join(repo, "svc", "b", "pyproject.toml"), "[project]\nname = \"b\"\n")
	write(t, filepath.Join(repo, "svc", "c", "rlcheck.toml"), "ignore = [\"RL005\"]\n")
	write(t, filepath.Join(dir, "norepo", "x", "y.py"), "")
	write(t, filepath.Join(dir, "above", "other", "z.py"), "")

	l := NewLoader(dir, Overrides{})
	for sub, want := range map[string]string{
		"above/repo":               "RL002",
		"above/repo/svc":           "RL002",
		"above/repo/svc/a":         "RL004",
		"above/repo/svc/a/deep/er": "RL004",
		"above/repo/svc/b":         "RL002",
		"above/repo/svc/c/x":       "RL005",
		"above/other":              "RL001",
	} {
		cfg, err := l.ForDir(filepath.Join(dir, sub))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(cfg.Ignore, []string{want}) {
			t.Errorf("%s: ignore = %v from %s, want [%s]", sub, cfg.Ignore, cfg.File, want)
		}
	}
	// No config file above the repository root is read.
	write(t, filepath.Join(dir, "above", "repo2", ".git"), "gitdir: /elsewhere\n")
	if cfg, err := l.ForDir(filepath.Join(dir, "above", "repo2", "pkg")); err != nil || cfg.File != "" || cfg.Ignore != nil {
		t.Errorf("repo2: %+v %v, want the defaults", cfg, err)
	}
	if got := l.Get(filepath.Join(repo, "svc", "a", "x.py")); !slices.Equal(got.Ignore, []string{"RL004"}) {
		t.Errorf("Get = %v", got.Ignore)
	}
	if got := l.Get(filepath.Join(dir, "never", "asked.py")); got.File != "" {
		t.Errorf("Get of an unresolved directory = %s, want the defaults", got.File)
	}
	if n := len(l.Configs()); n != 5 {
		t.Errorf("Configs() = %d configs, want 5 (4 files and the defaults)", n)
	}

	write(t, filepath.Join(repo, "bad", ".rlcheck.toml"), "[severity]\nRL001 = 3\n")
	_, err := l.ForDir(filepath.Join(repo, "bad", "x"))
	if want := "above/repo/bad/.rlcheck.toml:2:9: severity.RL001: want a string"; err == nil || err.Error() != want {
		t.Errorf("bad file: %v, want %s", err, want)
	}
}

// TestOverridesAndSettings: command-line settings replace the files'
// keys; Settings says where each value came from.
func TestOverridesAndSettings(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".git", "HEAD"), "")
	write(t, filepath.Join(dir, ".rlcheck.toml"), "ignore = [\"RL004\"]\nfail-on = \"high\"\n\n[severity]\nRL008 = \"low\"\n")
	never := rules.Severity(0)
	l := NewLoader(dir, Overrides{Select: []string{"RL001", "RL004"}, FailOn: &never})
	cfg, err := l.ForDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.FailOn != 0 || !cfg.Enabled("RL001") || cfg.Enabled("RL004") || cfg.Enabled("RL002") {
		t.Errorf("FailOn=%v Select=%v Ignore=%v", cfg.FailOn, cfg.Select, cfg.Ignore)
	}
	var got []string
	for _, s := range cfg.Settings() {
		got = append(got, s.Key+" = "+s.Value+"  # "+s.Origin)
	}
	want := []string{
		`select = ["RL001", "RL004"]  # command line (--rules)`,
		`ignore = ["RL004"]  # .rlcheck.toml:1`,
		`exclude = []  # default`,
		`include-tests = false  # default`,
		`fail-on = "never"  # command line (--fail-on)`,
		`per-path-ignores = {}  # default`,
		`severity.RL008 = "low"  # .rlcheck.toml:5`,
		`trusted-proxy.hops = 0  # default`,
		`trusted-proxy.header = ""  # default`,
		`limiters.python = []  # default`,
		`limiters.go = []  # default`,
		`wrappers = []  # default`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Settings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRemap: a worktree of another revision is governed by the
// checkout's config files, with globs matching the worktree's paths.
func TestRemap(t *testing.T) {
	dir := t.TempDir()
	checkout, worktree := filepath.Join(dir, "checkout"), filepath.Join(dir, "wt")
	write(t, filepath.Join(checkout, ".git", "HEAD"), "")
	write(t, filepath.Join(checkout, "svc", ".rlcheck.toml"), "exclude = [\"gen\"]\n")
	write(t, filepath.Join(worktree, ".git"), "gitdir: x\n")
	write(t, filepath.Join(worktree, "svc", ".rlcheck.toml"), "exclude = [\"old\"]\n")
	l := NewLoader(worktree, Overrides{})
	l.Remap(worktree, checkout)
	cfg, err := l.ForDir(filepath.Join(worktree, "svc", "pkg"))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Excluded(filepath.Join(worktree, "svc", "gen", "x.py")) || cfg.Excluded(filepath.Join(worktree, "svc", "old", "x.py")) {
		t.Errorf("remapped config: file %s dir %s exclude %v", cfg.File, cfg.Dir, cfg.Exclude)
	}
}
