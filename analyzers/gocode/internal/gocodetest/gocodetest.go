// Package gocodetest runs a Go analyzer over fixture packages the way
// rlcheck scan does: the packages of one fixture tree analyzed as one
// module (the summary pass solved over all of them, dynamic calls resolved
// by the call graph), with analysistest's // want "regexp" comments as
// the expectations. analysistest itself runs analyzers as go vet does,
// one package at a time with facts.
package gocodetest

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/config"
)

// Diagnostic is a diagnostic with the file set it is positioned in.
type Diagnostic struct {
	analysis.Diagnostic
	Fset *token.FileSet
}

// RunModule loads the packages matching the patterns under gopath/src
// (GOPATH mode, as analysistest does), each under the config file nearest
// to its directory, analyzes them as one module with a, checks
// the diagnostics against the // want comments of their files, and
// returns them.
func RunModule(t *testing.T, gopath string, a *analysis.Analyzer, patterns ...string) []Diagnostic {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOPROXY=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) == 0 || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("%s: %d packages, or load errors above", strings.Join(patterns, " "), len(pkgs))
	}
	bound := summary.NewModule(pkgs, discover(t)).Bind([]*analysis.Analyzer{a})
	graph, err := checker.Analyze(bound, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []Diagnostic
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Errorf("%s on %s: %v", a.Name, act.Package.PkgPath, act.Err)
			continue
		}
		for _, d := range act.Diagnostics {
			out = append(out, Diagnostic{d, act.Package.Fset})
		}
	}
	check(t, pkgs, out)
	return out
}

// discover finds each package's configuration as go vet does: the
// nearest config file at or above its directory (a fixture package may
// carry one).
func discover(t *testing.T) summary.Configs {
	loader := config.NewLoader(".", config.Overrides{})
	return func(dir string) *config.Config {
		cfg, err := loader.ForDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}
}

// expectation is one // want regexp.
type expectation struct {
	pos string // file:line
	re  *regexp.Regexp
	met bool
}

func check(t *testing.T, pkgs []*packages.Package, diags []Diagnostic) {
	t.Helper()
	var wants []*expectation
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			wants = append(wants, fileWants(t, p.Fset, f)...)
		}
	}
	for _, d := range diags {
		p := d.Fset.Position(d.Pos)
		at := fmt.Sprintf("%s:%d", p.Filename, p.Line)
		matched := false
		for _, w := range wants {
			if !w.met && w.pos == at && w.re.MatchString(d.Message) {
				w.met, matched = true, true
				break
			}
		}
		if !matched {
			t.Errorf("%s: unexpected diagnostic: %s", p, d.Message)
		}
	}
	for _, w := range wants {
		if !w.met {
			t.Errorf("%s: no diagnostic was reported matching %q", w.pos, w.re)
		}
	}
}

// fileWants reads the // want comments of a file.
func fileWants(t *testing.T, fset *token.FileSet, f *ast.File) []*expectation {
	var out []*expectation
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			text := strings.TrimPrefix(c.Text, "//")
			rest, ok := strings.CutPrefix(strings.TrimSpace(text), "want ")
			if !ok {
				continue
			}
			p := fset.Position(c.Pos())
			for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
				lit, err := strconv.QuotedPrefix(rest)
				if err != nil {
					t.Fatalf("%s: bad want comment: %v", p, err)
				}
				s, _ := strconv.Unquote(lit)
				out = append(out, &expectation{pos: fmt.Sprintf("%s:%d", p.Filename, p.Line), re: regexp.MustCompile(s)})
				rest = rest[len(lit):]
			}
		}
	}
	return out
}
