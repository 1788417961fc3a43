package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/rules"
)

// Two findings of different severities: an unconditional DynamoDB counter
// (RL002, high) and a global counter row (RL004, medium).
const vulnerable = `import boto3
import psycopg

table = boto3.resource("dynamodb").Table("limits")
conn = psycopg.connect("")


def record(client_id):
    table.update_item(
        Key={"pk": client_id},
        UpdateExpression="ADD hits :one",
        ExpressionAttributeValues={":one": 1},
    )


def count_all():
    with conn.cursor() as cur:
        cur.execute("UPDATE totals SET hits = hits + 1 WHERE name = 'global'")
`

// project writes files into a temporary directory and makes it the
// working directory for the test.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

func runCLI(args ...string) (stdout, stderr string, code int) {
	var o, e bytes.Buffer
	code = Run(args, &o, &e)
	return o.String(), e.String(), code
}

func TestScanExitCodes(t *testing.T) {
	project(t, map[string]string{"app/limits.py": vulnerable, "app/clean.py": "x = 1\n"})
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"scan"}, ExitFindings},
		{[]string{"scan", "app"}, ExitFindings},
		{[]string{"scan", "--fail-on", "low", "app"}, ExitFindings},
		{[]string{"scan", "--fail-on", "medium", "app"}, ExitFindings},
		{[]string{"scan", "--fail-on", "high", "app"}, ExitFindings},
		{[]string{"scan", "--fail-on", "high", "--disable", "RL002", "app"}, ExitOK},
		{[]string{"scan", "--fail-on", "never", "app"}, ExitOK},
		{[]string{"scan", "app/clean.py"}, ExitOK},
		{[]string{"scan", "--rules", "unsharded-counter-row", "--fail-on", "high", "app"}, ExitOK},
		{[]string{"scan", "missing"}, ExitError},
		{[]string{"scan", "--format", "xml", "app"}, ExitError},
		{[]string{"scan", "--fail-on", "critical", "app"}, ExitError},
		{[]string{"scan", "--rules", "RL999", "app"}, ExitError},
		{[]string{"scan", "--no-such-flag"}, ExitError},
		{[]string{"frobnicate"}, ExitError},
		{nil, ExitError},
	}
	for _, tt := range tests {
		_, stderr, code := runCLI(tt.args...)
		if code != tt.code {
			t.Errorf("rlcheck %s: exit %d, want %d; stderr:\n%s", strings.Join(tt.args, " "), code, tt.code, stderr)
		}
	}
}

func TestScanTextOutput(t *testing.T) {
	project(t, map[string]string{"app/limits.py": vulnerable})
	stdout, stderr, code := runCLI("scan", "app")
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 findings, got:\n%s", stdout)
	}
	for i, prefix := range []string{"app/limits.py:9:5: RL002 [high] ", "app/limits.py:18:9: RL004 [medium] "} {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("line %d = %q, want prefix %q", i+1, lines[i], prefix)
		}
	}
	if !strings.Contains(stderr, "2 findings") {
		t.Errorf("summary missing from stderr:\n%s", stderr)
	}
}

func TestScanFlagsAfterPaths(t *testing.T) {
	project(t, map[string]string{"app/limits.py": vulnerable})
	stdout, _, code := runCLI("scan", "app", "--format", "json", "--rules", "RL004")
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Findings []struct {
			Rule string `json:"rule"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Rule != "RL004" {
		t.Errorf("findings = %+v, want one RL004", doc.Findings)
	}
}

func TestScanOutputFile(t *testing.T) {
	dir := project(t, map[string]string{"app/limits.py": vulnerable})
	stdout, _, code := runCLI("scan", "--format", "sarif", "--output", "out.sarif", "app")
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	if stdout != "" {
		t.Errorf("report also went to stdout: %q", stdout)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"version": "2.1.0"`)) || !bytes.Contains(data, []byte(`"ruleId": "RL002"`)) {
		t.Errorf("out.sarif is not the SARIF report:\n%s", data)
	}
}

func TestScanRecordsBadInputAndGoesOn(t *testing.T) {
	project(t, map[string]string{
		"app/limits.py": vulnerable,
		"app/broken.py": "def f(:\n    pass\n",
		"app/binary.py": "\x00\x01\x02\xff\xfe",
		"app/latin1.py": "# caf\xe9\nx = 1\n",
	})
	stdout, stderr, code := runCLI("scan", "app")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d (bad files are recorded, not fatal); stderr:\n%s", code, ExitFindings, stderr)
	}
	if strings.Count(stdout, "\n") != 2 {
		t.Errorf("findings of the good file are missing:\n%s", stdout)
	}
	for _, name := range []string{"broken.py", "binary.py"} {
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not mention %s:\n%s", name, stderr)
		}
	}
}

func TestRulesAndExplain(t *testing.T) {
	stdout, _, code := runCLI("rules")
	if code != ExitOK {
		t.Fatalf("rules: exit %d", code)
	}
	for _, r := range rules.Active() {
		if !strings.Contains(stdout, r.ID) || !strings.Contains(stdout, r.Name) {
			t.Errorf("rules output lacks %s %s", r.ID, r.Name)
		}
	}
	for _, arg := range []string{"RL001", "rl001", "counter-read-then-write"} {
		stdout, _, code = runCLI("explain", arg)
		if code != ExitOK || !strings.Contains(stdout, "## What it does") || !strings.Contains(stdout, "CWE-367") {
			t.Errorf("explain %s: exit %d, output:\n%s", arg, code, stdout)
		}
	}
	if _, _, code := runCLI("explain", "RL999"); code != ExitError {
		t.Errorf("explain RL999: exit %d, want %d", code, ExitError)
	}
	if stdout, _, code := runCLI("version"); code != ExitOK || !strings.HasPrefix(stdout, "rlcheck ") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
}

func TestScanFormatGitHub(t *testing.T) {
	project(t, map[string]string{"app/limits.py": vulnerable})
	t.Setenv("GITHUB_ACTIONS", "")
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	stdout, _, code := runCLI("scan", "--format", "github", "app")
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		// a multi-line finding carries no columns (GitHub rejects them)
		"::error endLine=13,file=app/limits.py,line=9,title=RL002 dynamodb-unconditional-counter-update (high)::",
		"::warning col=9,endColumn=79,endLine=18,file=app/limits.py,line=18,title=RL004 unsharded-counter-row (medium)::",
		"## rlcheck: 2 findings",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--format github output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestScanFormatGitHubRoutes: the job summary carries the route table of
// both languages, the route RL015 reports first.
func TestScanFormatGitHubRoutes(t *testing.T) {
	files := map[string]string{"py/app.py": "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get(\"/py\")\ndef py():\n    return \"\"\n"}
	for name, src := range goApp {
		files[name] = src
	}
	project(t, files)
	t.Setenv("GITHUB_ACTIONS", "")
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	stdout, stderr, code := runCLI("scan", "--format", "github", ".")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"title=RL015 route-without-rate-limit (medium)::POST /api/login/mfa has no rate limit while 2 of the 3 routes of mux (example.com/app.main) have one",
		"<details open><summary>4 route(s), 2 with a rate limit, 1 reported by RL015</summary>",
		"| **none** (RL015) | POST | /api/login/mfa | h | main.go:15 |\n| none | GET | /py | py | py/app.py:6 |",
		"| middleware: limit.PerIP | POST | /api/login |",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--format github output lacks %q:\n%s", want, stdout)
		}
	}
}
