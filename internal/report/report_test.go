package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var golden = filepath.Join("..", "..", "testdata", "golden")

// sampleRun covers what the writers must render: several rules and
// severities, a severity that differs from the rule's default, related
// locations, a non-ASCII path and message, and a notification.
func sampleRun() *Run {
	rl001, rl002, rl003 := rules.MustLookup("RL001"), rules.MustLookup("RL002"), rules.MustLookup("RL003")
	fs := []finding.Finding{
		{
			RuleID: "RL001", Severity: rules.High,
			Message:  "the count read by get_item is written back by put_item without a condition; make the pair atomic",
			Location: finding.Location{Path: "app/limits.py", Start: finding.Position{Line: 30, Column: 5}, End: finding.Position{Line: 30, Column: 48}},
			Related: []finding.Location{{
				Path: "app/limits.py", Start: finding.Position{Line: 26, Column: 12}, End: finding.Position{Line: 26, Column: 40},
				Message: "the count is read here",
			}},
		},
		{
			RuleID: "RL002", Severity: rules.Medium,
			Message:  "update_item increments hits without a ConditionExpression; add one such as attribute_not_exists(hits) OR hits < :limit",
			Location: finding.Location{Path: "svc/zähler.go", Start: finding.Position{Line: 7, Column: 3}, End: finding.Position{Line: 11, Column: 4}},
		},
		{
			RuleID: "RL003", Severity: rules.Medium,
			Message:  "except Exception turns every DynamoDB error into “rate limited”; catch ConditionalCheckFailedException and re-raise the rest",
			Location: finding.Location{Path: "app/limits.py", Start: finding.Position{Line: 44, Column: 5}, End: finding.Position{Line: 44, Column: 21}},
		},
	}
	finding.Sort(fs)
	finding.SetFingerprints(fs, func(string) []byte { return nil })
	return &Run{
		ToolVersion:   "0.1.0",
		Rules:         []*rules.Rule{rl001, rl002, rl003},
		Findings:      fs,
		Notifications: []finding.Notification{{Level: finding.LevelWarning, Path: "app/broken.py", Message: "app/broken.py has a syntax error at line 3; analyzed what parsed"}},
		Successful:    true,
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

func TestGolden(t *testing.T) {
	writers := map[string]func(*bytes.Buffer, *Run) error{
		"report.txt":   func(b *bytes.Buffer, r *Run) error { return Text(b, r) },
		"report.json":  func(b *bytes.Buffer, r *Run) error { return JSON(b, r) },
		"report.sarif": func(b *bytes.Buffer, r *Run) error { return SARIF(b, r) },
	}
	for name, write := range writers {
		got := render(t, write, sampleRun())
		path := filepath.Join(golden, name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file (go test ./internal/report -update rewrites it):\n%s", name, got)
		}
	}
}

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	schema, err := jsonschema.NewCompiler().Compile(path)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return schema
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	for name, run := range map[string]*Run{"sample": sampleRun(), "empty": emptyRun()} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, func(b *bytes.Buffer, r *Run) error { return SARIF(b, r) }, run)))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("%s run: %v", name, err)
		}
	}
	// The validator must be able to fail: a log without runs is invalid.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version": "2.1.0"}`))
	if schema.Validate(bad) == nil {
		t.Error("schema accepted a log without runs")
	}
}

// sarifLog is the part of a SARIF log the structural tests read.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID         string         `json:"id"`
					Name       string         `json:"name"`
					Help       map[string]any `json:"help"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string            `json:"ruleId"`
			RuleIndex           int               `json:"ruleIndex"`
			Level               string            `json:"level"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful bool             `json:"executionSuccessful"`
			Notifications       []map[string]any `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, run *Run) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(render(t, func(b *bytes.Buffer, r *Run) error { return SARIF(b, r) }, run), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func TestSARIFShapeForCodeScanning(t *testing.T) {
	run := decodeSARIF(t, sampleRun()).Runs[0]
	rulesOut := run.Tool.Driver.Rules
	for _, r := range rulesOut {
		if r.Name == r.ID || r.Name == "" {
			t.Errorf("rule %s: name %q must be set and differ from the id", r.ID, r.Name)
		}
		md, _ := r.Help["markdown"].(string)
		if !strings.Contains(md, rules.MustLookup(r.ID).HelpURI()) {
			t.Errorf("rule %s: help.markdown lacks the documentation link", r.ID)
		}
		tags, _ := r.Properties["tags"].([]any)
		var cwe bool
		for _, tag := range tags {
			cwe = cwe || strings.HasPrefix(tag.(string), "external/cwe/cwe-")
		}
		if !cwe || tags[0] != "security" {
			t.Errorf("rule %s: tags %v lack security or a CWE", r.ID, tags)
		}
		if _, ok := r.Properties["security-severity"].(string); !ok {
			t.Errorf("rule %s: security-severity must be a numeric string", r.ID)
		}
	}
	for _, res := range run.Results {
		if rulesOut[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d pointing at %s", res.RuleID, res.RuleIndex, rulesOut[res.RuleIndex].ID)
		}
		if res.PartialFingerprints[finding.FingerprintKey] == "" || res.PartialFingerprints["primaryLocationLineHash"] != "" {
			t.Errorf("result %s: partialFingerprints %v", res.RuleID, res.PartialFingerprints)
		}
		loc := res.Locations[0].PhysicalLocation.ArtifactLocation
		if loc.URIBaseID != "%SRCROOT%" || strings.HasPrefix(loc.URI, "./") || strings.HasPrefix(loc.URI, "/") {
			t.Errorf("result %s: artifact %+v is not relative to %%SRCROOT%%", res.RuleID, loc)
		}
	}
	if run.Results[1].Level != "warning" {
		t.Errorf("RL002 finding of medium severity has level %q; the finding's own severity must win over the rule's", run.Results[1].Level)
	}
	if !run.Invocations[0].ExecutionSuccessful || len(run.Invocations[0].Notifications) != 1 {
		t.Errorf("invocation = %+v", run.Invocations[0])
	}
}

func TestEmptyRunHasEmptyArrays(t *testing.T) {
	var sarifBuf, jsonBuf bytes.Buffer
	if err := SARIF(&sarifBuf, emptyRun()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(sarifBuf.Bytes(), []byte(`"results": []`)) {
		t.Errorf("SARIF of an empty run lacks \"results\": []:\n%s", sarifBuf.Bytes())
	}
	if err := JSON(&jsonBuf, emptyRun()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"findings": []`, `"notifications": []`} {
		if !bytes.Contains(jsonBuf.Bytes(), []byte(want)) {
			t.Errorf("JSON of an empty run lacks %s:\n%s", want, jsonBuf.Bytes())
		}
	}
}

func TestSARIFRejectsUndescribedRule(t *testing.T) {
	run := sampleRun()
	run.Rules = run.Rules[:1]
	if err := SARIF(&bytes.Buffer{}, run); err == nil {
		t.Error("SARIF accepted a finding of a rule missing from the rule list")
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		run  *Run
		want string
	}{
		{emptyRun(), "rlcheck: no findings"},
		{sampleRun(), "rlcheck: 3 findings (1 high, 2 medium, 0 low); 1 problem while scanning, see above"},
		{&Run{Successful: false}, "rlcheck: no findings; the scan is incomplete"},
	}
	for _, tt := range tests {
		if got := Summary(tt.run); got != tt.want {
			t.Errorf("Summary = %q, want %q", got, tt.want)
		}
	}
}

func TestArtifactURIs(t *testing.T) {
	tests := map[string]string{
		"app/limits.py":   "app/limits.py",
		"./app/limits.py": "app/limits.py",
		"svc/zähler.go":   "svc/z%C3%A4hler.go",
		"my app/x.py":     "my%20app/x.py",
		"/abs/x.py":       "file:///abs/x.py",
	}
	for in, want := range tests {
		if got := *artifact(in).URI; got != want {
			t.Errorf("artifact(%q) = %q, want %q", in, got, want)
		}
	}
}
