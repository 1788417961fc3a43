// Package discover finds the inputs of a scan: Python files and Go packages
// under the paths the user names, skipping what a repository does not own
// (version-control metadata, virtual environments, vendored and installed
// dependencies, caches) and what its .gitignore files ignore.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// GoTarget is a set of Go packages to load together: Dir is the directory
// to run the go command in (a module root, or a directory of loose files
// outside any module) and Patterns the package patterns relative to it
// ("./internal/limiter") or, outside a module, file names.
type GoTarget struct {
	Dir      string
	Module   bool
	Patterns []string
}

// Inputs is what a scan analyzes.
type Inputs struct {
	PythonFiles []string // absolute paths, sorted
	Go          []GoTarget
	// Problems are paths that could not be read. A problem with an
	// explicitly named path is an error-level notification.
	Problems []Problem
}

// Problem is a path that could not be scanned.
type Problem struct {
	Path     string // absolute
	Err      error
	Explicit bool // the user named this path on the command line
}

// skippedDirs are directory names never descended into: VCS metadata,
// dependency trees and caches.
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, ".bzr": true,
	"node_modules": true, "vendor": true, "__pycache__": true,
	".venv": true, "venv": true, "site-packages": true, "dist-packages": true,
	".tox": true, ".nox": true, ".eggs": true, ".mypy_cache": true,
	".pytest_cache": true, ".ruff_cache": true, ".direnv": true,
}

// Find walks paths (files or directories; relative paths are taken from the
// working directory) and returns what to analyze. A file named explicitly is
// analyzed even when ignored. Find fails only when no path was given.
func Find(paths []string) (*Inputs, error) {
	if len(paths) == 0 {
		return nil, errors.New("no paths to scan")
	}
	c := &collector{goDirs: make(map[string]bool), pyFiles: make(map[string]bool)}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			c.problem(p, err, true)
			continue
		}
		c.walkRoot(abs)
	}
	in := &Inputs{Problems: c.problems}
	for f := range c.pyFiles {
		in.PythonFiles = append(in.PythonFiles, f)
	}
	slices.Sort(in.PythonFiles)
	in.Go = groupGoDirs(c.goDirs)
	return in, nil
}

type collector struct {
	goDirs   map[string]bool // directories with Go files to analyze
	pyFiles  map[string]bool
	problems []Problem
}

func (c *collector) problem(path string, err error, explicit bool) {
	c.problems = append(c.problems, Problem{Path: path, Err: err, Explicit: explicit})
}

func (c *collector) walkRoot(abs string) {
	info, err := os.Stat(abs)
	if err != nil {
		c.problem(abs, err, true)
		return
	}
	if !info.IsDir() {
		switch {
		case isPython(abs):
			c.pyFiles[abs] = true
		case isGo(abs):
			c.goDirs[filepath.Dir(abs)] = true
		default:
			c.problem(abs, errors.New("not a Python or Go file"), true)
		}
		return
	}
	ign := newIgnorer(abs)
	err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			c.problem(path, err, path == abs)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != abs && (skippedDirs[d.Name()] || isVirtualenv(path) || ign.ignored(path, true)) {
				return fs.SkipDir
			}
			ign.enter(path)
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		if ign.ignored(path, false) {
			return nil
		}
		switch {
		case isPython(path):
			c.pyFiles[path] = true
		case isGo(path) && goDirAllowed(abs, path):
			c.goDirs[filepath.Dir(path)] = true
		}
		return nil
	})
	if err != nil {
		c.problem(abs, err, true)
	}
}

func isPython(path string) bool { return strings.HasSuffix(path, ".py") }

// isGo accepts Go source files other than tests: rate-limit code lives in
// the program, and test files often hold deliberately broken examples.
func isGo(path string) bool {
	return strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go")
}

// goDirAllowed applies the go command's own rule below the scan root:
// directories named testdata or starting with "." or "_" hold no packages.
func goDirAllowed(root, file string) bool {
	rel, err := filepath.Rel(root, filepath.Dir(file))
	if err != nil || rel == "." {
		return true
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if part == "testdata" || strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") {
			return false
		}
	}
	return true
}

// isVirtualenv reports whether dir is a Python virtual environment, under
// whatever name it was created.
func isVirtualenv(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "pyvenv.cfg"))
	return err == nil
}

// groupGoDirs assigns each directory to the module that contains it and
// turns the directories into package patterns for that module.
func groupGoDirs(dirs map[string]bool) []GoTarget {
	byModule := make(map[string][]string)
	var loose []string
	for dir := range dirs {
		if mod := moduleRoot(dir); mod != "" {
			pattern := "."
			if rel, _ := filepath.Rel(mod, dir); rel != "." {
				pattern = "./" + filepath.ToSlash(rel)
			}
			byModule[mod] = append(byModule[mod], pattern)
		} else {
			loose = append(loose, dir)
		}
	}
	var out []GoTarget
	for mod, pats := range byModule {
		slices.Sort(pats)
		out = append(out, GoTarget{Dir: mod, Module: true, Patterns: pats})
	}
	for _, dir := range loose {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		var pats []string
		for _, f := range files {
			if isGo(f) {
				pats = append(pats, filepath.Base(f))
			}
		}
		out = append(out, GoTarget{Dir: dir, Patterns: pats})
	}
	slices.SortFunc(out, func(a, b GoTarget) int { return strings.Compare(a.Dir, b.Dir) })
	return out
}

// moduleRoot returns the nearest directory at or above dir that holds a
// go.mod file, or "".
func moduleRoot(dir string) string {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ignorer answers whether a path is ignored by the .gitignore files of the
// repository that contains the walk, from the repository root down.
type ignorer struct {
	base     string // repository root, or the walk root outside a repository
	patterns []gitignore.Pattern
	matcher  gitignore.Matcher
}

func newIgnorer(walkRoot string) *ignorer {
	ig := &ignorer{base: walkRoot}
	if repo := repoRoot(walkRoot); repo != "" {
		ig.base = repo
		ig.load(filepath.Join(repo, ".git", "info", "exclude"), nil)
		// The .gitignore files of the directories above the walk root
		// apply too; the walk itself reads the root's and those below.
		rel, _ := filepath.Rel(repo, walkRoot)
		dir := repo
		if rel != "." {
			for _, part := range strings.Split(rel, string(filepath.Separator)) {
				ig.enter(dir)
				dir = filepath.Join(dir, part)
			}
		}
	}
	return ig
}

// enter reads the .gitignore file of dir, if any.
func (ig *ignorer) enter(dir string) {
	ig.load(filepath.Join(dir, ".gitignore"), ig.components(dir))
}

func (ig *ignorer) load(file string, domain []string) {
	data, err := os.ReadFile(file)
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ig.patterns = append(ig.patterns, gitignore.ParsePattern(line, domain))
	}
	ig.matcher = gitignore.NewMatcher(ig.patterns)
}

func (ig *ignorer) ignored(path string, isDir bool) bool {
	if ig.matcher == nil {
		return false
	}
	return ig.matcher.Match(ig.components(path), isDir)
}

func (ig *ignorer) components(path string) []string {
	rel, err := filepath.Rel(ig.base, path)
	if err != nil || rel == "." {
		return nil
	}
	return strings.Split(filepath.ToSlash(rel), "/")
}

// repoRoot returns the nearest directory at or above dir that holds a .git
// entry, or "".
func repoRoot(dir string) string {
	for {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// String describes a problem for a notification.
func (p Problem) String() string {
	return fmt.Sprintf("%s: %v", p.Path, p.Err)
}
