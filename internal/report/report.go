// Package report writes the results of a scan as text, JSON or SARIF
// 2.1.0. Writers consume only the finding model and the rule catalog, so
// both language engines share every output format.
package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/routes"
	"github.com/rlcheck/rlcheck/internal/safetext"
	"github.com/rlcheck/rlcheck/rules"
)

// Run is everything a report shows.
type Run struct {
	ToolVersion   string                 // rlcheck's semantic version, such as "0.1.0"
	Rules         []*rules.Rule          // the rules described (the active catalog); every finding's rule must be among them
	Findings      []finding.Finding      // sorted with finding.Sort, fingerprints set, paths relative and slash-separated
	Notifications []finding.Notification // problems with the run itself (unparsable files, packages that did not load)
	Successful    bool                   // false when rlcheck could not do its job
	SARIFOmitted  int                    // findings left out of the SARIF report to stay within GitHub's limits (FitSARIF)

	// Suppressed are the findings inline directives suppressed (each
	// with its Suppression), sorted like Findings. They are counted
	// everywhere, and listed only in JSON and SARIF with ShowSuppressed.
	Suppressed     []finding.Finding
	ShowSuppressed bool
	Baselined      int // findings left out because the baseline has them
	PythonFiles    int // Python files analyzed
	GoPackages     int // Go packages analyzed
	TestFiles      int // test files left out
	// Routes is the route map of the applications scanned, for the job
	// summary; nil when it was not asked for.
	Routes []routes.Route
}

// Text writes one line per finding, `path:line:col: RL001 [high] message`,
// and nothing else. A finding whose value crosses functions ends with its
// path, compactly: ` [path: utils/ip.py:5 -> core/keys.py:9 -> api/routes.py:20]`.
// Paths and messages are escaped with package safetext: a line is one
// line, whatever the file is named, and never a workflow command.
func Text(w io.Writer, run *Run) error {
	for _, f := range run.Findings {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s [%s] %s%s\n",
			safetext.LineStart(f.Location.Path), f.Location.Start.Line, f.Location.Start.Column,
			f.RuleID, f.Severity, safetext.Line(f.Message), textFlow(f.Flow)); err != nil {
			return err
		}
	}
	return nil
}

// textFlow renders a flow as " [path: a.py:5 -> b.py:9]", naming a step's
// file only when it differs from the step before; "" for no flow.
func textFlow(flow []finding.Location) string {
	if len(flow) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(" [path: ")
	for i, l := range flow {
		if i > 0 {
			b.WriteString(" -> ")
		}
		if i == 0 || flow[i-1].Path != l.Path {
			b.WriteString(safetext.Line(l.Path))
			b.WriteByte(':')
		} else {
			b.WriteString("line ")
		}
		fmt.Fprintf(&b, "%d", l.Start.Line)
	}
	b.WriteByte(']')
	return b.String()
}

// Summary is the one-line account of a run for standard error, such as
//
//	rlcheck: 3 findings (1 high, 2 medium, 0 low) in 2 files; analyzed 40 Python files and 3 Go packages; 2 suppressed; 1 error and 1 warning while scanning, see above
//
// It says what was analyzed ("nothing analyzed" when no Python file and
// no Go package was), how many findings inline directives suppressed and
// the baseline held, and how many test files were left out. The
// notifications are counted by level, the words the CLI prints in front
// of each of them; the findings left out of the SARIF report are
// counted; "the scan is incomplete" closes the line of an unsuccessful run.
func Summary(run *Run) string {
	var b strings.Builder
	b.WriteString("rlcheck: ")
	if len(run.Findings) == 0 {
		b.WriteString("no findings")
	} else {
		c := countSeverities(run.Findings)
		files := make(map[string]bool)
		for _, f := range run.Findings {
			files[f.Location.Path] = true
		}
		fmt.Fprintf(&b, "%s (%d high, %d medium, %d low) in %s",
			plural(len(run.Findings), "finding"), c.high, c.medium, c.low, plural(len(files), "file"))
	}
	if run.PythonFiles == 0 && run.GoPackages == 0 {
		b.WriteString("; nothing analyzed: no Python file and no Go package")
	} else {
		fmt.Fprintf(&b, "; analyzed %s and %s", plural(run.PythonFiles, "Python file"), plural(run.GoPackages, "Go package"))
	}
	if n := len(run.Suppressed); n > 0 {
		fmt.Fprintf(&b, "; %d suppressed", n)
	}
	if run.Baselined > 0 {
		fmt.Fprintf(&b, "; %d in the baseline", run.Baselined)
	}
	if run.TestFiles > 0 {
		fmt.Fprintf(&b, "; %s left out (--include-tests scans them)", plural(run.TestFiles, "test file"))
	}
	var errs, warnings, notes int
	for _, n := range run.Notifications {
		switch n.Level {
		case finding.LevelError:
			errs++
		case finding.LevelNote:
			notes++
		default: // SARIF's default level for a notification
			warnings++
		}
	}
	var problems []string
	for _, p := range []struct {
		n    int
		word string
	}{{errs, "error"}, {warnings, "warning"}, {notes, "note"}} {
		if p.n > 0 {
			problems = append(problems, plural(p.n, p.word))
		}
	}
	if len(problems) > 0 {
		last := len(problems) - 1
		list := problems[last]
		if last > 0 {
			list = strings.Join(problems[:last], ", ") + " and " + list
		}
		fmt.Fprintf(&b, "; %s while scanning, see above", list)
	}
	if run.SARIFOmitted > 0 {
		fmt.Fprintf(&b, "; %s left out of the SARIF report", plural(run.SARIFOmitted, "finding"))
	}
	if !run.Successful {
		b.WriteString("; the scan is incomplete")
	}
	return b.String()
}

// plural returns "1 finding", "2 findings".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// severityCounts is the number of findings at each severity.
type severityCounts struct{ high, medium, low int }

func countSeverities(fs []finding.Finding) severityCounts {
	var c severityCounts
	for _, f := range fs {
		switch f.Severity {
		case rules.High:
			c.high++
		case rules.Medium:
			c.medium++
		default:
			c.low++
		}
	}
	return c
}

// describedRules returns the rules of run sorted by ID, each once, and each
// rule's index in that order. A finding whose rule is not described is an error:
// SARIF consumers need the rule's metadata, and JSON users its name.
func describedRules(run *Run) ([]*rules.Rule, map[string]int, error) {
	sorted := slices.Clone(run.Rules)
	slices.SortStableFunc(sorted, func(a, b *rules.Rule) int { return cmp.Compare(a.ID, b.ID) })
	sorted = slices.CompactFunc(sorted, func(a, b *rules.Rule) bool { return a.ID == b.ID })
	index := make(map[string]int, len(sorted))
	for i, r := range sorted {
		index[r.ID] = i
	}
	for _, f := range slices.Concat(run.Findings, run.Suppressed) {
		if _, ok := index[f.RuleID]; !ok {
			return nil, nil, fmt.Errorf("report: finding of rule %s, which the run does not describe", f.RuleID)
		}
	}
	return sorted, index, nil
}

// writeJSON writes v indented, without HTML escaping (messages and rule
// documentation hold `<`, `>` and `&`, which must stay readable). A "##["
// inside a string (a file name, a message quoting code) is written as
// "##\u005b", the same JSON, so that a report printed to a GitHub Actions
// log cannot carry a legacy workflow command; the encoder already escapes
// line breaks, so no line can start with a "::" command.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(bytes.ReplaceAll(buf.Bytes(), []byte("##["), []byte(`##\u005b`)))
	return err
}
