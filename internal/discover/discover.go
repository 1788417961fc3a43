// Package discover finds the inputs of a scan: Python files and Go packages
// under the paths the user names, skipping what a repository does not own
// (version-control metadata, virtual environments, vendored and installed
// dependencies, caches) and what its .gitignore files ignore.
package discover

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"golang.org/x/mod/module"

	"github.com/rlcheck/rlcheck/internal/safefile"
)

// GoTarget is a set of Go packages to load together: Dir is the directory
// to run the go command in (a module root, or a directory of loose files
// outside any module) and Patterns the package patterns relative to it
// ("./internal/limiter") or, outside a module, file names. Tests asks
// for the packages' _test.go files too.
type GoTarget struct {
	Dir      string
	Module   bool
	Patterns []string
	Tests    bool
}

// Options adjust what Find takes. The zero value takes what a repository
// owns, without test files.
type Options struct {
	// IncludeTests reports whether the test files in a directory are
	// scanned; nil scans none. Python test files are test_*.py,
	// *_test.py, conftest.py, tests.py and every file below a directory named
	// tests, test or testing; Go test files are *_test.go.
	IncludeTests func(dir string) bool
	// Excluded reports whether a file or directory below a scanned
	// directory is excluded by the configuration; nil excludes nothing.
	// A Go package is left out when all its Go files are.
	Excluded func(path string) bool
}

// Inputs is what a scan analyzes.
type Inputs struct {
	PythonFiles []string // absolute paths, sorted
	Go          []GoTarget
	// Problems are paths that could not be read. A problem with an
	// explicitly named path is an error-level notification.
	Problems []Problem
	// TestFiles counts the test files left out (Python and Go).
	TestFiles int
	// Excluded counts the files and directories the configuration
	// excluded (a directory counts once, whatever it holds).
	Excluded int
}

// Problem is a path that could not be scanned, or was deliberately not
// read.
type Problem struct {
	Path     string // absolute
	Err      error
	Explicit bool // the user named this path on the command line
	// Skipped marks a path left out by rule rather than by failure: a
	// symlink out of the scanned paths. It is worth a note, not a warning.
	Skipped bool
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
//
// Only regular files are taken: a named pipe, a device or a socket with a
// source file's name is a problem, and so is a Go package directory that
// holds one (the go command would block reading it). Symlinks are never
// followed out of the scanned paths (a problem that is Skipped); one that
// stays inside them is left out too, since what it points to is scanned
// where it is. A symlink loop or a broken symlink is a problem.
//
// Test files and what opts excludes are left out below the paths named;
// a file named explicitly is taken all the same, and so are the test
// files below a named directory that is a test directory or lies in one
// (the components of its path below the repository root count).
func Find(paths []string, opts Options) (*Inputs, error) {
	if len(paths) == 0 {
		return nil, errors.New("no paths to scan")
	}
	c := &collector{opts: opts, goDirs: make(map[string]bool), badGoDirs: make(map[string]error), pyFiles: make(map[string]bool)}
	var roots []string
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			c.problem(p, err, true)
			continue
		}
		roots = append(roots, abs)
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			c.realRoots = append(c.realRoots, real)
		}
	}
	for _, abs := range roots {
		c.walkRoot(abs)
	}
	for dir, err := range c.badGoDirs {
		if _, ok := c.goDirs[dir]; ok { // else the go command never looks there
			delete(c.goDirs, dir)
			c.problem(dir, err, false)
		}
	}
	in := &Inputs{Go: c.groupGoDirs(), TestFiles: len(c.tests), Excluded: c.excluded}
	for f := range c.pyFiles {
		in.PythonFiles = append(in.PythonFiles, f)
	}
	slices.Sort(in.PythonFiles)
	slices.SortStableFunc(c.problems, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	in.Problems = c.problems
	return in, nil
}

type collector struct {
	opts      Options
	realRoots []string        // the scanned paths, symlinks resolved
	goDirs    map[string]bool // directories with Go files to analyze -> their tests too
	badGoDirs map[string]error
	pyFiles   map[string]bool
	problems  []Problem
	tests     map[string]bool // test files left out
	excluded  int
}

func (c *collector) includeTests(dir string) bool {
	return c.opts.IncludeTests != nil && c.opts.IncludeTests(dir)
}

func (c *collector) isExcluded(path string) bool {
	if c.opts.Excluded != nil && c.opts.Excluded(path) {
		c.excluded++
		return true
	}
	return false
}

// addGoDir records a package directory, with its tests or not.
func (c *collector) addGoDir(dir string, tests bool) {
	c.goDirs[dir] = c.goDirs[dir] || tests
}

// leaveOutTest records a test file that is not scanned.
func (c *collector) leaveOutTest(path string) {
	if c.tests == nil {
		c.tests = make(map[string]bool)
	}
	c.tests[path] = true
}

func (c *collector) problem(path string, err error, explicit bool) {
	c.problems = append(c.problems, Problem{Path: path, Err: err, Explicit: explicit})
}

func (c *collector) walkRoot(abs string) {
	info, err := os.Stat(abs)
	if err != nil {
		c.problem(abs, linkError(err), true)
		return
	}
	if !info.IsDir() {
		switch {
		case !info.Mode().IsRegular():
			c.problem(abs, fmt.Errorf("not a regular file but %s", safefile.Kind(info.Mode())), true)
		case isPython(abs):
			c.pyFiles[abs] = true
		case isGo(abs) || isGoTest(abs):
			c.addGoDir(filepath.Dir(abs), isGoTest(abs) || c.includeTests(filepath.Dir(abs)))
		default:
			c.problem(abs, errors.New("not a Python or Go file"), true)
		}
		return
	}
	// WalkDir does not walk into a root that is a symlink: walk its
	// target, under the name the user gave.
	base := abs
	if li, err := os.Lstat(abs); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			base = real
		}
	}
	ign := newIgnorer(abs)
	inTests := inTestDir(abs)
	err = filepath.WalkDir(base, func(walked string, d fs.DirEntry, err error) error {
		path := walked
		if base != abs {
			rel, _ := filepath.Rel(base, walked)
			path = filepath.Join(abs, rel)
		}
		if err != nil {
			c.problem(path, err, path == abs)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != abs && (skippedDirs[d.Name()] || isVirtualenv(path) || ign.ignored(path, true) || c.isExcluded(path)) {
				return fs.SkipDir
			}
			ign.enter(path)
			return nil
		}
		if ign.ignored(path, false) || (isPython(path) || goBuildFile(path)) && c.isExcluded(path) {
			return nil
		}
		tests := inTests || c.includeTests(filepath.Dir(path))
		switch mode := d.Type(); {
		case mode.IsRegular():
			switch {
			case isPython(path) && !tests && isPythonTest(abs, path):
				c.leaveOutTest(path)
			case isPython(path):
				c.pyFiles[path] = true
			case isGoTest(path) && goDirAllowed(abs, path):
				if tests {
					c.addGoDir(filepath.Dir(path), true)
				} else {
					c.leaveOutTest(path)
				}
			case isGo(path) && goDirAllowed(abs, path):
				c.addGoDir(filepath.Dir(path), tests)
			}
		case mode&fs.ModeSymlink != 0:
			c.symlink(abs, path)
		default:
			c.irregular(abs, path, fmt.Errorf("not a regular file but %s", safefile.Kind(mode)))
		}
		return nil
	})
	if err != nil {
		c.problem(abs, err, true)
	}
}

// symlink decides about a symlink met in the walk of root: it is not
// followed, and said so when it leaves the scanned paths or leads nowhere.
func (c *collector) symlink(root, path string) {
	info, err := os.Stat(path)
	if err != nil {
		c.irregular(root, path, linkError(err))
		return
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		c.irregular(root, path, err)
		return
	}
	if !c.inRoots(real) {
		err := fmt.Errorf("a symlink to %s outside the scanned paths; not followed", safefile.Kind(info.Mode()))
		switch {
		case info.IsDir() || isPython(path):
			c.problems = append(c.problems, Problem{Path: path, Err: err, Skipped: true})
		case goBuildFile(path) && goDirAllowed(root, path):
			// The go command would follow it.
			c.badGoDirs[filepath.Dir(path)] = fmt.Errorf("package not loaded: %s is %w", filepath.Base(path), err)
		}
		return
	}
	switch {
	case info.IsDir():
		// Walked where it is, unless skipped there.
	case !info.Mode().IsRegular():
		c.irregular(root, path, fmt.Errorf("a symlink to %s", safefile.Kind(info.Mode())))
	case isGo(path) && goDirAllowed(root, path):
		// The go command reads the package's files through the link.
		c.addGoDir(filepath.Dir(path), false)
	}
}

// irregular records a source file that cannot be read safely: a named
// pipe, a device, a socket, a broken symlink or a symlink loop. A Go
// package directory holding such a file is not loaded at all, since the
// go command would block reading it.
func (c *collector) irregular(root, path string, err error) {
	switch {
	case isPython(path):
		c.problem(path, err, false)
	case goBuildFile(path) && goDirAllowed(root, path) && !errors.Is(err, fs.ErrNotExist):
		// The go command reports a broken symlink itself.
		c.badGoDirs[filepath.Dir(path)] = fmt.Errorf("package not loaded: %s is %w", filepath.Base(path), err)
	}
}

// inRoots reports whether the resolved path is one of the scanned paths
// or inside one.
func (c *collector) inRoots(real string) bool {
	for _, r := range c.realRoots {
		rel, err := filepath.Rel(r, real)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// linkError names a symlink loop and a broken symlink as such.
func linkError(err error) error {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return errors.New("a symlink loop")
	case errors.Is(err, fs.ErrNotExist):
		if pe, ok := err.(*fs.PathError); ok {
			if _, lerr := os.Lstat(pe.Path); lerr == nil {
				return fmt.Errorf("a broken symlink: %w", fs.ErrNotExist)
			}
		}
	}
	return err
}

func isPython(path string) bool { return strings.HasSuffix(path, ".py") }

// goBuildFile reports whether the go command reads a file of this name
// when it loads the package in its directory: Go files, and the C,
// assembly, SWIG and Fortran files whose build constraints it checks.
func goBuildFile(path string) bool {
	switch filepath.Ext(path) {
	case ".go", ".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp", ".hxx", ".m",
		".s", ".S", ".sx", ".swig", ".swigcxx", ".f", ".F", ".for", ".f90", ".syso":
		return true
	}
	return false
}

// isGo accepts Go source files other than tests: rate-limit code lives in
// the program, and test files often hold deliberately broken examples.
func isGo(path string) bool {
	return strings.HasSuffix(path, ".go") && !isGoTest(path)
}

// isGoTest accepts Go test files.
func isGoTest(path string) bool { return strings.HasSuffix(path, "_test.go") }

// testDirs are the directory names that hold Python test code.
var testDirs = map[string]bool{"tests": true, "test": true, "testing": true}

// isPythonTest reports whether a Python file found below root is test
// code: test_*.py, *_test.py, conftest.py, tests.py (a Django app's), or
// below a directory named tests, test or testing (below root).
func isPythonTest(root, path string) bool {
	name := filepath.Base(path)
	if strings.HasPrefix(name, "test_") || strings.HasSuffix(name, "_test.py") || name == "conftest.py" || name == "tests.py" {
		return true
	}
	rel, err := filepath.Rel(root, filepath.Dir(path))
	if err != nil || rel == "." {
		return false
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if testDirs[part] {
			return true
		}
	}
	return false
}

// inTestDir reports whether a directory named for a scan is a test
// directory or lies in one: its name, or the name of a directory between
// it and the repository root, is tests, test or testing. Above the
// repository root (or outside one, above the directory itself) names do
// not count: they are where the user keeps the checkout.
func inTestDir(dir string) bool {
	if testDirs[filepath.Base(dir)] {
		return true
	}
	repo := repoRoot(dir)
	if repo == "" {
		return false
	}
	rel, err := filepath.Rel(repo, dir)
	if err != nil || rel == "." {
		return false
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if testDirs[part] {
			return true
		}
	}
	return false
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
// turns the directories into package patterns for that module. A
// directory whose path is no valid import path (a space in a directory
// name) cannot be loaded as a package of its module: its files are loaded
// as a package of their own, in a target of their own, since the go
// command takes files of one directory at a time. A module whose go.mod,
// go.sum or go.work is not a regular file is not loaded: the go command
// would block reading it.
func (c *collector) groupGoDirs() []GoTarget {
	type group struct {
		mod   string
		tests bool
	}
	byModule := make(map[group][]string)
	bad := make(map[string]bool)
	var out []GoTarget
	var loose []string
	for dir, tests := range c.goDirs {
		mod := moduleRoot(dir)
		if mod == "" {
			loose = append(loose, dir)
			continue
		}
		if err := moduleFilesRegular(mod); err != nil {
			if !bad[mod] {
				bad[mod] = true
				c.problem(mod, err, false)
			}
			continue
		}
		rel, _ := filepath.Rel(mod, dir)
		rel = filepath.ToSlash(rel)
		g := group{mod, tests}
		switch {
		case rel == ".":
			byModule[g] = append(byModule[g], ".")
		case module.CheckImportPath(rel) != nil:
			out = append(out, GoTarget{Dir: mod, Module: true, Patterns: goFiles(dir, "./"+rel+"/", tests), Tests: tests})
		default:
			byModule[g] = append(byModule[g], "./"+rel)
		}
	}
	for g, pats := range byModule {
		slices.Sort(pats)
		out = append(out, GoTarget{Dir: g.mod, Module: true, Patterns: pats, Tests: g.tests})
	}
	for _, dir := range loose {
		tests := c.goDirs[dir]
		out = append(out, GoTarget{Dir: dir, Patterns: goFiles(dir, "", tests), Tests: tests})
	}
	slices.SortFunc(out, func(a, b GoTarget) int {
		return cmp.Or(strings.Compare(a.Dir, b.Dir), slices.Compare(a.Patterns, b.Patterns))
	})
	return out
}

// goFiles lists the Go files of dir, with tests or not, each behind
// prefix.
func goFiles(dir, prefix string, tests bool) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if !e.IsDir() && (isGo(e.Name()) || tests && isGoTest(e.Name())) {
			out = append(out, prefix+e.Name())
		}
	}
	return out
}

// moduleFilesRegular checks that the module files the go command reads in
// the module root mod, when they exist, are regular files.
func moduleFilesRegular(mod string) error {
	for _, name := range []string{"go.mod", "go.sum", "go.work"} {
		if info, err := os.Stat(filepath.Join(mod, name)); err == nil && !info.Mode().IsRegular() {
			return fmt.Errorf("module not loaded: its %s is not a regular file but %s", name, safefile.Kind(info.Mode()))
		}
	}
	return nil
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

// maxIgnoreFile bounds the .gitignore files read; larger ones are not
// hand-written and are left out.
const maxIgnoreFile = 1 << 20

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
	data, err := safefile.Read(file, maxIgnoreFile)
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
