package baseline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/internal/finding"
)

func TestRoundTrip(t *testing.T) {
	fs := []finding.Finding{
		{RuleID: "RL002", Message: "m", Fingerprint: "abc:1", Location: finding.Location{Path: "app/x.py", Start: finding.Position{Line: 7, Column: 5}}},
		{RuleID: "RL004", Message: "n", Fingerprint: "def:1", Location: finding.Location{Path: "svc/y.go", Start: finding.Position{Line: 9, Column: 12}}},
	}
	var buf bytes.Buffer
	if err := FromFindings(fs).Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	set := f.Fingerprints()
	if len(set) != 2 || !set["abc:1"] || !set["def:1"] || f.Findings[1] != (Entry{Fingerprint: "def:1", Rule: "RL004", Path: "svc/y.go", Line: 9, Message: "n"}) {
		t.Errorf("read back %+v", f)
	}
	var empty bytes.Buffer
	if err := FromFindings(nil).Write(&empty); err != nil || !strings.Contains(empty.String(), `"findings": []`) {
		t.Errorf("an empty baseline: %s %v", empty.String(), err)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	tests := map[string]string{
		"{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": \"a\",}\n  ]\n}\n": `b.json:4:25: not a baseline file: invalid character '}'`,
		`{"version": 1, "findings": [{"fingerprint": 3}]}`:                                 `b.json:1:46: not a baseline file: findings.0.fingerprint holds number, want string`,
		`{"version": 2, "findings": []}`:                                                   `b.json: baseline version 2, want 1`,
		`{"version": 1, "findings": [{"rule": "RL001"}]}`:                                  `b.json: finding 1 of the baseline has no fingerprint`,
		`{"version": 1, "finds": []}`:                                                      `b.json: not a baseline file: json: unknown field "finds"`,
	}
	for doc, want := range tests {
		path := filepath.Join(dir, "b.json")
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Read(path)
		if got := strings.ReplaceAll(errString(err), dir+string(filepath.Separator), ""); !strings.HasPrefix(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", doc, got, want)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
