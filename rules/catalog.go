// Package rules is rlcheck's rule catalog: one record per rule, read from the
// Markdown pages embedded under docs/. Each page starts with YAML front
// matter (ID, name, severity, CWEs, ...) followed by the rule's
// documentation. The catalog feeds `rlcheck rules`, `rlcheck explain`, the
// SARIF rule list and the analyzers' default severities: nothing is written
// twice.
package rules

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// DocsBaseURL is where the rule pages are published; a rule's help URI is
// DocsBaseURL + ID + ".md".
const DocsBaseURL = "https://github.com/rlcheck/rlcheck/blob/main/rules/docs/"

// Status says whether a rule runs.
type Status string

// Rule statuses.
const (
	StatusStable  Status = "stable"  // runs by default
	StatusRemoved Status = "removed" // retired: the ID stays reserved, nothing runs
)

// Rule is one catalog record.
type Rule struct {
	ID         string   `yaml:"id"`        // stable ID such as "RL001"
	Name       string   `yaml:"name"`      // kebab-case short name, never equal to ID
	Title      string   `yaml:"title"`     // one-line description
	Severity   Severity `yaml:"severity"`  // default severity
	Precision  string   `yaml:"precision"` // SARIF precision: very-high, high, medium, low
	CWE        []int    `yaml:"cwe"`       // CWE numbers
	Tags       []string `yaml:"tags"`      // extra tags besides security and CWE tags
	Languages  []string `yaml:"languages"` // "go", "python"
	Fix        string   `yaml:"fix"`       // one- or two-sentence remediation
	Since      string   `yaml:"since"`     // first release with the rule
	Status     Status   `yaml:"status"`    // stable or removed
	Doc        string   `yaml:"-"`         // Markdown documentation without front matter
	FullDesc   string   `yaml:"-"`         // the "What it does" section as plain text
	sourceFile string
}

// HelpURI is the address of the rule's documentation page.
func (r *Rule) HelpURI() string { return DocsBaseURL + r.ID + ".md" }

// Active reports whether the rule runs (it is not retired).
func (r *Rule) Active() bool { return r.Status != StatusRemoved }

//go:embed docs/*.md
var docsFS embed.FS

var (
	loadOnce sync.Once
	catalog  []*Rule
	loadErr  error
)

// All returns every rule of the catalog, retired ones included, sorted by ID.
// It panics if the embedded catalog is malformed, which the catalog tests
// rule out for every build.
func All() []*Rule {
	loadOnce.Do(func() { catalog, loadErr = load(docsFS) })
	if loadErr != nil {
		panic(loadErr)
	}
	return catalog
}

// Active returns the rules that run, sorted by ID.
func Active() []*Rule {
	var out []*Rule
	for _, r := range All() {
		if r.Active() {
			out = append(out, r)
		}
	}
	return out
}

// Lookup returns the rule with the given ID (case-insensitive), or nil.
func Lookup(id string) *Rule {
	for _, r := range All() {
		if strings.EqualFold(r.ID, id) {
			return r
		}
	}
	return nil
}

// MustLookup is Lookup for IDs known at compile time; it panics on an
// unknown ID so that an analyzer naming a missing rule fails its tests.
func MustLookup(id string) *Rule {
	r := Lookup(id)
	if r == nil {
		panic(fmt.Sprintf("rules: no catalog entry for %s", id))
	}
	return r
}

var (
	idPattern   = regexp.MustCompile(`^RL[0-9]{3}$`)
	namePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)+$`)
	frontMatter = []byte("---\n")
)

func load(fsys fs.FS) ([]*Rule, error) {
	files, err := fs.Glob(fsys, "docs/*.md")
	if err != nil {
		return nil, err
	}
	var out []*Rule
	for _, name := range files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		r, err := parse(name, data)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	for i := 1; i < len(out); i++ {
		if out[i].ID == out[i-1].ID {
			return nil, fmt.Errorf("rules: duplicate ID %s", out[i].ID)
		}
	}
	return out, nil
}

func parse(name string, data []byte) (*Rule, error) {
	if !bytes.HasPrefix(data, frontMatter) {
		return nil, fmt.Errorf("rules: %s: missing front matter", name)
	}
	rest := data[len(frontMatter):]
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		return nil, fmt.Errorf("rules: %s: unterminated front matter", name)
	}
	r := &Rule{sourceFile: name}
	dec := yaml.NewDecoder(bytes.NewReader(rest[:end+1]))
	dec.KnownFields(true)
	if err := dec.Decode(r); err != nil {
		return nil, fmt.Errorf("rules: %s: %v", name, err)
	}
	r.Doc = strings.TrimSpace(string(rest[end+len("\n---\n"):])) + "\n"
	r.FullDesc = section(r.Doc, "What it does")
	if err := r.validate(); err != nil {
		return nil, fmt.Errorf("rules: %s: %v", name, err)
	}
	return r, nil
}

func (r *Rule) validate() error {
	switch {
	case !idPattern.MatchString(r.ID):
		return fmt.Errorf("malformed id %q", r.ID)
	case r.sourceFile != "docs/"+r.ID+".md":
		return fmt.Errorf("id %s does not match file name", r.ID)
	case !namePattern.MatchString(r.Name):
		return fmt.Errorf("name %q is not kebab-case", r.Name)
	case r.Title == "" || r.Fix == "" || r.Since == "":
		return fmt.Errorf("title, fix and since are required")
	case r.Severity == 0:
		return fmt.Errorf("severity is required")
	case len(r.CWE) == 0:
		return fmt.Errorf("at least one CWE is required")
	case r.Status != StatusStable && r.Status != StatusRemoved:
		return fmt.Errorf("unknown status %q", r.Status)
	}
	switch r.Precision {
	case "very-high", "high", "medium", "low":
	default:
		return fmt.Errorf("unknown precision %q", r.Precision)
	}
	for _, l := range r.Languages {
		if l != "go" && l != "python" {
			return fmt.Errorf("unknown language %q", l)
		}
	}
	if r.Active() && r.FullDesc == "" {
		return fmt.Errorf(`missing "What it does" section`)
	}
	return nil
}

// Sections lists the level-2 headings of a rule page, in the order every
// page must use them.
var Sections = []string{
	"What it does",
	"Why is this bad?",
	"Example",
	"Use instead",
	"How far it looks",
	"Known problems",
	"References",
}

// section returns the body of the "## title" section of doc, trimmed.
func section(doc, title string) string {
	head := "## " + title + "\n"
	i := strings.Index(doc, head)
	if i < 0 {
		return ""
	}
	body := doc[i+len(head):]
	if j := strings.Index(body, "\n## "); j >= 0 {
		body = body[:j]
	}
	return strings.TrimSpace(body)
}
