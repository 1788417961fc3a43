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

// Related is another place a finding involves, or a step of its flow; the
// node may be in another file of the project.
type Related struct {
	Node    *pyast.Node
	Message string
}

// Report records a finding at n with severity sev (0 for the rule's
// default).
func (p *Pass) Report(n *pyast.Node, sev rules.Severity, msg string, related ...Related) {
	p.ReportFlow(n, sev, msg, nil, related...)
}

// ReportFlow records a finding at n whose value takes the path flow
// (source first) across functions or files; a flow of fewer than two
// steps is left out.
func (p *Pass) ReportFlow(n *pyast.Node, sev rules.Severity, msg string, flow []Related, related ...Related) {
	if sev == 0 {
		sev = p.Rule.Severity
	}
	f := finding.Finding{RuleID: p.Rule.ID, Severity: sev, Message: msg, Location: p.location(n)}
	for _, r := range related {
		loc := p.location(r.Node)
		loc.Message = r.Message
		f.Related = append(f.Related, loc)
	}
	if len(flow) > 1 {
		for _, st := range flow {
			loc := p.location(st.Node)
			loc.Message = st.Message
			f.Flow = append(f.Flow, loc)
		}
	}
	p.Findings = append(p.Findings, f)
}

// location returns the location of a node of the project.
func (p *Pass) location(n *pyast.Node) finding.Location {
	if pr := p.File.Project(); pr != nil {
		if f := pr.FileOf(n); f != nil {
			return f.Location(n)
		}
	}
	return p.File.Location(n)
}

// ReportSpan records a finding that spans from the start of from to the
// end of to.
func (p *Pass) ReportSpan(from, to *pyast.Node, sev rules.Severity, msg string) {
	p.Report(from, sev, msg)
	last := &p.Findings[len(p.Findings)-1]
	last.Location.End = p.File.Location(to).End
}

// CallPath returns the steps from the analyzed function's call of a
// project function down to the datastore operation c runs there: each
// call, then the operation with the message final. It is empty for a
// call the analyzed function makes itself.
func (p *Pass) CallPath(c *pyfile.Call, final string) []Related {
	if !c.Lifted() {
		return nil
	}
	var out []Related
	for i, site := range c.Via {
		next := c.Node
		if i+1 < len(c.Via) {
			next = c.Via[i+1]
		}
		msg := "calls the function that runs it"
		if pr := p.File.Project(); pr != nil {
			if f := pr.FileOf(next); f != nil {
				if fn := f.EnclosingFunc(next); fn != nil {
					msg = "calls " + fn.QualName()
				}
			}
		}
		out = append(out, Related{Node: site, Message: msg})
	}
	return append(out, Related{Node: c.Node, Message: final})
}

// OpName describes a datastore operation for a message: its method, and
// for a lifted call the function that runs it ("get in RateLimiter._read").
func (p *Pass) OpName(c *pyfile.Call, what string) string {
	if !c.Lifted() {
		return what
	}
	if pr := p.File.Project(); pr != nil {
		if f := pr.FileOf(c.Node); f != nil {
			if fn := f.EnclosingFunc(c.Node); fn != nil {
				return what + " in " + fn.QualName()
			}
		}
	}
	return what
}

// Steps turns nodes with messages into flow steps.
func Steps[S any](steps []S, node func(S) *pyast.Node, msg func(S) string) []Related {
	out := make([]Related, len(steps))
	for i, s := range steps {
		out[i] = Related{Node: node(s), Message: msg(s)}
	}
	return out
}
