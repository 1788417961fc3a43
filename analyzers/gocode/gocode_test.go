package gocode_test

import (
	"flag"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
	"github.com/rlcheck/rlcheck/rules"
)

func TestAnalyzers(t *testing.T) {
	as := gocode.Analyzers()
	if err := analysis.Validate(as); err != nil {
		t.Fatal(err)
	}
	for i, a := range as {
		r := rules.Lookup(a.Name)
		if r == nil {
			t.Fatalf("%s: no catalog entry", a.Name)
		}
		if i > 0 && as[i-1].Name >= a.Name {
			t.Errorf("analyzers not sorted by rule ID: %s before %s", as[i-1].Name, a.Name)
		}
		if a.Doc != r.Title || a.URL != r.HelpURI() || !a.RunDespiteErrors {
			t.Errorf("%s: Doc %q, URL %q, RunDespiteErrors %v; want the catalog's title and help URI, and true", a.Name, a.Doc, a.URL, a.RunDespiteErrors)
		}
		a.Flags.VisitAll(func(f *flag.Flag) {
			t.Errorf("%s: flag -%s: analyzers take no flags", a.Name, f.Name)
		})
	}
}
