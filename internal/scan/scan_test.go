package scan

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
	"github.com/rlcheck/rlcheck/analyzers/python"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

// pyCounter has one finding (RL002: an unconditional DynamoDB increment).
const pyCounter = `import boto3

table = boto3.resource("dynamodb").Table("limits")


def record(client_id):
    table.update_item(
        Key={"pk": client_id},
        UpdateExpression="ADD hits :one",
        ExpressionAttributeValues={":one": 1},
    )
`

// goCounter has one finding (RL004: a constant-key counter row).
const goCounter = `package limiter

import (
	"context"
	"database/sql"
)

func Count(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "UPDATE totals SET hits = hits + 1 WHERE name = 'global'")
	return err
}
`

func all(string) bool { return true }

// rulesOf lists the rule IDs of the findings, in order.
func rulesOf(fs []finding.Finding) string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Location.Path+":"+f.RuleID)
	}
	return strings.Join(ids, " ")
}

func TestRun(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"go.mod":           "module example.com/m\n\ngo 1.22\n",
		"limiter/count.go": goCounter,
		"app/limits.py":    pyCounter,
	})
	res, err := Run(Options{Paths: []string{dir}, Root: dir, Enabled: all})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Successful || len(res.Notifications) != 0 {
		t.Errorf("successful=%v notifications=%+v", res.Successful, res.Notifications)
	}
	if got, want := rulesOf(res.Findings), "app/limits.py:RL002 limiter/count.go:RL004"; got != want {
		t.Errorf("findings %s, want %s", got, want)
	}
}

// TestInternalErrorsMakeTheRunIncomplete: an analyzer that panics (Go)
// costs its own findings on the package; a panic that escapes the Python
// engine's guards costs the Python findings. Both are internal errors
// naming what failed and make the run unsuccessful; everything else is
// still reported.
func TestInternalErrorsMakeTheRunIncomplete(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"go.mod":           "module example.com/m\n\ngo 1.22\n",
		"limiter/count.go": goCounter,
		"app/limits.py":    pyCounter,
	})
	boom := &analysis.Analyzer{Name: "RL001", Doc: "panics", Run: func(*analysis.Pass) (any, error) { panic("boom") }}
	t.Cleanup(func() { goAnalyzers, checkProject = gocode.Analyzers, python.CheckProject })
	goAnalyzers = func() []*analysis.Analyzer { return append([]*analysis.Analyzer{boom}, gocode.Analyzers()...) }
	checkProject = func(inputs []python.Input, roots []string, enabled func(string) bool) ([]finding.Finding, []finding.Notification, python.Stats) {
		return python.CheckProject(inputs, roots, func(id string) bool {
			if id == "RL003" {
				panic("engine crashed")
			}
			return enabled(id)
		})
	}
	res, err := Run(Options{Paths: []string{dir}, Root: dir, Enabled: all})
	if err != nil {
		t.Fatal(err)
	}
	if res.Successful {
		t.Error("a run with internal errors is successful")
	}
	if got, want := rulesOf(res.Findings), "limiter/count.go:RL004"; got != want {
		t.Errorf("findings %s, want %s", got, want)
	}
	want := map[string]bool{
		"RL001 limiter internal error in RL001 while analyzing package example.com/m/limiter: panic: boom; the scan is incomplete": false,
		"  internal error while analyzing the Python files: engine crashed; the scan is incomplete":                                false,
	}
	for _, n := range res.Notifications {
		key := n.Rule + " " + n.Path + " " + n.Message
		if _, ok := want[key]; !ok || !n.Internal || n.Level != finding.LevelError || !strings.Contains(n.Debug, "goroutine ") {
			t.Errorf("unexpected notification %+v", n)
		}
		want[key] = true
	}
	for key, seen := range want {
		if !seen {
			t.Errorf("missing notification %q", key)
		}
	}
}

// TestHugeSQLIsNotedAndTheScanGoesOn: SQL with tens of thousands of terms,
// in Python and in Go, used to kill the process inside the SQL parser.
func TestHugeSQLIsNotedAndTheScanGoesOn(t *testing.T) {
	huge := "UPDATE totals SET hits = hits" + strings.Repeat(" + 1", 50_000) + " WHERE name = 'global'"
	dir := gomodtest.Write(t, map[string]string{
		"go.mod":           "module example.com/m\n\ngo 1.22\n",
		"limiter/count.go": goCounter,
		"limiter/huge.go":  "package limiter\n\nimport \"database/sql\"\n\nfunc Huge(db *sql.DB) {\n\tdb.Exec(\"" + huge + "\")\n}\n",
		"app/limits.py":    pyCounter,
		// Lines within the line length bound, concatenated by Python.
		"app/huge.py": "import psycopg\n\nconn = psycopg.connect(\"\")\n\n\ndef f():\n    conn.execute(\n        \"UPDATE totals SET hits = hits\"\n" +
			strings.Repeat("        \""+strings.Repeat(" + 1", 1000)+"\"\n", 50) + "        \" WHERE name = 'global'\"\n    )\n",
	})
	res, err := Run(Options{Paths: []string{dir}, Root: dir, Enabled: all})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Successful {
		t.Errorf("not successful: %+v", res.Notifications)
	}
	if got, want := rulesOf(res.Findings), "app/limits.py:RL002 limiter/count.go:RL004"; got != want {
		t.Errorf("findings %s, want %s", got, want)
	}
	var notes []string
	for _, n := range res.Notifications {
		notes = append(notes, string(n.Level)+": "+n.Message)
	}
	want := []string{
		`warning: SQL text in the Python files was not analyzed: it nests about 50007 levels deep, and rlcheck parses at most 500; it starts "UPDATE totals SET hits = hits + 1 + 1 + 1 + 1 + 1 + 1 + 1 + …"`,
		`warning: SQL text in the Go packages was not analyzed: it nests about 50007 levels deep, and rlcheck parses at most 500; it starts "UPDATE totals SET hits = hits + 1 + 1 + 1 + 1 + 1 + 1 + 1 + …"`,
	}
	if strings.Join(notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notifications:\n%s\nwant\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
}

// TestGoPackageInDirectoryWithSpaceKeepsItsFindings: its import path is
// invalid, so it used to load with an error and no findings.
func TestGoPackageInDirectoryWithSpaceKeepsItsFindings(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"go.mod":                "module example.com/m\n\ngo 1.22\n",
		"rate limiter/count.go": goCounter,
	})
	res, err := Run(Options{Paths: []string{dir}, Root: dir, Enabled: all})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rulesOf(res.Findings), "rate limiter/count.go:RL004"; got != want {
		t.Errorf("findings %q, want %q; notifications %+v", got, want, res.Notifications)
	}
	if len(res.Notifications) != 0 {
		t.Errorf("notifications = %+v", res.Notifications)
	}
}

// TestGeneratedFilesAreSkippedWithANote: files over the size or line
// length bound are noted, not analyzed; the rest of the tree is.
func TestGeneratedFilesAreSkippedWithANote(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"app/limits.py":    pyCounter,
		"app/big.py":       pyCounter + strings.Repeat("x = 1\n", maxFileSize/6),
		"app/minified.py":  pyCounter + "DATA = [" + strings.Repeat("1, ", maxLineLen/3) + "]\n",
		"app/almost.py":    pyCounter + "DATA = [" + strings.Repeat("1, ", (maxLineLen-20)/3) + "]\n",
		"app/lf_at_end.py": strings.Repeat("y", maxLineLen) + "\n",
	})
	res, err := Run(Options{Paths: []string{dir}, Root: dir, Enabled: all})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rulesOf(res.Findings), "app/almost.py:RL002 app/limits.py:RL002"; got != want {
		t.Errorf("findings %s, want %s", got, want)
	}
	var notes []string
	for _, n := range res.Notifications {
		notes = append(notes, string(n.Level)+": "+n.Message)
	}
	want := []string{
		"note: app/big.py was not analyzed: it is larger than 1 MiB, rlcheck's bound for a source file (generated or minified code, or data?)",
		"note: app/minified.py was not analyzed: line 12 is 10008 bytes long, over rlcheck's bound of 10000 (generated or minified code, or data?)",
	}
	if !slices.Equal(notes, want) || !res.Successful {
		t.Errorf("successful %v, notifications:\n%s\nwant\n%s", res.Successful, strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
}
