package discover

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tree writes files (path -> contents) under a new temporary directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func rels(t *testing.T, root string, paths []string) []string {
	t.Helper()
	var out []string
	for _, p := range paths {
		r, err := filepath.Rel(root, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(r))
	}
	return out
}

func TestFindSkipsWhatTheRepoDoesNotOwn(t *testing.T) {
	root := tree(t, map[string]string{
		".git/HEAD":                          "ref: refs/heads/main\n",
		".gitignore":                         "build/\n*.gen.py\n!keep.gen.py\n",
		"app/main.py":                        "",
		"app/limits.gen.py":                  "",
		"app/keep.gen.py":                    "",
		"app/sub/.gitignore":                 "local.py\n",
		"app/sub/local.py":                   "",
		"app/sub/kept.py":                    "",
		"build/out.py":                       "",
		"node_modules/pkg/x.py":              "",
		"vendor/x.py":                        "",
		"__pycache__/x.py":                   "",
		"myenv/pyvenv.cfg":                   "",
		"myenv/lib/python3.11/site.py":       "",
		".venv/lib/x.py":                     "",
		"other/lib/site-packages/boto3/x.py": "",
		"README.md":                          "",
	})
	in, err := Find([]string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := rels(t, root, in.PythonFiles)
	want := []string{"app/keep.gen.py", "app/main.py", "app/sub/kept.py"}
	if !slices.Equal(got, want) {
		t.Errorf("python files = %q, want %q", got, want)
	}
	if len(in.Problems) != 0 {
		t.Errorf("problems = %v", in.Problems)
	}
}

func TestFindParentGitignoreAppliesToSubdirectoryScan(t *testing.T) {
	root := tree(t, map[string]string{
		".git/HEAD":          "",
		".gitignore":         "generated/\n",
		"svc/a.py":           "",
		"svc/generated/b.py": "",
	})
	in, err := Find([]string{filepath.Join(root, "svc")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rels(t, root, in.PythonFiles); !slices.Equal(got, []string{"svc/a.py"}) {
		t.Errorf("python files = %q", got)
	}
}

func TestFindExplicitFileBeatsIgnore(t *testing.T) {
	root := tree(t, map[string]string{
		".git/HEAD":  "",
		".gitignore": "*.py\n",
		"x.py":       "",
	})
	in, err := Find([]string{filepath.Join(root, "x.py")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.PythonFiles) != 1 {
		t.Errorf("explicit ignored file not scanned: %v", in.PythonFiles)
	}
}

func TestFindGroupsGoDirectoriesByModule(t *testing.T) {
	root := tree(t, map[string]string{
		"svc/go.mod":                 "module example.com/svc\n",
		"svc/main.go":                "package main\n",
		"svc/internal/rl/rl.go":      "package rl\n",
		"svc/internal/rl/rl_test.go": "package rl\n",
		"svc/testdata/x/x.go":        "package x\n",
		"svc/_old/y.go":              "package y\n",
		"svc/tools/go.mod":           "module example.com/tools\n",
		"svc/tools/t.go":             "package tools\n",
		"loose/l.go":                 "package loose\n",
		"loose/l_test.go":            "package loose\n",
	})
	in, err := Find([]string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range in.Go {
		r, _ := filepath.Rel(root, g.Dir)
		for _, p := range g.Patterns {
			got = append(got, filepath.ToSlash(r)+" "+p)
		}
	}
	want := []string{
		"loose l.go",
		"svc .",
		"svc ./internal/rl",
		"svc/tools .",
	}
	if !slices.Equal(got, want) {
		t.Errorf("go targets = %q, want %q", got, want)
	}
}

func TestFindSubdirectoryOfModule(t *testing.T) {
	root := tree(t, map[string]string{
		"go.mod": "module example.com/m\n",
		"a/a.go": "package a\n",
		"b/b.go": "package b\n",
	})
	in, err := Find([]string{filepath.Join(root, "a")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Go) != 1 || in.Go[0].Dir != root || !slices.Equal(in.Go[0].Patterns, []string{"./a"}) {
		t.Errorf("go targets = %+v", in.Go)
	}
}

func TestFindReportsMissingPaths(t *testing.T) {
	root := tree(t, map[string]string{"a.py": "", "notes.txt": ""})
	in, err := Find([]string{filepath.Join(root, "missing"), filepath.Join(root, "a.py"), filepath.Join(root, "notes.txt")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.PythonFiles) != 1 {
		t.Errorf("python files = %v", in.PythonFiles)
	}
	if len(in.Problems) != 2 || !in.Problems[0].Explicit || !in.Problems[1].Explicit {
		t.Errorf("problems = %v, want the missing path and the non-source file", in.Problems)
	}
}

func TestFindUnreadableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permissions do not apply to root")
	}
	root := tree(t, map[string]string{"ok.py": "", "locked/x.py": ""})
	locked := filepath.Join(root, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	in, err := Find([]string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.PythonFiles) != 1 || len(in.Problems) != 1 || in.Problems[0].Explicit {
		t.Errorf("files = %v, problems = %v", in.PythonFiles, in.Problems)
	}
}

func TestFindNeedsPaths(t *testing.T) {
	if _, err := Find(nil, Options{}); err == nil {
		t.Error("Find(nil, Options{}) succeeded")
	}
}

// TestFindDirectoryThatIsNoImportPath: "my dir" and "zähler" are no valid
// import paths, so the go command cannot load them as packages of their
// module; their files are loaded by name instead, each directory in a
// target of its own.
func TestFindDirectoryThatIsNoImportPath(t *testing.T) {
	root := tree(t, map[string]string{
		"go.mod":              "module example.com/m\n",
		"ok/a.go":             "package ok\n",
		"my dir/b.go":         "package mydir\n",
		"my dir/c.go":         "package mydir\n",
		"my dir/c_test.go":    "package mydir\n",
		"my dir/sub/d.go":     "package sub\n",
		"zähler/z.go":         "package zahler\n",
		"weird,name/w.go":     "package weird\n",
		"ok/deeper dir/dd.go": "package dd\n",
	})
	in, err := Find([]string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range in.Go {
		if g.Dir != root || !g.Module {
			t.Errorf("target %+v is not the module's", g)
		}
		got = append(got, strings.Join(g.Patterns, " "))
	}
	want := []string{
		"./my dir/b.go ./my dir/c.go",
		"./my dir/sub/d.go",
		"./ok",
		"./ok/deeper dir/dd.go",
		"./weird,name/w.go",
		"./zähler/z.go",
	}
	if !slices.Equal(got, want) {
		t.Errorf("go targets = %q, want %q", got, want)
	}
}

// TestTestFilesAreLeftOut: Python test files (by name and by directory)
// and Go _test.go files are left out and counted, unless IncludeTests
// says otherwise for their directory; a named test file, and a named test
// directory, are scanned.
func TestTestFilesAreLeftOut(t *testing.T) {
	root := tree(t, map[string]string{
		".git/HEAD":                 "",
		"go.mod":                    "module example.com/m\n\ngo 1.22\n",
		"app/limits.py":             "",
		"app/test_limits.py":        "",
		"app/limits_test.py":        "",
		"app/conftest.py":           "",
		"app/tests.py":              "",
		"app/testing_utils.py":      "",
		"app/tests/helpers.py":      "",
		"test/e2e/flow.py":          "",
		"lib/testing/fixtures.py":   "",
		"limiter/count.go":          "package limiter\n",
		"limiter/count_test.go":     "package limiter\n",
		"onlytests/x_test.go":       "package onlytests\n",
		"other/tests/unit/check.py": "",
	})
	in, err := Find([]string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rels(t, root, in.PythonFiles), []string{"app/limits.py", "app/testing_utils.py"}; !slices.Equal(got, want) {
		t.Errorf("python files %v, want %v", got, want)
	}
	if in.TestFiles != 10 {
		t.Errorf("TestFiles = %d, want 10 (8 Python, 2 Go)", in.TestFiles)
	}
	if len(in.Go) != 1 || !slices.Equal(in.Go[0].Patterns, []string{"./limiter"}) || in.Go[0].Tests {
		t.Errorf("go targets %+v, want ./limiter without tests", in.Go)
	}

	// IncludeTests for one directory.
	in, err = Find([]string{root}, Options{IncludeTests: func(dir string) bool { return filepath.Base(dir) == "app" || filepath.Base(dir) == "limiter" }})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rels(t, root, in.PythonFiles), []string{"app/conftest.py", "app/limits.py", "app/limits_test.py", "app/test_limits.py", "app/testing_utils.py", "app/tests.py"}; !slices.Equal(got, want) {
		t.Errorf("python files %v, want %v", got, want)
	}
	if in.TestFiles != 5 {
		t.Errorf("TestFiles = %d, want 5 (tests/helpers.py, test/e2e, lib/testing, other/tests, onlytests)", in.TestFiles)
	}
	if len(in.Go) != 1 || !in.Go[0].Tests {
		t.Errorf("go targets %+v, want ./limiter with tests", in.Go)
	}

	// Named explicitly: a test file, a test directory, a directory in one.
	in, err = Find([]string{filepath.Join(root, "app", "test_limits.py"), filepath.Join(root, "app", "tests"), filepath.Join(root, "other", "tests", "unit"), filepath.Join(root, "onlytests", "x_test.go")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rels(t, root, in.PythonFiles), []string{"app/test_limits.py", "app/tests/helpers.py", "other/tests/unit/check.py"}; !slices.Equal(got, want) || in.TestFiles != 0 {
		t.Errorf("python files %v (want %v), %d test files left out", got, want, in.TestFiles)
	}
	if len(in.Go) != 1 || !in.Go[0].Tests || !slices.Equal(in.Go[0].Patterns, []string{"./onlytests"}) {
		t.Errorf("go targets %+v, want ./onlytests with tests", in.Go)
	}
}

// TestExcluded: what Excluded matches is left out below the named paths
// (a directory is not entered) and counted; a named file is scanned.
func TestExcluded(t *testing.T) {
	root := tree(t, map[string]string{
		"app/limits.py":       "",
		"app/gen/models.py":   "",
		"app/gen/more.py":     "",
		"migrations/0001.py":  "",
		"svc/go.mod":          "module example.com/svc\n\ngo 1.22\n",
		"svc/gen/gen.go":      "package gen\n",
		"svc/keep/keep.go":    "package keep\n",
		"svc/mixed/a.go":      "package mixed\n",
		"svc/mixed/a_gen.go":  "package mixed\n",
		"svc/allgen/x_gen.go": "package allgen\n",
	})
	var asked []string
	excluded := func(p string) bool {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		asked = append(asked, rel)
		return rel == "app/gen" || rel == "migrations/0001.py" || rel == "svc/gen" || strings.HasSuffix(rel, "_gen.go")
	}
	in, err := Find([]string{root, filepath.Join(root, "migrations", "0001.py")}, Options{Excluded: excluded})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rels(t, root, in.PythonFiles), []string{"app/limits.py", "migrations/0001.py"}; !slices.Equal(got, want) {
		t.Errorf("python files %v, want %v", got, want)
	}
	if len(in.Go) != 1 || !slices.Equal(in.Go[0].Patterns, []string{"./keep", "./mixed"}) {
		t.Errorf("go targets %+v, want ./keep and ./mixed", in.Go)
	}
	if in.Excluded != 5 {
		t.Errorf("Excluded = %d, want 5", in.Excluded)
	}
	if slices.Contains(asked, "app/gen/models.py") || slices.Contains(asked, ".") {
		t.Errorf("Excluded was asked about %v: an excluded directory is not entered, the named root is not asked", asked)
	}
}
