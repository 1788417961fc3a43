package report

import (
	"encoding/json"
	"io"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

// JSONVersion is the version of the JSON report's schema
// (docs/json-format.md). It changes only when a field changes meaning or
// disappears; new fields may appear within a version.
const JSONVersion = 1

type jsonReport struct {
	Version       int                    `json:"version"`
	Tool          jsonTool               `json:"tool"`
	Successful    bool                   `json:"successful"`
	Summary       jsonSummary            `json:"summary"`
	Findings      []jsonFinding          `json:"findings"`
	Notifications []finding.Notification `json:"notifications"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonSummary struct {
	Total  int `json:"total"`
	High   int `json:"high"`
	Medium int `json:"medium"`
	Low    int `json:"low"`
}

type jsonFinding struct {
	Rule        string             `json:"rule"`
	Name        string             `json:"name"`
	Severity    string             `json:"severity"`
	Message     string             `json:"message"`
	Location    finding.Location   `json:"location"`
	Related     []finding.Location `json:"related"`
	Fingerprint string             `json:"fingerprint"`
	HelpURI     string             `json:"help_uri"`
}

// JSON writes the report documented in docs/json-format.md.
func JSON(w io.Writer, run *Run) error {
	out := jsonReport{
		Version:       JSONVersion,
		Tool:          jsonTool{Name: "rlcheck", Version: run.ToolVersion},
		Successful:    run.Successful,
		Findings:      []jsonFinding{},
		Notifications: []finding.Notification{},
	}
	out.Notifications = append(out.Notifications, run.Notifications...)
	for _, f := range run.Findings {
		jf := jsonFinding{
			Rule:        f.RuleID,
			Severity:    f.Severity.String(),
			Message:     f.Message,
			Location:    f.Location,
			Related:     append([]finding.Location{}, f.Related...),
			Fingerprint: f.Fingerprint,
		}
		if r := rules.Lookup(f.RuleID); r != nil {
			jf.Name, jf.HelpURI = r.Name, r.HelpURI()
		}
		out.Findings = append(out.Findings, jf)
		out.Summary.Total++
		switch f.Severity {
		case rules.High:
			out.Summary.High++
		case rules.Medium:
			out.Summary.Medium++
		default:
			out.Summary.Low++
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
