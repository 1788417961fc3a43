package ghactions

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sethvargo/go-githubactions"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/report"
	"github.com/rlcheck/rlcheck/internal/routes"
	"github.com/rlcheck/rlcheck/rules"
)

func fakeAction(env map[string]string, out *bytes.Buffer) *githubactions.Action {
	return githubactions.New(githubactions.WithWriter(out), githubactions.WithGetenv(func(k string) string { return env[k] }))
}

func runWith(n int, sev rules.Severity, id string) []finding.Finding {
	var fs []finding.Finding
	for i := range n {
		fs = append(fs, finding.Finding{RuleID: id, Severity: sev, Message: "m|x",
			Location: finding.Location{Path: "a.py", Start: finding.Position{Line: i + 1, Column: 2}, End: finding.Position{Line: i + 1, Column: 9}}})
	}
	return fs
}

func TestAnnotateOrdersBySeverityAndCapsEachKind(t *testing.T) {
	var out bytes.Buffer
	run := &report.Run{Findings: append(runWith(3, rules.Medium, "RL004"), runWith(12, rules.High, "RL002")...)}
	Annotate(fakeAction(nil, &out), run)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 14 {
		t.Fatalf("%d lines, want 10 errors + 3 warnings + 1 notice:\n%s", len(lines), out.String())
	}
	for i, l := range lines[:10] {
		if !strings.HasPrefix(l, "::error ") || !strings.Contains(l, "title=RL002 dynamodb-unconditional-counter-update (high)") {
			t.Errorf("line %d = %q", i, l)
		}
	}
	if !strings.HasPrefix(lines[10], "::warning ") || !strings.Contains(lines[10], "col=2") || !strings.Contains(lines[10], "endColumn=9") {
		t.Errorf("warning = %q", lines[10])
	}
	if !strings.HasPrefix(lines[13], "::notice::rlcheck: 2 more findings are not annotated") {
		t.Errorf("last line = %q", lines[13])
	}
}

func TestSummary(t *testing.T) {
	env := map[string]string{"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"}
	run := &report.Run{Findings: runWith(1, rules.High, "RL002"), Notifications: []finding.Notification{{Level: finding.LevelWarning, Message: "x.py has a syntax error"}}}
	md := Summary(fakeAction(env, &bytes.Buffer{}), run, "svc")
	for _, want := range []string{
		"## rlcheck: 1 finding",
		"| 1 | 0 | 0 |",
		"[RL002 dynamodb-unconditional-counter-update](" + rules.MustLookup("RL002").HelpURI() + ")",
		"[a.py:1](https://github.com/o/r/blob/abc/svc/a.py#L1)",
		`m\|x`,
		"1 problem(s) while scanning",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "appear only in the table") {
		t.Errorf("summary mentions hidden annotations for one finding:\n%s", md)
	}
	many := &report.Run{Findings: runWith(13, rules.High, "RL002")}
	if md := Summary(fakeAction(nil, &bytes.Buffer{}), many, ""); !strings.Contains(md, "3 finding(s) appear only in the table below") {
		t.Errorf("summary does not say how many findings were not annotated:\n%s", md)
	}
	if md := Summary(fakeAction(nil, &bytes.Buffer{}), &report.Run{PythonFiles: 3}, ""); !strings.Contains(md, "no rate-limit bypasses found") {
		t.Errorf("empty summary:\n%s", md)
	}
	if md := Summary(fakeAction(nil, &bytes.Buffer{}), &report.Run{}, ""); !strings.HasPrefix(md, "## rlcheck: nothing analyzed\n") {
		t.Errorf("summary of a scan that analyzed nothing:\n%s", md)
	}
	adopted := &report.Run{PythonFiles: 3, Findings: runWith(1, rules.High, "RL002"), Suppressed: runWith(2, rules.High, "RL002"), Baselined: 4}
	if md := Summary(fakeAction(nil, &bytes.Buffer{}), adopted, ""); !strings.Contains(md, "Not listed: 2 suppressed by a comment with a reason, 4 in the baseline") {
		t.Errorf("summary does not count suppressed and baselined findings:\n%s", md)
	}
}

func TestOutputsAndSummaryFiles(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"GITHUB_OUTPUT": filepath.Join(dir, "out"), "GITHUB_STEP_SUMMARY": filepath.Join(dir, "sum")}
	a := fakeAction(env, &bytes.Buffer{})
	run := &report.Run{Findings: append(runWith(2, rules.High, "RL002"), runWith(1, rules.Low, "RL004")...)}
	if err := SetOutputs(a, run, "/tmp/x.sarif", 1); err != nil {
		t.Fatal(err)
	}
	if err := WriteSummary(a, "## hi\n"); err != nil {
		t.Fatal(err)
	}
	out, _ := os.ReadFile(env["GITHUB_OUTPUT"])
	for k, v := range map[string]string{"findings": "3", "high": "2", "medium": "0", "low": "1", "exit-code": "1", "sarif-file": "/tmp/x.sarif"} {
		if !strings.Contains(string(out), fmt.Sprintf("%s<<", k)) || !strings.Contains(string(out), "\n"+v+"\n") {
			t.Errorf("output %s=%s missing:\n%s", k, v, out)
		}
	}
	if sum, _ := os.ReadFile(env["GITHUB_STEP_SUMMARY"]); !strings.Contains(string(sum), "## hi") {
		t.Errorf("summary file = %q", sum)
	}
	// Unwritable files are errors, not panics.
	bad := fakeAction(map[string]string{"GITHUB_OUTPUT": dir, "GITHUB_STEP_SUMMARY": dir}, &bytes.Buffer{})
	if SetOutputs(bad, run, "", 0) == nil || WriteSummary(bad, "x") == nil {
		t.Error("writing to a directory succeeded")
	}
	if SetOutputs(a, run, "x\n_GitHubActionsFileCommandDelimeter_\nexit-code=0", 1) == nil {
		t.Error("a sarif-file path with a line break was written to the outputs")
	}
}

func TestSourcePrefix(t *testing.T) {
	a := fakeAction(map[string]string{"GITHUB_WORKSPACE": "/w"}, &bytes.Buffer{})
	for root, want := range map[string]string{"/w": "", "/w/svc/api": "svc/api", "/elsewhere": ""} {
		if got := SourcePrefix(a, root); got != want {
			t.Errorf("SourcePrefix(%q) = %q, want %q", root, got, want)
		}
	}
}

func TestSummaryEscapesUntrustedText(t *testing.T) {
	env := map[string]string{"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"}
	run := &report.Run{
		Findings: []finding.Finding{{RuleID: "RL002", Severity: rules.High, Message: "key <img src=x> | [a](b)",
			Location: finding.Location{Path: "x\n| y (1).py", Start: finding.Position{Line: 1}, End: finding.Position{Line: 1}}}},
		Notifications: []finding.Notification{{Level: finding.LevelWarning, Message: "</details><script>"}},
	}
	md := Summary(fakeAction(env, &bytes.Buffer{}), run, "")
	for _, want := range []string{
		`[x\\n\| y \(1\).py:1](https://github.com/o/r/blob/abc/x%0A%7C%20y%20%281%29.py#L1)`,
		`key \<img src=x\> \| \[a\]\(b\)`,
		`\</details\>\<script\>`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
}

func TestAnnotationsEscapeMessages(t *testing.T) {
	var out bytes.Buffer
	run := &report.Run{Findings: []finding.Finding{{RuleID: "RL002", Severity: rules.High, Message: "a\x1b[2Jb\nc",
		Location: finding.Location{Path: "a\n::stop-commands::T\n.py", Start: finding.Position{Line: 1}, End: finding.Position{Line: 1}}}}}
	Annotate(fakeAction(nil, &out), run)
	if got := out.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, `::a\x1b[2Jb\nc%0A`) || !strings.Contains(got, "file=a%0A%3A%3Astop-commands%3A%3AT%0A.py") {
		t.Errorf("annotation = %q", got)
	}
}

// TestSummaryStaysSmall: GitHub refuses a job summary over 1 MiB, which
// 30,000 findings used to make; the findings left out of the SARIF report
// are counted where they show.
func TestSummaryStaysSmall(t *testing.T) {
	fs := append(runWith(20_000, rules.Low, "RL004"), runWith(10_000, rules.High, "RL002")...)
	var notes []finding.Notification
	for i := range 300 {
		notes = append(notes, finding.Notification{Level: finding.LevelWarning, Message: fmt.Sprintf("problem %d", i)})
	}
	run := &report.Run{Findings: fs, Notifications: notes, SARIFOmitted: 5_000}
	md := Summary(fakeAction(nil, &bytes.Buffer{}), run, "")
	if len(md) > 256<<10 {
		t.Errorf("summary is %d bytes", len(md))
	}
	for _, want := range []string{
		"## rlcheck: 30000 findings",
		"5000 finding(s) of lower severity are not in the SARIF report",
		"The 500 most severe findings; 29500 more are in the rlcheck log and reports.",
		"- and 200 more, in the log",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	if n := strings.Count(md, "\n| high | RL002 |"); n != SummaryRows {
		t.Errorf("%d high rows, want the %d most severe", n, SummaryRows)
	}
	if strings.Contains(md, "| low | RL004 |") || strings.Contains(md, "problem 100\n") {
		t.Error("summary lists what it should have left out")
	}
}

func route(path string, line int, limit routes.How, by string) routes.Route {
	return routes.Route{Method: "POST", Path: path, Handler: "h", Group: "r (example.com/app)", Limit: limit, By: by,
		Location: finding.Location{Path: "main.go", Start: finding.Position{Line: line, Column: 2}, End: finding.Position{Line: line, Column: 30}}}
}

// TestSummaryRoutes: the route table lists the route RL015 reports first,
// then the others without a limit, then the limited ones, escapes what
// the scanned code wrote, links the lines, and is bounded.
func TestSummaryRoutes(t *testing.T) {
	env := map[string]string{"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"}
	run := &report.Run{Routes: []routes.Route{
		route("/login", 10, routes.Middleware, "httprate.LimitByIP"),
		route("/reset", 11, routes.Inline, "Server.reset"),
		route("/healthz", 12, routes.None, ""),
		route("/a|b<script>\x1b[31m", 13, routes.None, ""),
		route("/register", 14, routes.Middleware, "httprate.LimitByIP"),
	}}
	md := Summary(fakeAction(env, &bytes.Buffer{}), run, "")
	want := strings.Join([]string{
		"<details open><summary>5 route(s), 3 with a rate limit, 1 reported by RL015</summary>",
		"",
		"| limit | method | path | handler | location |",
		"| --- | --- | --- | --- | --- |",
		`| **none** (RL015) | POST | /a\|b\<script\>\\x1b\[31m | h | [main.go:13](https://github.com/o/r/blob/abc/main.go#L13) |`,
		"| none | POST | /healthz | h | [main.go:12](https://github.com/o/r/blob/abc/main.go#L12) |",
		"| middleware: httprate.LimitByIP | POST | /login | h | [main.go:10](https://github.com/o/r/blob/abc/main.go#L10) |",
		"| inline: Server.reset | POST | /reset | h | [main.go:11](https://github.com/o/r/blob/abc/main.go#L11) |",
		"| middleware: httprate.LimitByIP | POST | /register | h | [main.go:14](https://github.com/o/r/blob/abc/main.go#L14) |",
		"",
		"</details>",
	}, "\n")
	if !strings.Contains(md, want) {
		t.Errorf("summary:\n%s\nwant the table:\n%s", md, want)
	}

	var many []routes.Route
	for i := range SummaryRoutes + 5 {
		many = append(many, route(fmt.Sprintf("/r%d", i), i+1, routes.Middleware, "limit"))
	}
	md = Summary(fakeAction(nil, &bytes.Buffer{}), &report.Run{Routes: many}, "")
	if !strings.Contains(md, fmt.Sprintf("<details><summary>%d route(s), %d with a rate limit, 0 reported by RL015</summary>", SummaryRoutes+5, SummaryRoutes+5)) ||
		!strings.Contains(md, "5 more are not listed (`rlcheck routes` prints them all)") ||
		strings.Count(md, "| middleware: limit |") != SummaryRoutes {
		t.Errorf("bounded table:\n%s", md[:min(len(md), 2000)])
	}
	if md := Summary(fakeAction(nil, &bytes.Buffer{}), &report.Run{}, ""); strings.Contains(md, "route(s)") {
		t.Errorf("a table without routes:\n%s", md)
	}
}
