// Package report writes the results of a scan as text, JSON or SARIF
// 2.1.0. Writers consume only the finding model and the rule catalog, so
// both language engines share every output format.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

// Run is everything a report shows.
type Run struct {
	ToolVersion   string                 // rlcheck's semantic version
	Rules         []*rules.Rule          // the rules described, sorted by ID
	Findings      []finding.Finding      // sorted, with fingerprints
	Notifications []finding.Notification // problems with the run itself
	Successful    bool                   // false when rlcheck could not do its job
}

// Text writes one line per finding: `path:line:col: RL001 [high] message`.
func Text(w io.Writer, run *Run) error {
	for _, f := range run.Findings {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s [%s] %s\n",
			f.Location.Path, f.Location.Start.Line, f.Location.Start.Column,
			f.RuleID, f.Severity, f.Message); err != nil {
			return err
		}
	}
	return nil
}

// Summary is the one-line account of a run for standard error, such as
// "rlcheck: 3 findings (1 high, 2 medium, 0 low); 1 problem while scanning".
func Summary(run *Run) string {
	var high, medium, low int
	for _, f := range run.Findings {
		switch f.Severity {
		case rules.High:
			high++
		case rules.Medium:
			medium++
		default:
			low++
		}
	}
	var b strings.Builder
	b.WriteString("rlcheck: ")
	switch n := len(run.Findings); n {
	case 0:
		b.WriteString("no findings")
	case 1:
		fmt.Fprintf(&b, "1 finding (%d high, %d medium, %d low)", high, medium, low)
	default:
		fmt.Fprintf(&b, "%d findings (%d high, %d medium, %d low)", n, high, medium, low)
	}
	switch n := len(run.Notifications); n {
	case 0:
	case 1:
		b.WriteString("; 1 problem while scanning, see above")
	default:
		fmt.Fprintf(&b, "; %d problems while scanning, see above", n)
	}
	if !run.Successful {
		b.WriteString("; the scan is incomplete")
	}
	return b.String()
}
