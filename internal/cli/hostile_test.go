package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// goCounter is a Go package with one finding (RL004: a constant-key
// counter row).
const goCounter = `package limiter

import (
	"context"
	"database/sql"
)

func Count(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "UPDATE totals SET hits = hits + 1 WHERE name = 'global'")
	return err
}
`

// hostileCase is one class of hostile input. The harness writes it into
// a tree next to a control: control/limits.py (RL002 and RL004 findings)
// and, for Go cases, a module with control/go/count.go (RL004). The scan
// must end with code, report every finding of the control and of found,
// and record a notification holding each of notes ("level: text").
type hostileCase struct {
	name   string
	unix   bool // needs named pipes, symlinks and file names Windows lacks
	goMod  bool // the tree is a Go module with a Go control package
	files  map[string]string
	setup  func(t *testing.T, dir string)
	paths  []string // what to scan; default "."
	code   int
	found  []string // further "path:RULE" findings the report must hold
	absent []string // paths the report must not name
	notes  []string
	// internalOK tolerates internal errors of the Go analyzers (exit 2
	// then), whose fixes are under way elsewhere; the rest of the tree's
	// findings must be reported all the same.
	internalOK bool
}

func hostileCases() []hostileCase {
	deepPy := "x = " + strings.Repeat("(\n", 50_000) + "1" + strings.Repeat(")\n", 50_000)
	hugeSQL := "import psycopg\n\nconn = psycopg.connect(\"\")\n\n\ndef f():\n    conn.execute(\n        \"UPDATE totals SET hits = hits\"\n" +
		strings.Repeat("        \""+strings.Repeat(" + 1", 1000)+"\"\n", 50) + "        \" WHERE name = 'global'\"\n    )\n"
	return []hostileCase{
		{name: "empty tree", setup: func(t *testing.T, dir string) {
			mkdir(t, filepath.Join(dir, "empty"))
		}, paths: []string{"empty"}, code: ExitError, notes: []string{"error: nothing was analyzed: the paths given hold no Python file and no Go package"}},
		{name: "binary", files: map[string]string{"app/binary.py": "\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe\x00\x00"},
			code: ExitFindings, notes: []string{"warning: app/binary.py was not analyzed: not a text file"}},
		{name: "invalid UTF-8", files: map[string]string{"app/latin.py": "x = '\xff\xfe'\n"},
			code: ExitFindings, notes: []string{"warning: app/latin.py was not analyzed: not a text file: it is not valid UTF-8"}},
		{name: "BOM and CRLF", files: map[string]string{"app/bom.py": "\ufeff" + strings.ReplaceAll(vulnerable, "\n", "\r\n")},
			code: ExitFindings, found: []string{"app/bom.py:9:5:RL002", "app/bom.py:18:9:RL004"}},
		{name: "huge file", setup: func(t *testing.T, dir string) {
			mkdir(t, filepath.Join(dir, "app"))
			f, err := os.Create(filepath.Join(dir, "app", "huge.py"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := f.Truncate(1 << 40); err != nil { // sparse: 1 TiB that takes no disk
				t.Skip("no sparse files:", err)
			}
		}, code: ExitFindings, notes: []string{"note: app/huge.py was not analyzed: it is larger than 1 MiB"}},
		{name: "minified", files: map[string]string{"app/min.py": vulnerable + "D = [" + strings.Repeat("1,", 20_000) + "]\n"},
			code: ExitFindings, absent: []string{"app/min.py"}, notes: []string{"note: app/min.py was not analyzed: line 19 is 40006 bytes long"}},
		{name: "deep nesting", files: map[string]string{"app/deep.py": deepPy}, code: ExitFindings},
		{name: "syntax errors", files: map[string]string{"app/broken.py": "def f(:\n    pass\n" + vulnerable},
			code: ExitFindings, notes: []string{"warning: app/broken.py has a syntax error"}},
		{name: "symlink loop", unix: true, setup: func(t *testing.T, dir string) {
			mkdir(t, filepath.Join(dir, "app"))
			link(t, "b.py", filepath.Join(dir, "app", "a.py"))
			link(t, "a.py", filepath.Join(dir, "app", "b.py"))
			link(t, "..", filepath.Join(dir, "app", "up"))
		}, code: ExitFindings, notes: []string{"warning: app/a.py could not be scanned: a symlink loop", "warning: app/b.py could not be scanned: a symlink loop"}},
		{name: "symlink escapes", unix: true, setup: func(t *testing.T, dir string) {
			outside := t.TempDir()
			write(t, filepath.Join(outside, "secret", "limits.py"), vulnerable)
			mkdir(t, filepath.Join(dir, "app"))
			link(t, filepath.Join(outside, "secret"), filepath.Join(dir, "app", "secret"))
			link(t, filepath.Join(outside, "secret", "limits.py"), filepath.Join(dir, "app", "stolen.py"))
			link(t, "/dev/zero", filepath.Join(dir, "app", "zero.py"))
		}, code: ExitFindings, absent: []string{"app/secret", "app/stolen.py", "app/zero.py:"}, notes: []string{
			"note: app/secret was not scanned: a symlink to a directory outside the scanned paths; not followed",
			"note: app/stolen.py was not scanned: a symlink to a regular file outside the scanned paths; not followed",
			"note: app/zero.py was not scanned: a symlink to a device outside the scanned paths; not followed",
		}},
		{name: "named pipes", unix: true, goMod: true, setup: func(t *testing.T, dir string) {
			mkdir(t, filepath.Join(dir, "app"))
			fifo(t, filepath.Join(dir, "app", "pipe.py"))
			write(t, filepath.Join(dir, "piped", "p.go"), goCounter)
			fifo(t, filepath.Join(dir, "piped", "q.go"))
		}, code: ExitFindings, notes: []string{
			"warning: app/pipe.py could not be scanned: not a regular file but a named pipe",
			"warning: piped could not be scanned: package not loaded: q.go is not a regular file but a named pipe",
		}},
		{name: "named pipe named", unix: true, setup: func(t *testing.T, dir string) {
			fifo(t, filepath.Join(dir, "pipe.py"))
		}, paths: []string{".", "pipe.py"}, code: ExitError, notes: []string{"error: pipe.py could not be scanned: not a regular file but a named pipe"}},
		{name: "unreadable file", unix: true, setup: func(t *testing.T, dir string) {
			if os.Geteuid() == 0 {
				t.Skip("file permissions do not bind root")
			}
			write(t, filepath.Join(dir, "app", "locked.py"), vulnerable)
			if err := os.Chmod(filepath.Join(dir, "app", "locked.py"), 0); err != nil {
				t.Fatal(err)
			}
		}, code: ExitFindings, notes: []string{"warning: app/locked.py was not analyzed: open: permission denied"}},
		{name: "odd path names", unix: true, goMod: true, files: map[string]string{
			"app/odd\nname ::x ##[y].py": vulnerable,
			"rate limiter/count.go":      goCounter,
			"zähler/count.go":            goCounter,
		}, code: ExitFindings, found: []string{"app/odd\nname ::x ##[y].py:9:5:RL002", "rate limiter/count.go:9:12:RL004", "zähler/count.go:9:12:RL004"}},
		{name: "huge SQL", goMod: true, files: map[string]string{
			"app/sql.py":  hugeSQL,
			"huge/sql.go": "package huge\n\nimport \"database/sql\"\n\nfunc F(db *sql.DB) {\n\tdb.Exec(\"UPDATE t SET hits = hits" + strings.Repeat(" + 1", 50_000) + "\")\n}\n",
		}, code: ExitFindings, notes: []string{
			"warning: SQL text in the Python files was not analyzed: it nests about 50007 levels deep",
			"warning: SQL text in the Go packages was not analyzed: it nests about 50004 levels deep",
		}},
		{name: "Go packages that do not type-check", goMod: true, files: map[string]string{
			"broken/b.go":  strings.Replace(goCounter, "return err", "return 42", 1),
			"missing/m.go": "package missing\n\nimport \"example.com/absent/pkg\"\n\nvar X = pkg.Y\n",
			"syntax/s.go":  "package syntax\n\nfunc (\n",
			"utf/u.go":     "package utf\n\n// caf\xe9\nvar X = \"\xff\"\n",
			"deep/d.go":    "package deep\n\nvar X = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + "\n",
			"mixed/one.go": "package one\n",
			"mixed/two.go": "package two\n",
		}, code: ExitFindings, internalOK: true, found: []string{"broken/b.go:9:12:RL004"}, notes: []string{
			"warning: package example.com/hostile/broken has 2 load or type error(s)",
			"warning: the module has dependencies missing from the module cache (example.com/absent/pkg)",
			"warning: package example.com/hostile/syntax has",
			"warning: package example.com/hostile/mixed has",
		}},
	}
}

func TestHostileInputs(t *testing.T) {
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			if tc.unix && runtime.GOOS == "windows" {
				t.Skip("needs named pipes, symlinks or file names that Windows lacks")
			}
			if tc.goMod && testing.Short() {
				t.Skip("loads Go packages")
			}
			dir := project(t, tc.files)
			control := []string{"control/limits.py:9:5:RL002", "control/limits.py:18:9:RL004"}
			if tc.paths == nil {
				write(t, filepath.Join(dir, "control", "limits.py"), vulnerable)
				if tc.goMod {
					write(t, filepath.Join(dir, "go.mod"), "module example.com/hostile\n\ngo 1.22\n")
					write(t, filepath.Join(dir, "control", "go", "count.go"), goCounter)
					control = append(control, "control/go/count.go:9:12:RL004")
				}
			} else {
				control = nil
			}
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			args := append([]string{"scan", "--format", "json"}, tc.paths...)
			stdout, stderr, code := runCLI(args...)
			var report struct {
				Successful bool
				Findings   []struct {
					Rule     string
					Location struct {
						Path  string
						Start struct{ Line, Column int }
					}
				}
				Notifications []struct {
					Level, Message string
					Internal       bool
				}
			}
			if err := json.Unmarshal([]byte(stdout), &report); err != nil {
				t.Fatalf("exit %d, no JSON report (%v); stderr:\n%s", code, err, stderr)
			}
			internal := 0
			var notes []string
			for _, n := range report.Notifications {
				notes = append(notes, n.Level+": "+n.Message)
				if n.Internal {
					internal++
				}
			}
			switch {
			case internal > 0 && !tc.internalOK:
				t.Errorf("internal errors:\n%s", strings.Join(notes, "\n"))
			case internal > 0 && code != ExitError:
				t.Errorf("exit %d with internal errors, want %d", code, ExitError)
			case internal == 0 && code != tc.code:
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			var found []string
			for _, f := range report.Findings {
				found = append(found, f.Location.Path+":"+strconv.Itoa(f.Location.Start.Line)+":"+strconv.Itoa(f.Location.Start.Column)+":"+f.Rule)
			}
			for _, want := range append(control, tc.found...) {
				if !slices.Contains(found, want) {
					t.Errorf("finding %q is missing; findings:\n%s", want, strings.Join(found, "\n"))
				}
			}
			for _, path := range tc.absent {
				for _, f := range found {
					if strings.HasPrefix(f, path) {
						t.Errorf("reported %q, which must not be read", f)
					}
				}
			}
			for _, want := range tc.notes {
				if !slices.ContainsFunc(notes, func(n string) bool { return strings.HasPrefix(n, want) }) {
					t.Errorf("no notification %q; notifications:\n%s", want, strings.Join(notes, "\n"))
				}
			}
			for _, line := range strings.Split(stderr, "\n") {
				if strings.Contains(line, "goroutine ") {
					t.Errorf("stderr carries a goroutine dump: %q", line)
				}
			}
		})
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, path, body string) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, path string) {
	t.Helper()
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
}
