package scan

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/gomodtest"
	"github.com/rlcheck/rlcheck/rules"
)

// pyHotRow has one finding (RL004: a constant-key counter row).
const pyHotRow = `import psycopg

conn = psycopg.connect("")


def count_all():
    with conn.cursor() as cur:
        cur.execute("UPDATE totals SET hits = hits + 1 WHERE name = 'global'")
`

func withSeverity(fs []finding.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Location.Path+":"+f.RuleID+":"+f.Severity.String())
	}
	return strings.Join(out, " ")
}

func notes(res *Result) string {
	var out []string
	for _, n := range res.Notifications {
		out = append(out, string(n.Level)+": "+n.Message)
	}
	return strings.Join(out, "\n")
}

// TestConfigKeysApply: each key the scan layer applies, from the config
// file nearest to each file (nearest wins; files do not merge).
func TestConfigKeysApply(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		".git/HEAD":             "",
		"go.mod":                "module example.com/m\n\ngo 1.22\n",
		".rlcheck.toml":         "exclude = [\"gen\"]\n\n[severity]\nRL002 = \"medium\"\n\n[per-path-ignores]\n\"legacy/**\" = [\"RL002\"]\n",
		"app/limits.py":         pyCounter,
		"app/test_limits.py":    pyCounter,
		"legacy/old.py":         pyCounter,
		"gen/gen.py":            pyCounter,
		"limiter/count.go":      goCounter,
		"limiter/count_test.go": strings.Replace(goCounter, "func Count", "func countInTest", 1),
		"svc/.rlcheck.toml":     "include-tests = true\nfail-on = \"never\"\nignore = [\"RL002\"]\n",
		"svc/test_x.py":         pyCounter + "\n\n" + pyHotRow,
		"svc/svc.go":            "package svc\n",
		"svc/count_test.go":     strings.Replace(goCounter, "package limiter", "package svc", 1),
	})
	res, err := Run(Options{Paths: []string{dir}, Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := withSeverity(res.Findings), "app/limits.py:RL002:medium limiter/count.go:RL004:medium svc/count_test.go:RL004:medium svc/test_x.py:RL004:medium"; got != want {
		t.Errorf("findings\n %s\nwant\n %s\nnotifications:\n%s", got, want, notes(res))
	}
	if res.Failing != 2 {
		t.Errorf("Failing = %d, want 2 (svc/ never fails)", res.Failing)
	}
	if res.PythonFiles != 3 || res.GoPackages != 2 || res.TestFiles != 2 || res.Excluded != 1 {
		t.Errorf("python %d go %d tests %d excluded %d, want 3 2 2 1", res.PythonFiles, res.GoPackages, res.TestFiles, res.Excluded)
	}

	// The command line replaces the files' keys.
	yes := true
	high := rules.High
	res, err = Run(Options{Paths: []string{dir}, Root: dir, Config: config.NewLoader(dir, config.Overrides{Select: []string{"RL002"}, IncludeTests: &yes, FailOn: &high})})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := withSeverity(res.Findings), "app/limits.py:RL002:medium app/test_limits.py:RL002:medium"; got != want {
		t.Errorf("with overrides: findings %s, want %s", got, want)
	}
	if res.Failing != 0 || res.TestFiles != 0 {
		t.Errorf("with overrides: Failing %d, TestFiles %d, want 0 0", res.Failing, res.TestFiles)
	}

	// A bad config file stops the scan, naming the place.
	if err := os.WriteFile(filepath.Join(dir, "svc", ".rlcheck.toml"), []byte("include-tests = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{Paths: []string{dir}, Root: dir}); err == nil || err.Error() != "svc/.rlcheck.toml:1:17: include-tests: want true or false" {
		t.Errorf("bad config: %v", err)
	}
}

// TestSuppressions: a directive with a reason suppresses on its line or
// the line below, a file-level one in the whole file; one without a
// reason suppresses nothing and is reported, and so is one that matches
// nothing, unless its rule did not run.
func TestSuppressions(t *testing.T) {
	above := strings.Replace(pyCounter, "    table.update_item(", "    # rlcheck: ignore[RL002] the stream consumer enforces the limit\n    table.update_item(", 1)
	noReason := strings.Replace(pyCounter, "    table.update_item(", "    # rlcheck: ignore[RL002]\n    table.update_item(", 1)
	dir := gomodtest.Write(t, map[string]string{
		"go.mod":          "module example.com/m\n\ngo 1.22\n",
		"app/above.py":    above,
		"app/trailing.py": strings.Replace(pyCounter, "    table.update_item(", "    table.update_item(  # rlcheck: ignore[dynamodb-unconditional-counter-update] capped by the WAF", 1),
		"app/noreason.py": noReason,
		"app/file.py":     "# rlcheck: file-ignore[RL002,RL004] a one-off migration helper\n" + pyCounter,
		"app/stale.py":    "x = 1  # rlcheck: ignore[RL001] fixed long ago\n# rlcheck: ignore[RL005] RL005 does not run in this scan\n",
		"app/other.py":    pyCounter,
		"limiter/count.go": strings.Replace(goCounter, "\t_, err := db.ExecContext",
			"\t//rlcheck:ignore RL004 one global row by design\n\t_, err := db.ExecContext", 1),
		"limiter/stale.go": "package limiter\n\n//rlcheck:ignore RL003 nothing here\nvar X = 1\n",
	})
	res, err := Run(Options{Paths: []string{dir}, Root: dir, Enabled: func(id string) bool { return id != "RL005" }})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rulesOf(res.Findings), "app/noreason.py:RL002 app/other.py:RL002"; got != want {
		t.Errorf("findings %s, want %s", got, want)
	}
	var suppressed []string
	for _, f := range res.Suppressed {
		s := f.Suppression
		suppressed = append(suppressed, f.Location.Path+":"+f.RuleID+" at "+s.Location.Path+":"+strconv.Itoa(s.Location.Start.Line)+" "+s.Justification)
	}
	want := []string{
		"app/above.py:RL002 at app/above.py:7 the stream consumer enforces the limit",
		"app/file.py:RL002 at app/file.py:1 a one-off migration helper",
		"app/trailing.py:RL002 at app/trailing.py:7 capped by the WAF",
		"limiter/count.go:RL004 at limiter/count.go:9 one global row by design",
	}
	if strings.Join(suppressed, "\n") != strings.Join(want, "\n") {
		t.Errorf("suppressed:\n%s\nwant\n%s", strings.Join(suppressed, "\n"), strings.Join(want, "\n"))
	}
	wantNotes := `warning: app/file.py:1:1: the suppression of RL004 matches no finding; remove it
warning: app/noreason.py:7:5: this rlcheck directive suppresses nothing: it gives no reason, so it suppresses nothing; write why after the rule IDs
warning: app/stale.py:1:8: the suppression of RL001 matches no finding; remove it
warning: limiter/stale.go:3:1: the suppression of RL003 matches no finding; remove it`
	if got := notes(res); got != wantNotes {
		t.Errorf("notifications:\n%s\nwant\n%s", got, wantNotes)
	}
	for _, n := range res.Notifications {
		if n.Line == 0 || n.Column == 0 || n.Path == "" {
			t.Errorf("notification without a place: %+v", n)
		}
	}
	if res.Failing != 2 {
		t.Errorf("Failing = %d, want 2: suppressed findings do not fail the run", res.Failing)
	}
}

// TestBaselineSurvivesEdits: a baseline of today's fingerprints hides the
// same findings after lines are added above them, unrelated code is
// renamed and the finding's code is re-indented; a new finding on an
// identical line is still reported.
func TestBaselineSurvivesEdits(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{"app/limits.py": pyCounter, "app/other.py": pyHotRow})
	res, err := Run(Options{Paths: []string{dir}, Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := rulesOf(res.Findings); got != "app/limits.py:RL002 app/other.py:RL004" {
		t.Fatalf("findings %s", got)
	}
	baseline := make(map[string]bool)
	for _, f := range res.Findings {
		baseline[f.Fingerprint] = true
	}

	edited := `import logging

import boto3

log = logging.getLogger(__name__)
table = boto3.resource("dynamodb").Table("limits")


def unrelated_helper_renamed():
    return 42


def record(client_id):
    if client_id:
        log.info("counting %s", client_id)
        table.update_item(
            Key={"pk": client_id},
            UpdateExpression="ADD hits :one",
            ExpressionAttributeValues={":one": 1},
        )
`
	if err := os.WriteFile(filepath.Join(dir, "app", "limits.py"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Run(Options{Paths: []string{dir}, Root: dir, Baseline: baseline})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 || res.Baselined != 2 {
		t.Errorf("after edits: findings %s, baselined %d; want none and 2", rulesOf(res.Findings), res.Baselined)
	}

	added := edited + `

def record_again(client_id):
    table.update_item(
        Key={"pk": client_id},
        UpdateExpression="ADD hits :one",
        ExpressionAttributeValues={":one": 1},
    )
`
	if err := os.WriteFile(filepath.Join(dir, "app", "limits.py"), []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Run(Options{Paths: []string{dir}, Root: dir, Baseline: baseline})
	if err != nil {
		t.Fatal(err)
	}
	if got := rulesOf(res.Findings); got != "app/limits.py:RL002" || res.Baselined != 2 || res.Findings[0].Location.Start.Line != 24 {
		t.Errorf("a new finding: %s (line %v), baselined %d", got, res.Findings, res.Baselined)
	}
}
