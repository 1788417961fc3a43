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
// run over all of them.
func BenchmarkAnalyzers(b *testing.B) {
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
	for _, dir := range []string{"rl001", "rl002", "rl003", "rl004", "rl005", "rl006", "rl007", "rl008", "rl009", "rl010", "rl016"} {
		patterns = append(patterns, dir+"/...")
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		b.Fatal(err)
	}
	if len(pkgs) == 0 || packages.PrintErrors(pkgs) > 0 {
		b.Fatalf("%d packages, or load errors above", len(pkgs))
	}
	analyzers := gocode.Analyzers()
	b.ResetTimer()
	for range b.N {
		if _, err := checker.Analyze(analyzers, pkgs, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pkgs)), "pkgs")
}
