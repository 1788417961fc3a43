package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
	"github.com/rlcheck/rlcheck/analyzers/python"
	"github.com/rlcheck/rlcheck/rules"
)

func TestCatalogLoads(t *testing.T) {
	all := rules.All()
	if len(all) == 0 {
		t.Fatal("empty catalog")
	}
	for i, r := range all {
		if i > 0 && all[i-1].ID >= r.ID {
			t.Errorf("catalog not sorted by ID at %s", r.ID)
		}
		if r.Name == r.ID {
			t.Errorf("%s: name must differ from ID", r.ID)
		}
		if got := rules.Lookup(strings.ToLower(r.ID)); got != r {
			t.Errorf("Lookup(%q) = %v", strings.ToLower(r.ID), got)
		}
		if !strings.HasSuffix(r.HelpURI(), "/rules/docs/"+r.ID+".md") {
			t.Errorf("%s: help URI %s", r.ID, r.HelpURI())
		}
	}
	if rules.Lookup("RL999") != nil {
		t.Error("Lookup of an unknown ID succeeded")
	}
}

// TestDocSections checks that every rule page has the sections of
// rules.Sections, each once, in that order, and nothing else at level 2.
func TestDocSections(t *testing.T) {
	heading := regexp.MustCompile(`(?m)^## (.+)$`)
	for _, r := range rules.Active() {
		var got []string
		for _, m := range heading.FindAllStringSubmatch(r.Doc, -1) {
			got = append(got, m[1])
		}
		if !slices.Equal(got, rules.Sections) {
			t.Errorf("%s: sections %q, want %q", r.ID, got, rules.Sections)
		}
		if strings.Contains(r.Doc, "TODO") {
			t.Errorf("%s: documentation contains TODO", r.ID)
		}
	}
}

// TestEveryRuleIsImplementedAndTested checks the catalog against the
// engines: a rule lists a language exactly when that engine implements it,
// and each implementation has fixtures that must fire and fixtures that
// must stay silent.
func TestEveryRuleIsImplementedAndTested(t *testing.T) {
	goRules := make(map[string]bool)
	for _, a := range gocode.Analyzers() {
		goRules[a.Name] = true
		if rules.Lookup(a.Name) == nil {
			t.Errorf("Go analyzer %s has no catalog entry", a.Name)
		}
	}
	pyRules := make(map[string]bool)
	for _, id := range python.RuleIDs() {
		pyRules[id] = true
		if rules.Lookup(id) == nil {
			t.Errorf("Python rule %s has no catalog entry", id)
		}
	}
	for _, r := range rules.Active() {
		if len(r.Languages) == 0 {
			t.Errorf("%s: no language implements it", r.ID)
		}
		if slices.Contains(r.Languages, "go") != goRules[r.ID] {
			t.Errorf("%s: catalog says go=%v, Go analyzers say %v", r.ID, slices.Contains(r.Languages, "go"), goRules[r.ID])
		}
		if slices.Contains(r.Languages, "python") != pyRules[r.ID] {
			t.Errorf("%s: catalog says python=%v, Python rules say %v", r.ID, slices.Contains(r.Languages, "python"), pyRules[r.ID])
		}
		if goRules[r.ID] {
			checkFixtures(t, r.ID, filepath.Join("..", "testdata", "gosrc", "src", strings.ToLower(r.ID)), ".go", "// want")
		}
		if pyRules[r.ID] {
			checkFixtures(t, r.ID, filepath.Join("..", "testdata", "python", r.ID), ".py", "# want")
		}
	}
}

// checkFixtures requires at least one fixture line that must produce the
// rule and one fixture file in which nothing may fire.
func checkFixtures(t *testing.T, id, dir, ext, marker string) {
	t.Helper()
	var positive, silentFiles int
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ext) {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n := strings.Count(string(data), marker)
		positive += n
		if n == 0 {
			silentFiles++
		}
		return nil
	})
	if err != nil {
		t.Errorf("%s: fixtures in %s: %v", id, dir, err)
		return
	}
	if positive == 0 || silentFiles == 0 {
		t.Errorf("%s: %s has %d expected findings and %d silent files; want both", id, dir, positive, silentFiles)
	}
}
