package report

import (
	"io"

	"github.com/rlcheck/rlcheck/internal/finding"
)

// JSONVersion is the version of the JSON report's schema
// (docs/json-format.md). It changes only when a field changes meaning or
// disappears; new fields may appear within a version.
const JSONVersion = 1

type jsonReport struct {
	Version       int                    `json:"version"`
	Tool          jsonTool               `json:"tool"`
	Successful    bool                   `json:"successful"`
	Findings      []jsonFinding          `json:"findings"`
	Suppressed    []jsonFinding          `json:"suppressed,omitempty"`
	Notifications []finding.Notification `json:"notifications"`
	Summary       jsonSummary            `json:"summary"`
}

type jsonTool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"information_uri"`
}

type jsonSummary struct {
	Total         int `json:"total"`
	High          int `json:"high"`
	Medium        int `json:"medium"`
	Low           int `json:"low"`
	Notifications int `json:"notifications"`
	Suppressed    int `json:"suppressed"`
	Baselined     int `json:"baselined"`
	PythonFiles   int `json:"python_files"`
	GoPackages    int `json:"go_packages"`
	TestFiles     int `json:"test_files_left_out"`
}

type jsonFinding struct {
	Rule        string             `json:"rule"`
	Name        string             `json:"name"`
	Severity    string             `json:"severity"`
	Message     string             `json:"message"`
	Location    finding.Location   `json:"location"`
	Related     []finding.Location `json:"related"`
	Flow        []finding.Location `json:"flow"`
	Fingerprint string             `json:"fingerprint"`
	HelpURI     string             `json:"help_uri"`
	// Suppression is the directive that suppressed a finding of the
	// suppressed list.
	Suppression *finding.Suppression `json:"suppression,omitempty"`
}

// JSON writes the report documented in docs/json-format.md. Findings,
// related locations, flows and notifications are always arrays, never null.
func JSON(w io.Writer, run *Run) error {
	described, index, err := describedRules(run)
	if err != nil {
		return err
	}
	c := countSeverities(run.Findings)
	out := jsonReport{
		Version:       JSONVersion,
		Tool:          jsonTool{Name: "rlcheck", Version: run.ToolVersion, InformationURI: InformationURI},
		Successful:    run.Successful,
		Findings:      make([]jsonFinding, 0, len(run.Findings)),
		Notifications: append([]finding.Notification{}, run.Notifications...),
		Summary: jsonSummary{
			Total: len(run.Findings), High: c.high, Medium: c.medium, Low: c.low,
			Notifications: len(run.Notifications),
			Suppressed:    len(run.Suppressed), Baselined: run.Baselined,
			PythonFiles: run.PythonFiles, GoPackages: run.GoPackages, TestFiles: run.TestFiles,
		},
	}
	convert := func(f finding.Finding) jsonFinding {
		r := described[index[f.RuleID]]
		return jsonFinding{
			Rule:        f.RuleID,
			Name:        r.Name,
			Severity:    f.Severity.String(),
			Message:     f.Message,
			Location:    f.Location,
			Related:     append([]finding.Location{}, f.Related...),
			Flow:        append([]finding.Location{}, f.Flow...),
			Fingerprint: f.Fingerprint,
			HelpURI:     r.HelpURI(),
			Suppression: f.Suppression,
		}
	}
	for _, f := range run.Findings {
		out.Findings = append(out.Findings, convert(f))
	}
	if run.ShowSuppressed {
		out.Suppressed = []jsonFinding{}
		for _, f := range run.Suppressed {
			out.Suppressed = append(out.Suppressed, convert(f))
		}
	}
	return writeJSON(w, out)
}
