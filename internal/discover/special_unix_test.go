//go:build unix

package discover

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// problems renders each problem as "path: error" relative to root, with
// a "(skipped)" or "(explicit)" mark.
func problems(root string, in *Inputs) []string {
	var out []string
	for _, p := range in.Problems {
		rel, _ := filepath.Rel(root, p.Path)
		s := filepath.ToSlash(rel) + ": " + p.Err.Error()
		if p.Skipped {
			s += " (skipped)"
		}
		if p.Explicit {
			s += " (explicit)"
		}
		out = append(out, s)
	}
	return out
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFindTakesOnlyRegularFiles: a named pipe named x.py used to hang the
// scan forever, a symlink to /dev/zero to read without end, and symlinks
// out of the tree to be read.
func TestFindTakesOnlyRegularFiles(t *testing.T) {
	outside := tree(t, map[string]string{"secret.py": "", "lib/l.py": "", "x.go": "package p\n"})
	root := tree(t, map[string]string{
		"go.mod":       "module example.com/m\n",
		"a.py":         "",
		"sub/b.py":     "",
		"pkg/p.go":     "package pkg\n",
		"pipes/p.go":   "package pipes\n",
		"cgo/c.go":     "package cgo\n",
		"plain/pl.go":  "package plain\n",
		"linked/ok.go": "package linked\n",
	})
	mkfifo(t, filepath.Join(root, "fifo.py"))
	mkfifo(t, filepath.Join(root, "pipes", "q.go"))
	mkfifo(t, filepath.Join(root, "cgo", "x.c"))
	symlink(t, "/dev/zero", filepath.Join(root, "zero.py"))
	symlink(t, filepath.Join(outside, "secret.py"), filepath.Join(root, "out.py"))
	symlink(t, filepath.Join(outside, "lib"), filepath.Join(root, "outdir"))
	symlink(t, filepath.Join(outside, "x.go"), filepath.Join(root, "pkg", "out.go"))
	symlink(t, "a.py", filepath.Join(root, "in.py"))
	symlink(t, "..", filepath.Join(root, "sub", "up"))
	symlink(t, filepath.Join("..", "plain", "pl.go"), filepath.Join(root, "linked", "pl.go"))
	symlink(t, "loop.py", filepath.Join(root, "loop.py"))
	symlink(t, "missing.py", filepath.Join(root, "broken.py"))
	mkfifo(t, filepath.Join(root, "pipe-target"))
	symlink(t, "pipe-target", filepath.Join(root, "to-pipe.py"))
	mkfifo(t, filepath.Join(root, "sub", ".gitignore")) // not read: no hang

	in, err := Find([]string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rels(t, root, in.PythonFiles), []string{"a.py", "sub/b.py"}; !slices.Equal(got, want) {
		t.Errorf("python files = %q, want %q", got, want)
	}
	var pats []string
	for _, g := range in.Go {
		pats = append(pats, g.Patterns...)
	}
	if want := []string{"./linked", "./plain"}; !slices.Equal(pats, want) {
		t.Errorf("go patterns = %q, want %q", pats, want)
	}
	want := []string{
		"broken.py: a broken symlink: file does not exist",
		"cgo: package not loaded: x.c is not a regular file but a named pipe",
		"fifo.py: not a regular file but a named pipe",
		"loop.py: a symlink loop",
		"out.py: a symlink to a regular file outside the scanned paths; not followed (skipped)",
		"outdir: a symlink to a directory outside the scanned paths; not followed (skipped)",
		"pipes: package not loaded: q.go is not a regular file but a named pipe",
		"pkg: package not loaded: out.go is a symlink to a regular file outside the scanned paths; not followed",
		"to-pipe.py: a symlink to a named pipe",
		"zero.py: a symlink to a device outside the scanned paths; not followed (skipped)",
	}
	if got := problems(root, in); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFindNamedSpecialFiles(t *testing.T) {
	root := tree(t, map[string]string{"a.py": ""})
	mkfifo(t, filepath.Join(root, "fifo.py"))
	symlink(t, "self", filepath.Join(root, "self"))
	symlink(t, "a.py", filepath.Join(root, "link.py"))
	in, err := Find([]string{filepath.Join(root, "fifo.py"), filepath.Join(root, "self"), filepath.Join(root, "link.py")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"fifo.py: not a regular file but a named pipe (explicit)",
		"self: a symlink loop (explicit)",
	}
	if got := problems(root, in); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A symlink named on the command line is followed: the user chose it.
	if got := rels(t, root, in.PythonFiles); !slices.Equal(got, []string{"link.py"}) {
		t.Errorf("python files = %q", got)
	}

	// So is a symlinked directory, walked under its own name; a symlink
	// into its target stays inside the scanned paths.
	real := tree(t, map[string]string{"a.py": "", "sub/b.py": ""})
	symlink(t, real, filepath.Join(root, "linked"))
	symlink(t, filepath.Join(real, "a.py"), filepath.Join(real, "sub", "again.py"))
	in, err = Find([]string{filepath.Join(root, "linked")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rels(t, root, in.PythonFiles); !slices.Equal(got, []string{"linked/a.py", "linked/sub/b.py"}) || len(in.Problems) != 0 {
		t.Errorf("python files = %q, problems = %v", got, in.Problems)
	}
}

func TestFindModuleWithSpecialGoMod(t *testing.T) {
	root := tree(t, map[string]string{"a/a.go": "package a\n"})
	mkfifo(t, filepath.Join(root, "go.mod"))
	in, err := Find([]string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Go) != 0 {
		t.Errorf("go targets = %+v", in.Go)
	}
	if got, want := problems(root, in), []string{".: module not loaded: its go.mod is not a regular file but a named pipe"}; !slices.Equal(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
}
