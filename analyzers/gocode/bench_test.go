package gocode_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
)

// BenchmarkAnalyzers measures all Go analyzers on the fixture packages
// under testdata/gosrc (loaded once, GOPATH mode like analysistest), per
// run over all of them, one package at a time as go vet runs them (the
// summary pass on every dependency, with facts).
func BenchmarkAnalyzers(b *testing.B) {
	pkgs := loadFixtures(b)
	analyzers := gocode.Analyzers()
	b.ResetTimer()
	for range b.N {
		if _, err := checker.Analyze(analyzers, pkgs, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pkgs)), "pkgs")
}

// BenchmarkAnalyzersModule measures the same packages analyzed as one
// module, as rlcheck scan does: the summary solved over all of them, with
// the SSA form and the call graph built each run.
func BenchmarkAnalyzersModule(b *testing.B) {
	pkgs := loadFixtures(b)
	b.ResetTimer()
	for range b.N {
		if _, err := checker.Analyze(gocode.ForModule(pkgs, gocode.Analyzers(), nil), pkgs, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pkgs)), "pkgs")
}

// loadFixtures loads the fixture packages of every rule.
func loadFixtures(b *testing.B) []*packages.Package {
	gopath, err := filepath.Abs(filepath.Join("..", "..", "testdata", "gosrc"))
	if err != nil {
		b.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOPROXY=off", "GOWORK=off"),
	}
	var patterns []string
	for _, dir := range []string{"rl001", "rl002", "rl003", "rl004", "rl005", "rl006", "rl007", "rl008", "rl009", "rl010", "rl015", "rl016"} {
		patterns = append(patterns, dir+"/...")
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		b.Fatal(err)
	}
	if len(pkgs) == 0 || packages.PrintErrors(pkgs) > 0 {
		b.Fatalf("%d packages, or load errors above", len(pkgs))
	}
	return pkgs
}
