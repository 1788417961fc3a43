// Package pythontest runs Python rules over fixture files and compares
// their findings with expectations written in the fixtures, the way
// analysistest does for Go analyzers:
//
//	table.update_item(...)  # want "RL002 \\[high\\]"
//
// Each string after want is a regular expression matched against
// "RLxxx [severity] message" of a finding on that line. A finding that no
// want matches fails the test, and so does a want that no finding matches.
// "# todo-want" marks a documented gap: the finding must NOT be produced
// yet, so that fixing the gap forces the marker to become a want.
//
// Each .py file directly in the fixture directory is checked on its own.
// Each subdirectory is a project of several modules (a package with api/,
// core/, utils/ ...), checked as one: expectations may sit in any of its
// files. A project may carry its configuration (.rlcheck.toml,
// rlcheck.toml, pyproject.toml), which governs its files as in a scan.
package pythontest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/python"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/finding"
)

// Run checks every .py file in dir on its own, and every subdirectory of
// dir as one project, with the given rules enabled.
func Run(t *testing.T, dir string, ruleIDs ...string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.py"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	enabled := func(id string) bool { return slices.Contains(ruleIDs, id) }
	projects := 0
	for _, e := range entries {
		if e.IsDir() {
			projects++
			runProject(t, filepath.Join(dir, e.Name()), enabled)
		}
	}
	if len(files) == 0 && projects == 0 {
		t.Fatalf("no Python fixtures in %s", dir)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		fs, notes := python.Check(filepath.Base(file), src, enabled)
		for _, n := range notes {
			t.Errorf("%s: unexpected notification: %s", file, n.Message)
		}
		for _, problem := range Compare(src, fs) {
			t.Errorf("%s:%s", file, problem)
		}
	}
}

// runProject checks the .py files under dir as one project.
func runProject(t *testing.T, dir string, enabled func(string) bool) {
	t.Helper()
	root, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	var inputs []python.Input
	srcs := make(map[string][]byte)
	loader := config.NewLoader(root, config.Overrides{})
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".py" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		srcs[rel] = src
		cfg, err := loader.ForDir(filepath.Dir(path))
		if err != nil {
			return err
		}
		inputs = append(inputs, python.Input{Path: path, Rel: rel, Src: src, Config: cfg})
		return nil
	})
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no Python files in the fixture project %s (%v)", dir, err)
	}
	fs, notes, _ := python.CheckProject(inputs, []string{root}, enabled)
	for _, n := range notes {
		t.Errorf("%s: unexpected notification: %s", dir, n.Message)
	}
	byFile := make(map[string][]finding.Finding)
	for _, f := range fs {
		byFile[f.Location.Path] = append(byFile[f.Location.Path], f)
	}
	for rel, src := range srcs {
		for _, problem := range Compare(src, byFile[rel]) {
			t.Errorf("%s:%s", filepath.Join(dir, rel), problem)
		}
	}
}

// expectation is one want or todo-want string on a line.
type expectation struct {
	line int
	re   *regexp.Regexp
	todo bool
	used bool
}

var marker = regexp.MustCompile(`#\s*(todo-want|want)\s+(.*)$`)

// Compare matches findings against the expectations in src and returns
// one description per mismatch.
func Compare(src []byte, fs []finding.Finding) []string {
	var problems []string
	var exps []*expectation
	for i, line := range strings.Split(string(src), "\n") {
		m := marker.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		patterns, err := quoted(m[2])
		if err != nil {
			problems = append(problems, fmt.Sprintf("%d: bad %s comment: %v", i+1, m[1], err))
			continue
		}
		for _, p := range patterns {
			re, err := regexp.Compile(p)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%d: bad regexp %q: %v", i+1, p, err))
				continue
			}
			exps = append(exps, &expectation{line: i + 1, re: re, todo: m[1] == "todo-want"})
		}
	}
	for _, f := range fs {
		text := fmt.Sprintf("%s [%s] %s", f.RuleID, f.Severity, f.Message)
		matched := false
		for _, e := range exps {
			if e.line == f.Location.Start.Line && !e.used && e.re.MatchString(text) {
				e.used, matched = true, true
				if e.todo {
					problems = append(problems, fmt.Sprintf("%d: %s is now found: turn its todo-want into a want", e.line, text))
				}
				break
			}
		}
		if !matched {
			problems = append(problems, fmt.Sprintf("%d:%d: unexpected finding: %s", f.Location.Start.Line, f.Location.Start.Column, text))
		}
	}
	for _, e := range exps {
		if !e.used && !e.todo {
			problems = append(problems, fmt.Sprintf("%d: no finding matches want %q", e.line, e.re))
		}
	}
	return problems
}

// quoted parses a sequence of Go-quoted strings ("a" "b").
func quoted(s string) ([]string, error) {
	var out []string
	s = strings.TrimSpace(s)
	for s != "" {
		prefix, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, fmt.Errorf("want strings must be double-quoted: %s", s)
		}
		v, _ := strconv.Unquote(prefix)
		out = append(out, v)
		s = strings.TrimSpace(s[len(prefix):])
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no expectation")
	}
	return out, nil
}
