package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

// InformationURI is rlcheck's home page, named in every SARIF log.
const InformationURI = "https://github.com/rlcheck/rlcheck"

// srcRoot is the uriBaseId of every artifact: paths are relative to the
// root of the scanned checkout, which code scanning resolves itself.
const srcRoot = "%SRCROOT%"

// SARIF writes a SARIF 2.1.0 log with one run, shaped for GitHub code
// scanning: relative artifact URIs under %SRCROOT%, every rule with help
// text and security-severity, results always present (possibly empty),
// rlcheck's own partial fingerprints, and the run's problems as
// tool execution notifications.
func SARIF(w io.Writer, run *Run) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	driver := sarif.NewDriver("rlcheck")
	driver.InformationURI = ptr(InformationURI)
	driver.SemanticVersion = ptr(run.ToolVersion)
	driver.Rules = []*sarif.ReportingDescriptor{}
	index := make(map[string]uint)
	for _, r := range run.Rules {
		index[r.ID] = uint(len(driver.Rules))
		driver.Rules = append(driver.Rules, descriptor(r))
	}

	sr := sarif.NewRun(*sarif.NewTool(driver))
	sr.Results = []*sarif.Result{}
	sr.ColumnKind = "unicodeCodePoints"
	for _, f := range run.Findings {
		res, err := result(f, index)
		if err != nil {
			return err
		}
		sr.Results = append(sr.Results, res)
	}

	inv := &sarif.Invocation{ExecutionSuccessful: ptr(run.Successful)}
	for _, n := range run.Notifications {
		note := &sarif.Notification{Level: string(n.Level), Message: sarif.NewTextMessage(n.Message)}
		if n.Path != "" {
			note.Locations = []*sarif.Location{{PhysicalLocation: &sarif.PhysicalLocation{ArtifactLocation: artifact(n.Path)}}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, note)
	}
	sr.Invocations = []*sarif.Invocation{inv}
	log.AddRun(sr)

	data, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

func descriptor(r *rules.Rule) *sarif.ReportingDescriptor {
	d := sarif.NewRule(r.ID)
	d.Name = ptr(r.Name)
	d.ShortDescription = &sarif.MultiformatMessageString{Text: ptr(r.Title)}
	d.FullDescription = &sarif.MultiformatMessageString{Text: ptr(r.FullDesc)}
	d.HelpURI = ptr(r.HelpURI())
	d.Help = &sarif.MultiformatMessageString{
		Text: ptr(fmt.Sprintf("%s\n\nFix: %s\n\nDocumentation: %s", r.FullDesc, r.Fix, r.HelpURI())),
		// GitHub shows help.markdown and ignores helpUri, so the link
		// to the rule page goes inside it.
		Markdown: ptr(fmt.Sprintf("%s\n\n**Fix:** %s\n\n[%s %s documentation](%s)",
			strings.TrimSpace(r.Doc), r.Fix, r.ID, r.Name, r.HelpURI())),
	}
	d.DefaultConfiguration = &sarif.ReportingConfiguration{Level: r.Severity.SARIFLevel()}
	tags := []string{"security"}
	for _, c := range r.CWE {
		tags = append(tags, fmt.Sprintf("external/cwe/cwe-%d", c))
	}
	tags = append(tags, r.Tags...)
	d.Properties = sarif.Properties{
		"tags":              tags,
		"precision":         r.Precision,
		"security-severity": r.Severity.SecurityScore(),
		"problem.severity":  problemSeverity(r.Severity),
	}
	return d
}

// problemSeverity is the non-security severity GitHub shows next to a rule.
func problemSeverity(s rules.Severity) string {
	switch s {
	case rules.High:
		return "error"
	case rules.Medium:
		return "warning"
	}
	return "recommendation"
}

func result(f finding.Finding, index map[string]uint) (*sarif.Result, error) {
	i, ok := index[f.RuleID]
	if !ok {
		return nil, fmt.Errorf("finding of rule %s, which the report does not describe", f.RuleID)
	}
	res := sarif.NewRuleResult(f.RuleID)
	res.RuleIndex = &i
	res.Level = ptr(f.Severity.SARIFLevel())
	res.Message = *sarif.NewTextMessage(f.Message)
	res.Locations = []*sarif.Location{location(f.Location)}
	for j, rel := range f.Related {
		loc := location(rel)
		loc.Id = ptr(uint(j + 1))
		loc.Message = sarif.NewTextMessage(rel.Message)
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]any{finding.FingerprintKey: f.Fingerprint}
	}
	res.Properties = sarif.Properties{
		"severity":          f.Severity.String(),
		"security-severity": f.Severity.SecurityScore(),
	}
	return res, nil
}

func location(l finding.Location) *sarif.Location {
	region := &sarif.Region{StartLine: ptr(l.Start.Line), StartColumn: ptr(l.Start.Column)}
	if l.End.Line > 0 {
		region.EndLine = ptr(l.End.Line)
		region.EndColumn = ptr(l.End.Column)
	}
	return &sarif.Location{PhysicalLocation: &sarif.PhysicalLocation{ArtifactLocation: artifact(l.Path), Region: region}}
}

// artifact names a file: relative paths under %SRCROOT%, absolute ones (a
// file outside the scan root) as file URIs; both percent-encoded.
func artifact(path string) *sarif.ArtifactLocation {
	if filepath.IsAbs(filepath.FromSlash(path)) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path // a Windows drive: file:///C:/...
		}
		u := url.URL{Scheme: "file", Path: path}
		return &sarif.ArtifactLocation{URI: ptr(u.String())}
	}
	u := url.URL{Path: strings.TrimPrefix(path, "./")}
	return &sarif.ArtifactLocation{URI: ptr(u.EscapedPath()), URIBaseId: ptr(srcRoot)}
}

func ptr[T any](v T) *T { return &v }
