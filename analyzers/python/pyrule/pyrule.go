// Package pyrule is the interface between the Python engine and its rules:
// a Rule runs on a Pass, which holds the parsed file and collects the
// rule's findings.
package pyrule

import (
	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

// Rule is one Python rule.
type Rule struct {
	ID  string // catalog ID, such as "RL002"
	Run func(*Pass)
}

// Pass is one rule's run over one file.
type Pass struct {
	File     *pyfile.File
	Rule     *rules.Rule
	Findings []finding.Finding
}

// Related is another place a finding involves.
type Related struct {
	Node    *pyast.Node
	Message string
}

// Report records a finding at n with severity sev (0 for the rule's
// default).
func (p *Pass) Report(n *pyast.Node, sev rules.Severity, msg string, related ...Related) {
	if sev == 0 {
		sev = p.Rule.Severity
	}
	f := finding.Finding{RuleID: p.Rule.ID, Severity: sev, Message: msg, Location: p.File.Location(n)}
	for _, r := range related {
		loc := p.File.Location(r.Node)
		loc.Message = r.Message
		f.Related = append(f.Related, loc)
	}
	p.Findings = append(p.Findings, f)
}

// ReportSpan records a finding that spans from the start of from to the
// end of to.
func (p *Pass) ReportSpan(from, to *pyast.Node, sev rules.Severity, msg string) {
	p.Report(from, sev, msg)
	last := &p.Findings[len(p.Findings)-1]
	last.Location.End = p.File.Location(to).End
}
