package report

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

// InformationURI is rlcheck's home page, named in every report.
const InformationURI = "https://github.com/rlcheck/rlcheck"

// schemaURI is the OASIS address of the SARIF 2.1.0 schema (the schema's
// own id). go-sarif's default points into a GitHub repository whose layout
// has changed before.
const schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// srcRoot is the uriBaseId of every relative artifact: paths are relative
// to the root of the scanned checkout, which code scanning resolves itself.
const srcRoot = "%SRCROOT%"

// SARIF writes a SARIF 2.1.0 log with one run, shaped for GitHub code
// scanning: every described rule with help text, CWE tags and
// security-severity; results always present (possibly empty), at the
// finding's own severity, with related locations linked from the message
// and rlcheck's own partial fingerprint; artifact URIs relative to
// %SRCROOT%; the run's problems as tool execution notifications. The log
// is what FitSARIF makes of run: within GitHub's limits. It fails when a
// finding's rule is not among run.Rules.
func SARIF(w io.Writer, run *Run) error {
	_, data, err := fitSARIF(run)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// renderSARIF renders run as a SARIF log, as it is.
func renderSARIF(run *Run) ([]byte, error) {
	described, index, err := describedRules(run)
	if err != nil {
		return nil, err
	}
	// go-sarif writes "rules" and "results" even when nil, as null; its
	// constructors start both as empty slices, so an empty run has [].
	driver := sarif.NewDriver("rlcheck")
	driver.InformationURI = ptr(InformationURI)
	driver.SemanticVersion = ptr(run.ToolVersion)
	for _, r := range described {
		driver.Rules = append(driver.Rules, descriptor(r))
	}

	sr := sarif.NewRun(*sarif.NewTool(driver))
	sr.ColumnKind = "unicodeCodePoints"
	for _, f := range run.Findings {
		sr.Results = append(sr.Results, result(f, uint(index[f.RuleID])))
	}
	if run.ShowSuppressed {
		for _, f := range run.Suppressed {
			res := result(f, uint(index[f.RuleID]))
			res.Suppressions = []*sarif.Suppression{suppression(f)}
			sr.Results = append(sr.Results, res)
		}
	}
	sr.Invocations = []*sarif.Invocation{invocation(run, index)}

	log, err := sarif.New(sarif.Version210, false)
	if err != nil {
		return nil, err
	}
	log.Schema = schemaURI
	log.AddRun(sr)
	var buf bytes.Buffer
	if err := writeJSON(&buf, log); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// descriptor describes a rule the way code scanning shows it: the title
// at the top of an alert, the rule page as its help, the CWEs as tags and
// the default severity as security-severity.
func descriptor(r *rules.Rule) *sarif.ReportingDescriptor {
	d := sarif.NewRule(r.ID)
	d.Name = ptr(r.Name)
	d.ShortDescription = sarif.NewMultiformatMessageString(r.Title)
	d.FullDescription = sarif.NewMultiformatMessageString(r.FullDesc)
	d.HelpURI = ptr(r.HelpURI())
	doc := strings.TrimSpace(r.Doc)
	d.Help = &sarif.MultiformatMessageString{
		Text: ptr(fmt.Sprintf("Fix: %s\n\n%s\n\nDocumentation: %s", r.Fix, doc, r.HelpURI())),
		// GitHub shows help.markdown and ignores helpUri, so the link
		// to the rule page goes inside it.
		Markdown: ptr(fmt.Sprintf("**Fix:** %s\n\n%s\n\nFull documentation: [%s %s](%s)",
			r.Fix, doc, r.ID, r.Name, r.HelpURI())),
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

// problemSeverity is the non-security severity GitHub shows for a rule.
func problemSeverity(s rules.Severity) string {
	switch s {
	case rules.High:
		return "error"
	case rules.Medium:
		return "warning"
	}
	return "recommendation"
}

// result renders a finding of the rule at ruleIndex in the driver's list.
// The level and the properties carry the finding's own severity, which can
// differ from the rule's default.
func result(f finding.Finding, ruleIndex uint) *sarif.Result {
	res := sarif.NewRuleResult(f.RuleID)
	res.RuleIndex = ptr(ruleIndex)
	res.Level = ptr(f.Severity.SARIFLevel())
	res.Message = *sarif.NewTextMessage(resultMessage(f))
	res.Locations = []*sarif.Location{location(f.Location)}
	for i, rel := range f.Related {
		loc := location(rel)
		loc.Id = ptr(uint(i + 1))
		if rel.Message != "" {
			loc.Message = sarif.NewTextMessage(escapeText(rel.Message))
		}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	if len(f.Flow) > 0 {
		res.CodeFlows = []*sarif.CodeFlow{codeFlow(f.Flow)}
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]any{finding.FingerprintKey: f.Fingerprint}
	}
	res.Properties = sarif.Properties{
		"severity":          f.Severity.String(),
		"security-severity": f.Severity.SecurityScore(),
	}
	return res
}

// suppression renders an inline directive's suppression: kind inSource,
// accepted, at the directive, with its reason as the justification and a
// GUID derived from the finding's fingerprint, so that it stays the same
// from run to run. (GitHub code scanning ignores suppressions and shows
// such results as open alerts, which is why they are written only on
// request.)
func suppression(f finding.Finding) *sarif.Suppression {
	s := f.Suppression
	sum := sha256.Sum256([]byte("rlcheck suppression\x00" + f.Fingerprint))
	sum[6] = sum[6]&0x0f | 0x50 // a name-based (version 5) UUID
	sum[8] = sum[8]&0x3f | 0x80
	guid := fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
	return sarif.NewSuppression("inSource").
		WithStatus("accepted").
		WithJustifcation(s.Justification).
		WithLocation(location(s.Location)).
		WithGuid(guid)
}

// codeFlow renders a finding's flow as one thread flow, which code scanning
// shows as the path from the source to the sink, one step per location.
func codeFlow(flow []finding.Location) *sarif.CodeFlow {
	tf := sarif.NewThreadFlow()
	for i, step := range flow {
		loc := location(step)
		if step.Message != "" {
			loc.Message = sarif.NewTextMessage(escapeText(step.Message))
		}
		tf.AddLocation(sarif.NewThreadFlowLocation().WithLocation(loc).WithExecutionOrder(i + 1))
	}
	return sarif.NewCodeFlow().WithThreadFlows([]*sarif.ThreadFlow{tf})
}

// resultMessage is the finding's message as SARIF plain text, followed by
// an embedded link to each related location, such as
// "… make the pair atomic ([the count is read here](1))": code scanning
// shows related locations only when the message links to them.
func resultMessage(f finding.Finding) string {
	msg := escapeText(f.Message)
	if len(f.Related) == 0 {
		return msg
	}
	links := make([]string, len(f.Related))
	for i, rel := range f.Related {
		text := rel.Message
		if text == "" {
			text = "related location"
		}
		links[i] = fmt.Sprintf("[%s](%d)", escapeText(text), i+1)
	}
	return msg + " (" + strings.Join(links, "; ") + ")"
}

// escapeText makes s a SARIF plain text message that holds no embedded
// link (§3.11.6): literal brackets get a backslash, and so does a
// backslash in front of a bracket or of another backslash, which viewers
// would otherwise read as an escape. Other backslashes (a Windows path)
// stay as they are.
func escapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '[' || c == ']' || c == '\\' && i+1 < len(s) && strings.IndexByte(`\[]`, s[i+1]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// location is a physical location; the region is left out when the
// finding has no line, and each column when it is unknown, since SARIF
// numbers lines and columns from 1.
func location(l finding.Location) *sarif.Location {
	pl := &sarif.PhysicalLocation{ArtifactLocation: artifact(l.Path)}
	if l.Start.Line >= 1 {
		r := &sarif.Region{StartLine: ptr(l.Start.Line)}
		if l.Start.Column >= 1 {
			r.StartColumn = ptr(l.Start.Column)
		}
		if l.End.Line >= 1 {
			r.EndLine = ptr(l.End.Line)
			if l.End.Column >= 1 {
				r.EndColumn = ptr(l.End.Column)
			}
		}
		pl.Region = r
	}
	return &sarif.Location{PhysicalLocation: pl}
}

// invocation records whether rlcheck did its job and the problems it met,
// each with the file or package directory concerned when there is one, and
// the rule concerned (associatedRule, such as an analyzer that failed).
// ruleIndex is each described rule's index in the driver's list.
func invocation(run *Run, ruleIndex map[string]int) *sarif.Invocation {
	inv := &sarif.Invocation{ExecutionSuccessful: ptr(run.Successful)}
	for _, n := range run.Notifications {
		note := &sarif.Notification{Level: string(n.Level), Message: sarif.NewTextMessage(escapeText(n.Message))}
		if n.Path != "" {
			at := finding.Position{Line: n.Line, Column: n.Column}
			note.Locations = []*sarif.Location{location(finding.Location{Path: n.Path, Start: at})}
		}
		if n.Rule != "" {
			note.AssociatedRule = &sarif.ReportingDescriptorReference{Id: ptr(n.Rule)}
			if i, ok := ruleIndex[n.Rule]; ok {
				note.AssociatedRule.Index = ptr(uint(i))
			}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, note)
	}
	return inv
}

// artifact names a file: a relative path as a relative URI under
// %SRCROOT% (no "./" prefix), an absolute one (a file outside the scan
// root) as a file URI; both percent-encoded. A colon is encoded too, so
// that "a:b.py" does not read as a URI with scheme "a".
func artifact(path string) *sarif.ArtifactLocation {
	if filepath.IsAbs(filepath.FromSlash(path)) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path // a Windows drive: file:///C:/...
		}
		u := url.URL{Scheme: "file", Path: path}
		return &sarif.ArtifactLocation{URI: ptr(u.String())}
	}
	for strings.HasPrefix(path, "./") {
		path = path[len("./"):]
	}
	u := url.URL{Path: path}
	uri := strings.ReplaceAll(u.EscapedPath(), ":", "%3A")
	return &sarif.ArtifactLocation{URI: ptr(uri), URIBaseId: ptr(srcRoot)}
}

func ptr[T any](v T) *T { return &v }
