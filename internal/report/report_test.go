package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var (
	golden     = filepath.Join("..", "..", "testdata", "golden")
	schemaFile = filepath.Join("..", "..", "testdata", "sarif-schema-2.1.0.json")
)

// sampleRules returns RL001-RL004 from the active catalog, in a scrambled
// order (the writers sort). The goldens must not change whenever a rule
// page is edited or a rule is added, so the copies keep the catalog's
// metadata (ID, name, title, severity, precision, CWEs, tags, fix) and
// replace the long prose with a fixed page that still holds Markdown,
// `<`, `&` and non-ASCII text.
func sampleRules(t *testing.T) []*rules.Rule {
	t.Helper()
	var out []*rules.Rule
	for _, id := range []string{"RL003", "RL001", "RL004", "RL002"} {
		i := slices.IndexFunc(rules.Active(), func(r *rules.Rule) bool { return r.ID == id })
		if i < 0 {
			t.Fatalf("%s is not in the active catalog", id)
		}
		r := *rules.Active()[i]
		r.FullDesc = "What " + r.ID + " finds, in plain text (a stand-in for the catalog's prose)."
		r.Doc = "## What it does\n" + r.FullDesc + "\n\n## Example\n```python\nif count < LIMIT & ok:  # “quoted”\n    ...\n```\n"
		out = append(out, &r)
	}
	return out
}

// sampleRun covers what the writers must render: four rules and all
// three severities, findings whose severity differs from their rule's
// default (RL002 medium, default high; RL004 low, default medium), related
// locations with and without a message, a flow across files, brackets, a
// non-ASCII path and message, and notifications with and without a path.
func sampleRun(t *testing.T) *Run {
	fs := []finding.Finding{
		{
			RuleID: "RL001", Severity: rules.High,
			Message:  `the count read by get_item is written back by put_item without a condition; make the pair atomic`,
			Location: finding.Location{Path: "app/limits.py", Start: finding.Position{Line: 30, Column: 5}, End: finding.Position{Line: 30, Column: 48}},
			Related: []finding.Location{
				{Path: "app/limits.py", Start: finding.Position{Line: 26, Column: 12}, End: finding.Position{Line: 26, Column: 40}, Message: "the count is read here"},
				{Path: "app/limits.py", Start: finding.Position{Line: 28, Column: 8}, End: finding.Position{Line: 28, Column: 29}},
			},
		},
		{
			RuleID: "RL002", Severity: rules.Medium,
			Message:  `update_item increments hits without a ConditionExpression; add one such as attribute_not_exists(hits) OR hits < :limit`,
			Location: finding.Location{Path: "svc/zähler.go", Start: finding.Position{Line: 7, Column: 3}, End: finding.Position{Line: 11, Column: 4}},
		},
		{
			RuleID: "RL003", Severity: rules.High,
			Message:  `except Exception turns every DynamoDB error into “allowed”; catch ConditionalCheckFailedException via e.response["Error"]["Code"] and re-raise the rest`,
			Location: finding.Location{Path: "app/limits.py", Start: finding.Position{Line: 44, Column: 5}, End: finding.Position{Line: 44, Column: 21}},
		},
		{
			RuleID: "RL004", Severity: rules.Low,
			Message:  `every request increments the one row of key "global"; add a shard or the client to the key`,
			Location: finding.Location{Path: "app/limits.py", Start: finding.Position{Line: 12, Column: 9}, End: finding.Position{Line: 12, Column: 60}},
			Flow: []finding.Location{
				{Path: "app/routes.py", Start: finding.Position{Line: 8, Column: 5}, End: finding.Position{Line: 8, Column: 30}, Message: "the key \"global\" is passed to bump"},
				{Path: "app/limits.py", Start: finding.Position{Line: 10, Column: 1}, End: finding.Position{Line: 10, Column: 14}, Message: "bump's parameter key"},
				{Path: "app/limits.py", Start: finding.Position{Line: 12, Column: 9}, End: finding.Position{Line: 12, Column: 60}, Message: "the row is incremented here"},
			},
		},
	}
	finding.Sort(fs)
	src := []byte(strings.Repeat("x = 1\n", 50))
	finding.SetFingerprints(fs, func(string) []byte { return src })
	return &Run{
		ToolVersion: "0.1.0",
		Rules:       sampleRules(t),
		Findings:    fs,
		GoPackages:  1,
		Notifications: []finding.Notification{
			{Level: finding.LevelWarning, Path: "app/broken.py", Message: "app/broken.py has a syntax error at line 3; analyzed what parsed"},
			{Level: finding.LevelError, Message: "package ./cmd/... could not be loaded: go: cannot find main module"},
		},
		Successful: true,
	}
}

func emptyRun() *Run {
	return &Run{ToolVersion: "0.1.0", Rules: rules.Active(), Successful: true}
}

func render(t *testing.T, write func(*bytes.Buffer, *Run) error, run *Run) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, run); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func toText(b *bytes.Buffer, r *Run) error  { return Text(b, r) }
func toJSON(b *bytes.Buffer, r *Run) error  { return JSON(b, r) }
func toSARIF(b *bytes.Buffer, r *Run) error { return SARIF(b, r) }

func TestGolden(t *testing.T) {
	writers := map[string]func(*bytes.Buffer, *Run) error{
		"report.txt":   toText,
		"report.json":  toJSON,
		"report.sarif": toSARIF,
	}
	for name, write := range writers {
		got := render(t, write, sampleRun(t))
		path := filepath.Join(golden, name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./internal/report -update creates it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file (go test ./internal/report -update rewrites it); got:\n%s", name, got)
		}
	}
}

func TestText(t *testing.T) {
	got := string(render(t, toText, sampleRun(t)))
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want one per finding:\n%s", len(lines), got)
	}
	if want := "svc/zähler.go:7:3: RL002 [medium] update_item increments hits"; !strings.HasPrefix(lines[3], want) {
		t.Errorf("last line %q, want prefix %q", lines[3], want)
	}
	if out := render(t, toText, emptyRun()); len(out) != 0 {
		t.Errorf("text of an empty run is %q, want nothing", out)
	}
}

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path, err := filepath.Abs(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := jsonschema.NewCompiler().Compile(path)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return schema
}

// edgeRun has what SARIF cannot number (a finding without a line, a
// position without columns) and paths that need care.
func edgeRun() *Run {
	return &Run{
		ToolVersion: "0.1.0",
		Rules:       rules.Active(),
		Findings: []finding.Finding{
			{RuleID: "RL002", Severity: rules.High, Message: "no position", Location: finding.Location{Path: "a b/x.py"}},
			{RuleID: "RL002", Severity: rules.Low, Message: "no columns", Location: finding.Location{Path: "/outside/y.go", Start: finding.Position{Line: 3}, End: finding.Position{Line: 4}}},
		},
		Notifications: []finding.Notification{{Level: finding.LevelNote, Path: ".", Message: `C:\repo [x]`}},
	}
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	for name, run := range map[string]*Run{"sample": sampleRun(t), "empty": emptyRun(), "edge": edgeRun(), "suppressed": suppressedRun(t)} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, toSARIF, run)))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("%s run: %v", name, err)
		}
	}
	// The validator must be able to fail.
	for _, bad := range []string{
		`{"version": "2.1.0"}`, // no runs
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}`,
	} {
		doc, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if schema.Validate(doc) == nil {
			t.Errorf("schema accepted %s", bad)
		}
	}
}

func TestSARIFSchemaURI(t *testing.T) {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		ID string `json:"id"`
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(render(t, toSARIF, emptyRun()), &log); err != nil {
		t.Fatal(err)
	}
	if log.Schema != schema.ID || log.Version != "2.1.0" {
		t.Errorf("$schema %q version %q, want %q and 2.1.0", log.Schema, log.Version, schema.ID)
	}
}

// sarifLog is the part of a SARIF log the structural tests read.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name            string `json:"name"`
				SemanticVersion string `json:"semanticVersion"`
				InformationURI  string `json:"informationUri"`
				Rules           []struct {
					ID                   string            `json:"id"`
					Name                 string            `json:"name"`
					ShortDescription     map[string]string `json:"shortDescription"`
					FullDescription      map[string]string `json:"fullDescription"`
					Help                 map[string]string `json:"help"`
					HelpURI              string            `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties struct {
						Tags             []string `json:"tags"`
						Precision        string   `json:"precision"`
						SecuritySeverity string   `json:"security-severity"`
						ProblemSeverity  string   `json:"problem.severity"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations        []sarifLocation `json:"locations"`
			RelatedLocations []sarifLocation `json:"relatedLocations"`
			CodeFlows        []struct {
				ThreadFlows []struct {
					Locations []struct {
						Location       sarifLocation `json:"location"`
						ExecutionOrder int           `json:"executionOrder"`
					} `json:"locations"`
				} `json:"threadFlows"`
			} `json:"codeFlows"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Properties          map[string]string `json:"properties"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful *bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []sarifLocation `json:"locations"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

type sarifLocation struct {
	ID               int `json:"id"`
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region map[string]int `json:"region"`
	} `json:"physicalLocation"`
	Message *struct {
		Text string `json:"text"`
	} `json:"message"`
}

func decodeSARIF(t *testing.T, run *Run) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(render(t, toSARIF, run), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func TestSARIFRules(t *testing.T) {
	run := sampleRun(t)
	driver := decodeSARIF(t, run).Runs[0].Tool.Driver
	if driver.Name != "rlcheck" || driver.SemanticVersion != "0.1.0" || driver.InformationURI != "https://github.com/rlcheck/rlcheck" {
		t.Errorf("driver %q %q %q", driver.Name, driver.SemanticVersion, driver.InformationURI)
	}
	var ids []string
	for _, d := range driver.Rules {
		ids = append(ids, d.ID)
	}
	if want := []string{"RL001", "RL002", "RL003", "RL004"}; !slices.Equal(ids, want) {
		t.Fatalf("rules %v, want %v (sorted by ID)", ids, want)
	}
	for _, d := range driver.Rules {
		r := rules.MustLookup(d.ID)
		if d.Name != r.Name || d.Name == d.ID {
			t.Errorf("%s: name %q, want %q (different from the id)", d.ID, d.Name, r.Name)
		}
		if d.ShortDescription["text"] != r.Title {
			t.Errorf("%s: shortDescription %v", d.ID, d.ShortDescription)
		}
		if d.FullDescription["text"] == "" || d.Help["text"] == "" {
			t.Errorf("%s: fullDescription %v, help text %q", d.ID, d.FullDescription, d.Help["text"])
		}
		md := d.Help["markdown"]
		if !strings.Contains(md, "("+r.HelpURI()+")") || !strings.Contains(md, r.Fix) || !strings.Contains(md, "## What it does") {
			t.Errorf("%s: help.markdown lacks the page, the fix or the link to %s:\n%s", d.ID, r.HelpURI(), md)
		}
		if d.HelpURI != r.HelpURI() {
			t.Errorf("%s: helpUri %q", d.ID, d.HelpURI)
		}
		if d.DefaultConfiguration.Level != r.Severity.SARIFLevel() {
			t.Errorf("%s: default level %q, want %q", d.ID, d.DefaultConfiguration.Level, r.Severity.SARIFLevel())
		}
		p := d.Properties
		want := []string{"security"}
		for _, c := range r.CWE {
			want = append(want, fmt.Sprintf("external/cwe/cwe-%d", c))
		}
		want = append(want, r.Tags...)
		if !slices.Equal(p.Tags, want) {
			t.Errorf("%s: tags %v, want %v", d.ID, p.Tags, want)
		}
		if p.Precision != r.Precision || p.SecuritySeverity != r.Severity.SecurityScore() {
			t.Errorf("%s: precision %q security-severity %q", d.ID, p.Precision, p.SecuritySeverity)
		}
	}
	if got := driver.Rules[3].Properties.ProblemSeverity; got != "warning" {
		t.Errorf("RL004 (medium) problem.severity %q, want warning", got)
	}
	if got := driver.Rules[0].Properties.ProblemSeverity; got != "error" {
		t.Errorf("RL001 (high) problem.severity %q, want error", got)
	}
}

func TestSARIFResults(t *testing.T) {
	run := sampleRun(t)
	out := decodeSARIF(t, run).Runs[0]
	if len(out.Results) != len(run.Findings) {
		t.Fatalf("%d results for %d findings", len(out.Results), len(run.Findings))
	}
	for i, res := range out.Results {
		f := run.Findings[i]
		if res.RuleIndex == nil || out.Tool.Driver.Rules[*res.RuleIndex].ID != res.RuleID || res.RuleID != f.RuleID {
			t.Errorf("result %d (%s): ruleIndex %v does not point at its rule", i, f.RuleID, res.RuleIndex)
		}
		if res.Level != f.Severity.SARIFLevel() || res.Properties["severity"] != f.Severity.String() ||
			res.Properties["security-severity"] != f.Severity.SecurityScore() {
			t.Errorf("result %d (%s %s): level %q properties %v", i, f.RuleID, f.Severity, res.Level, res.Properties)
		}
		if len(res.PartialFingerprints) != 1 || res.PartialFingerprints[finding.FingerprintKey] != f.Fingerprint || f.Fingerprint == "" {
			t.Errorf("result %d: partialFingerprints %v, want only %s = %q", i, res.PartialFingerprints, finding.FingerprintKey, f.Fingerprint)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || strings.HasPrefix(loc.ArtifactLocation.URI, ".") {
			t.Errorf("result %d: artifact %+v is not relative to %%SRCROOT%%", i, loc.ArtifactLocation)
		}
		wantRegion := map[string]int{
			"startLine": f.Location.Start.Line, "startColumn": f.Location.Start.Column,
			"endLine": f.Location.End.Line, "endColumn": f.Location.End.Column,
		}
		if fmt.Sprint(loc.Region) != fmt.Sprint(wantRegion) {
			t.Errorf("result %d: region %v, want %v", i, loc.Region, wantRegion)
		}
	}

	// The RL002 finding is medium while its rule defaults to high.
	rl002 := out.Results[3]
	if rl002.RuleID != "RL002" || rl002.Level != "warning" || out.Tool.Driver.Rules[*rl002.RuleIndex].DefaultConfiguration.Level != "error" {
		t.Errorf("RL002: level %q; the finding's own severity must win over the rule's default", rl002.Level)
	}
	if uri := rl002.Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "svc/z%C3%A4hler.go" {
		t.Errorf("non-ASCII path as URI %q", uri)
	}

	// Related locations are numbered and linked from the message.
	rl001 := out.Results[1]
	if rl001.RuleID != "RL001" || len(rl001.RelatedLocations) != 2 {
		t.Fatalf("result 1 is %s with %d related locations, want RL001 with 2", rl001.RuleID, len(rl001.RelatedLocations))
	}
	r1, r2 := rl001.RelatedLocations[0], rl001.RelatedLocations[1]
	if r1.ID != 1 || r1.Message == nil || r1.Message.Text != "the count is read here" || r2.ID != 2 || r2.Message != nil {
		t.Errorf("related locations %+v", rl001.RelatedLocations)
	}
	if r1.PhysicalLocation.Region["startLine"] != 26 || r1.PhysicalLocation.ArtifactLocation.URI != "app/limits.py" {
		t.Errorf("related location 1 at %+v", r1.PhysicalLocation)
	}
	if want := "make the pair atomic ([the count is read here](1); [related location](2))"; !strings.HasSuffix(rl001.Message.Text, want) {
		t.Errorf("RL001 message %q does not end with links %q", rl001.Message.Text, want)
	}
	// A flow is one thread flow, its steps in order, each with its message.
	if len(rl001.CodeFlows) != 0 {
		t.Errorf("RL001 has no flow but %d code flows", len(rl001.CodeFlows))
	}
	rl004 := out.Results[0]
	if rl004.RuleID != "RL004" || len(rl004.CodeFlows) != 1 || len(rl004.CodeFlows[0].ThreadFlows) != 1 {
		t.Fatalf("RL004 code flows %+v, want one thread flow", rl004.CodeFlows)
	}
	steps := rl004.CodeFlows[0].ThreadFlows[0].Locations
	if len(steps) != 3 {
		t.Fatalf("RL004 thread flow has %d steps, want 3", len(steps))
	}
	for i, st := range steps {
		want := sampleRun(t).Findings[0].Flow[i]
		if st.ExecutionOrder != i+1 || st.Location.PhysicalLocation.ArtifactLocation.URI != want.Path ||
			st.Location.PhysicalLocation.Region["startLine"] != want.Start.Line || st.Location.Message == nil || st.Location.Message.Text != want.Message {
			t.Errorf("step %d = %+v, want %+v in order %d", i, st, want, i+1)
		}
	}
	// Literal brackets are escaped so that they do not read as links.
	if rl003 := out.Results[2]; !strings.Contains(rl003.Message.Text, `e.response\["Error"\]\["Code"\]`) {
		t.Errorf("RL003 message %q: brackets not escaped", rl003.Message.Text)
	}

	inv := out.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful == nil || !*inv[0].ExecutionSuccessful || len(inv[0].Notifications) != 2 {
		t.Fatalf("invocations %+v", inv)
	}
	n0, n1 := inv[0].Notifications[0], inv[0].Notifications[1]
	if n0.Level != "warning" || len(n0.Locations) != 1 || n0.Locations[0].PhysicalLocation.ArtifactLocation.URI != "app/broken.py" ||
		n0.Locations[0].PhysicalLocation.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("notification with a path: %+v", n0)
	}
	if n1.Level != "error" || len(n1.Locations) != 0 || !strings.HasPrefix(n1.Message.Text, "package ./cmd/...") {
		t.Errorf("notification without a path: %+v", n1)
	}
}

func TestSARIFEdgePositions(t *testing.T) {
	out := decodeSARIF(t, edgeRun()).Runs[0]
	if out.Invocations[0].ExecutionSuccessful == nil || *out.Invocations[0].ExecutionSuccessful {
		t.Error("executionSuccessful must be present and false for an unsuccessful run")
	}
	noPos := out.Results[0].Locations[0].PhysicalLocation
	if noPos.Region != nil || noPos.ArtifactLocation.URI != "a%20b/x.py" {
		t.Errorf("finding without a line: %+v", noPos)
	}
	noCols := out.Results[1].Locations[0].PhysicalLocation
	if fmt.Sprint(noCols.Region) != fmt.Sprint(map[string]int{"startLine": 3, "endLine": 4}) {
		t.Errorf("finding without columns has region %v", noCols.Region)
	}
	if a := noCols.ArtifactLocation; a.URI != "file:///outside/y.go" || a.URIBaseID != "" {
		t.Errorf("file outside the root: %+v", a)
	}
	if got := out.Invocations[0].Notifications[0].Message.Text; got != `C:\repo \[x\]` {
		t.Errorf("notification message %q", got)
	}
}

func TestEmptyRunHasEmptyArrays(t *testing.T) {
	var sarifOut struct {
		Runs []struct {
			Results json.RawMessage `json:"results"`
			Tool    struct {
				Driver struct {
					Rules []json.RawMessage `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, toSARIF, emptyRun()), &sarifOut); err != nil {
		t.Fatal(err)
	}
	if got := string(sarifOut.Runs[0].Results); got != "[]" {
		t.Errorf("SARIF results of an empty run = %s, want []", got)
	}
	if got, want := len(sarifOut.Runs[0].Tool.Driver.Rules), len(rules.Active()); got != want {
		t.Errorf("an empty run describes %d rules, want all %d", got, want)
	}

	var jsonOut map[string]json.RawMessage
	if err := json.Unmarshal(render(t, toJSON, emptyRun()), &jsonOut); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"findings", "notifications"} {
		if got := string(jsonOut[key]); got != "[]" {
			t.Errorf("JSON %s of an empty run = %s, want []", key, got)
		}
	}
}

func TestJSON(t *testing.T) {
	run := sampleRun(t)
	var out struct {
		Version int `json:"version"`
		Tool    struct {
			Name, Version string
		} `json:"tool"`
		Successful bool `json:"successful"`
		Findings   []struct {
			Rule, Name, Severity, Message, Fingerprint string
			HelpURI                                    string             `json:"help_uri"`
			Location                                   finding.Location   `json:"location"`
			Related                                    []finding.Location `json:"related"`
		} `json:"findings"`
		Notifications []finding.Notification `json:"notifications"`
		Summary       map[string]int         `json:"summary"`
	}
	data := render(t, toJSON, run)
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if out.Version != 1 || out.Tool.Name != "rlcheck" || out.Tool.Version != "0.1.0" || !out.Successful {
		t.Errorf("header %+v %+v %v", out.Version, out.Tool, out.Successful)
	}
	if len(out.Findings) != len(run.Findings) {
		t.Fatalf("%d findings, want %d", len(out.Findings), len(run.Findings))
	}
	for i, got := range out.Findings {
		f, r := run.Findings[i], rules.MustLookup(run.Findings[i].RuleID)
		if got.Rule != f.RuleID || got.Name != r.Name || got.Severity != f.Severity.String() || got.Message != f.Message ||
			got.Fingerprint != f.Fingerprint || got.HelpURI != r.HelpURI() || got.Location != f.Location ||
			got.Related == nil || len(got.Related) != len(f.Related) {
			t.Errorf("finding %d: %+v", i, got)
		}
	}
	if got := out.Findings[1].Related; got[0] != run.Findings[1].Related[0] || got[0].Message != "the count is read here" {
		t.Errorf("related %+v", got)
	}
	want := map[string]int{"total": 4, "high": 2, "medium": 1, "low": 1, "notifications": 2,
		"suppressed": 0, "baselined": 0, "python_files": 0, "go_packages": 1, "test_files_left_out": 0}
	if fmt.Sprint(out.Summary) != fmt.Sprint(want) {
		t.Errorf("summary %v, want %v", out.Summary, want)
	}
	if !bytes.Contains(data, []byte("hits < :limit")) {
		t.Error("JSON escapes < as \\u003c; messages must stay readable")
	}
}

func TestUndescribedRuleIsAnError(t *testing.T) {
	run := sampleRun(t)
	run.Rules = run.Rules[:1]
	if err := SARIF(&bytes.Buffer{}, run); err == nil {
		t.Error("SARIF accepted a finding of a rule missing from the rule list")
	}
	if err := JSON(&bytes.Buffer{}, run); err == nil {
		t.Error("JSON accepted a finding of a rule missing from the rule list")
	}
}

func TestSummary(t *testing.T) {
	one := &Run{Findings: []finding.Finding{{RuleID: "RL002", Severity: rules.High, Location: finding.Location{Path: "a.py"}}}, PythonFiles: 1, Successful: true}
	tests := []struct {
		name string
		run  *Run
		want string
	}{
		{"empty", emptyRun(), "rlcheck: no findings; nothing analyzed: no Python file and no Go package"},
		{"one", one, "rlcheck: 1 finding (1 high, 0 medium, 0 low) in 1 file; analyzed 1 Python file and 0 Go packages"},
		{"sample", sampleRun(t), "rlcheck: 4 findings (2 high, 1 medium, 1 low) in 2 files; analyzed 0 Python files and 1 Go package; 1 error and 1 warning while scanning, see above"},
		{"incomplete", &Run{PythonFiles: 3, Notifications: []finding.Notification{{Level: finding.LevelError}, {Level: finding.LevelError}, {Level: finding.LevelWarning}, {Level: finding.LevelNote}}},
			"rlcheck: no findings; analyzed 3 Python files and 0 Go packages; 2 errors, 1 warning and 1 note while scanning, see above; the scan is incomplete"},
		{"sarif omitted", &Run{Findings: one.Findings, PythonFiles: 1, Notifications: []finding.Notification{{Level: finding.LevelWarning}}, SARIFOmitted: 3, Successful: true},
			"rlcheck: 1 finding (1 high, 0 medium, 0 low) in 1 file; analyzed 1 Python file and 0 Go packages; 1 warning while scanning, see above; 3 findings left out of the SARIF report"},
		{"adopted", &Run{Findings: one.Findings, PythonFiles: 12, GoPackages: 3, Suppressed: one.Findings, Baselined: 5, TestFiles: 7, Successful: true},
			"rlcheck: 1 finding (1 high, 0 medium, 0 low) in 1 file; analyzed 12 Python files and 3 Go packages; 1 suppressed; 5 in the baseline; 7 test files left out (--include-tests scans them)"},
		{"nothing", &Run{TestFiles: 1, Successful: true},
			"rlcheck: no findings; nothing analyzed: no Python file and no Go package; 1 test file left out (--include-tests scans them)"},
	}
	for _, tt := range tests {
		if got := Summary(tt.run); got != tt.want {
			t.Errorf("%s: Summary = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestArtifactURIs(t *testing.T) {
	tests := map[string]string{
		"app/limits.py":    "app/limits.py",
		"./app/limits.py":  "app/limits.py",
		"svc/zähler.go":    "svc/z%C3%A4hler.go",
		"my app/x#1.py":    "my%20app/x%231.py",
		"a:b/c.py":         "a%3Ab/c.py",
		"/abs/x.py":        "file:///abs/x.py",
		"/abs/my file.py":  "file:///abs/my%20file.py",
		"pkg/50%/limit.go": "pkg/50%25/limit.go",
	}
	for in, want := range tests {
		a := artifact(in)
		if *a.URI != want {
			t.Errorf("artifact(%q) = %q, want %q", in, *a.URI, want)
		}
		if rel := !strings.HasPrefix(in, "/"); rel != (a.URIBaseId != nil && *a.URIBaseId == "%SRCROOT%") {
			t.Errorf("artifact(%q): uriBaseId %v", in, a.URIBaseId)
		}
	}
}

func TestEscapeText(t *testing.T) {
	tests := map[string]string{
		"plain":        "plain",
		`a[0]`:         `a\[0\]`,
		`C:\dir\f.py`:  `C:\dir\f.py`,
		`\[`:           `\\\[`,
		`a\\b`:         `a\\\b`,
		`[x](1) link`:  `\[x\](1) link`,
		"“quoted” ünï": "“quoted” ünï",
	}
	for in, want := range tests {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// hostileRun has a file name and a message that would inject GitHub
// Actions workflow commands or terminal escapes if printed raw.
func hostileRun() *Run {
	return &Run{
		ToolVersion: "0.1.0",
		Rules:       rules.Active(),
		Findings: []finding.Finding{
			{RuleID: "RL002", Severity: rules.High, Message: "key \"\x1b[31m\" ##[stop-commands]T",
				Location: finding.Location{Path: "a\n::stop-commands::TOKEN\n.py", Start: finding.Position{Line: 1, Column: 1}, End: finding.Position{Line: 1, Column: 2}},
				Flow:     []finding.Location{{Path: "x\ny.py", Start: finding.Position{Line: 2}}, {Path: "z.py", Start: finding.Position{Line: 3}}}},
			{RuleID: "RL002", Severity: rules.High, Message: "m",
				Location: finding.Location{Path: "::error::b.py", Start: finding.Position{Line: 1, Column: 1}, End: finding.Position{Line: 1, Column: 2}}},
		},
		Notifications: []finding.Notification{{Level: finding.LevelWarning, Path: "##[x].py", Message: "##[stop-commands]T"}},
	}
}

func TestOutputsCannotInjectLines(t *testing.T) {
	text := string(render(t, toText, hostileRun()))
	want := `a\n::stop-commands::TOKEN\n.py:1:1: RL002 [high] key "\x1b[31m" ##\x5bstop-commands]T [path: x\ny.py:2 -> z.py:3]` + "\n" +
		"./::error::b.py:1:1: RL002 [high] m\n"
	if text != want {
		t.Errorf("text report:\n%q\nwant\n%q", text, want)
	}
	for name, write := range map[string]func(io.Writer, *Run) error{"json": JSON, "sarif": SARIF} {
		var buf bytes.Buffer
		if err := write(&buf, hostileRun()); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(buf.Bytes(), []byte("##[")) {
			t.Errorf("%s report holds a legacy workflow command:\n%s", name, buf.Bytes())
		}
		var v any
		if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
			t.Fatalf("%s report is not JSON: %v", name, err)
		}
		// The same JSON: the decoded text is the message as it was (SARIF
		// escapes its brackets as plain text must).
		if want := map[string]string{"json": "##[stop-commands]T", "sarif": `##\[stop-commands\]T`}[name]; !strings.Contains(fmt.Sprint(v), want) {
			t.Errorf("%s report lost the message text %q", name, want)
		}
	}
}

func TestInternalErrorNotification(t *testing.T) {
	n := finding.InternalError("svc", "RL007", "package example.com/svc", "boom", []byte("goroutine 1 [running]:\n"))
	run := &Run{ToolVersion: "0.1.0", Rules: rules.Active(), Notifications: []finding.Notification{n}}
	var sarifOut, jsonOut bytes.Buffer
	if err := SARIF(&sarifOut, run); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&jsonOut, run); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool `json:"executionSuccessful"`
				ToolExecutionNotifications []struct {
					Level          string `json:"level"`
					Message        struct{ Text string }
					AssociatedRule struct {
						ID    string `json:"id"`
						Index *int   `json:"index"`
					} `json:"associatedRule"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(sarifOut.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 {
		t.Fatalf("invocation = %+v", inv)
	}
	note := inv.ToolExecutionNotifications[0]
	want := slices.IndexFunc(rules.Active(), func(r *rules.Rule) bool { return r.ID == "RL007" })
	if note.Level != "error" || note.AssociatedRule.ID != "RL007" || note.AssociatedRule.Index == nil || *note.AssociatedRule.Index != want ||
		note.Message.Text != "internal error in RL007 while analyzing package example.com/svc: boom; the scan is incomplete" {
		t.Errorf("notification = %+v", note)
	}
	for _, out := range []*bytes.Buffer{&sarifOut, &jsonOut} {
		if bytes.Contains(out.Bytes(), []byte("goroutine")) {
			t.Errorf("a report carries the stack, which only --debug prints:\n%s", out)
		}
	}
	if !bytes.Contains(jsonOut.Bytes(), []byte(`"rule": "RL007"`)) || !bytes.Contains(jsonOut.Bytes(), []byte(`"internal": true`)) {
		t.Errorf("JSON notification lacks rule and internal:\n%s", jsonOut.Bytes())
	}
}

// suppressedRun is sampleRun with its RL003 finding suppressed, shown
// (--show-suppressed), and a directive problem placed at a line.
func suppressedRun(t *testing.T) *Run {
	run := sampleRun(t)
	for i, f := range run.Findings {
		if f.RuleID == "RL003" {
			at := finding.Position{Line: 43, Column: 5}
			f.Suppression = &finding.Suppression{Justification: "the handler re-raises", Location: finding.Location{Path: f.Location.Path, Start: at, End: at}}
			run.Suppressed = []finding.Finding{f}
			run.Findings = append(run.Findings[:i:i], run.Findings[i+1:]...)
			break
		}
	}
	run.ShowSuppressed = true
	run.Notifications = append(run.Notifications, finding.Notification{Level: finding.LevelWarning, Path: "app/limits.py", Line: 3, Column: 8,
		Message: "app/limits.py:3:8: the suppression of RL001 matches no finding; remove it"})
	return run
}

// TestSuppressedResults: suppressed findings are SARIF results with an
// inSource suppression, and JSON's suppressed list, only when shown;
// counted either way.
func TestSuppressedResults(t *testing.T) {
	run := suppressedRun(t)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct {
					Kind, Status, Justification, GUID string
					Location                          struct {
						PhysicalLocation struct {
							Region struct{ StartLine int }
						}
					}
				}
			}
			Invocations []struct {
				ToolExecutionNotifications []struct {
					Locations []struct {
						PhysicalLocation struct {
							Region *struct{ StartLine, StartColumn int }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(render(t, toSARIF, run), &log); err != nil {
		t.Fatal(err)
	}
	results := log.Runs[0].Results
	last := results[len(results)-1]
	if len(results) != 4 || last.RuleID != "RL003" || len(last.Suppressions) != 1 {
		t.Fatalf("results %+v", results)
	}
	s := last.Suppressions[0]
	if s.Kind != "inSource" || s.Status != "accepted" || s.Justification != "the handler re-raises" || s.Location.PhysicalLocation.Region.StartLine != 43 || len(s.GUID) != 36 {
		t.Errorf("suppression %+v", s)
	}
	for _, r := range results[:3] {
		if len(r.Suppressions) != 0 {
			t.Errorf("result %s has suppressions", r.RuleID)
		}
	}
	notes := log.Runs[0].Invocations[0].ToolExecutionNotifications
	if r := notes[len(notes)-1].Locations[0].PhysicalLocation.Region; r == nil || r.StartLine != 3 || r.StartColumn != 8 {
		t.Errorf("notification region %+v", r)
	}

	var out struct {
		Suppressed []struct {
			Rule        string
			Suppression struct{ Justification string }
		}
		Summary map[string]int
	}
	if err := json.Unmarshal(render(t, toJSON, run), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Suppressed) != 1 || out.Suppressed[0].Suppression.Justification != "the handler re-raises" || out.Summary["suppressed"] != 1 {
		t.Errorf("JSON suppressed %+v summary %v", out.Suppressed, out.Summary)
	}

	run.ShowSuppressed = false
	if err := json.Unmarshal(render(t, toSARIF, run), &log); err != nil {
		t.Fatal(err)
	}
	if n := len(log.Runs[0].Results); n != 3 {
		t.Errorf("without ShowSuppressed: %d results, want 3", n)
	}
	if data := render(t, toJSON, run); bytes.Contains(data, []byte(`"suppressed": [`)) || !bytes.Contains(data, []byte(`"suppressed": 1`)) {
		t.Errorf("without ShowSuppressed, JSON lists suppressed findings or does not count them:\n%s", data)
	}
	if text := render(t, toText, run); bytes.Contains(text, []byte("RL003")) {
		t.Errorf("the text report shows a suppressed finding:\n%s", text)
	}
}
