package report

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

// manyFindings returns n findings of each severity, in finding.Sort order,
// each with the message msg(i).
func manyFindings(n int, msg func(i int) string) []finding.Finding {
	var fs []finding.Finding
	for i := range n {
		for _, sev := range []rules.Severity{rules.Low, rules.Medium, rules.High} {
			fs = append(fs, finding.Finding{RuleID: "RL004", Severity: sev, Message: msg(len(fs)),
				Location: finding.Location{Path: fmt.Sprintf("f%05d.py", i), Start: finding.Position{Line: 1 + int(sev), Column: 1}, End: finding.Position{Line: 1 + int(sev), Column: 2}}})
		}
	}
	finding.Sort(fs)
	return fs
}

// noise is incompressible text, deterministic per seed.
func noise(seed, n int) string {
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	b := make([]byte, n)
	for i := range b {
		b[i] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[r.IntN(62)]
	}
	return string(b)
}

type limitsLog struct {
	Runs []struct {
		Results []struct {
			Level            string `json:"level"`
			RelatedLocations []any  `json:"relatedLocations"`
			CodeFlows        []struct {
				ThreadFlows []struct {
					Locations []any `json:"locations"`
				} `json:"threadFlows"`
			} `json:"codeFlows"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

func writeSARIF(t *testing.T, run *Run) ([]byte, limitsLog) {
	t.Helper()
	var buf bytes.Buffer
	if err := SARIF(&buf, run); err != nil {
		t.Fatal(err)
	}
	var log limitsLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), log
}

func gzipped(t *testing.T, data []byte) int {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := io.Copy(zw, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Len()
}

// TestSARIFKeepsTheMostSevereResults: GitHub rejects a run of more than
// 25,000 results; 30,000 findings used to make one.
func TestSARIFKeepsTheMostSevereResults(t *testing.T) {
	run := &Run{ToolVersion: "0.1.0", Rules: rules.Active(), Successful: true,
		Findings: manyFindings(10_000, func(int) string { return "every request increments the same row" })}
	fitted, err := FitSARIF(run)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Findings) != 30_000 || len(run.Notifications) != 0 {
		t.Fatal("FitSARIF changed the run")
	}
	if fitted.SARIFOmitted != 5_000 || len(fitted.Findings) != MaxSARIFResults {
		t.Errorf("omitted %d, kept %d", fitted.SARIFOmitted, len(fitted.Findings))
	}
	_, log := writeSARIF(t, run)
	levels := map[string]int{}
	for _, r := range log.Runs[0].Results {
		levels[r.Level]++
	}
	if levels["error"] != 10_000 || levels["warning"] != 10_000 || levels["note"] != 5_000 {
		t.Errorf("results by level = %v, want every high and medium and 5000 low", levels)
	}
	inv := log.Runs[0].Invocations[0]
	want := "5000 findings (0 high, 0 medium, 5000 low) are not in the SARIF report, which keeps the 25000 most severe: GitHub code scanning accepts at most 25000 results per run and 10 MB gzipped; the text and JSON reports have them all"
	if !inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 || inv.ToolExecutionNotifications[0].Message.Text != want {
		t.Errorf("invocation = %+v", inv)
	}
	// Fitting a fitted run changes nothing.
	again, err := FitSARIF(fitted)
	if err != nil || again.SARIFOmitted != fitted.SARIFOmitted || len(again.Notifications) != len(fitted.Notifications) {
		t.Errorf("fitting again: %v, omitted %d, notifications %d", err, again.SARIFOmitted, len(again.Notifications))
	}
}

// TestSARIFStaysUnderTheUploadLimit: paths (related locations, flows) go
// first, then the least severe results, until the gzipped log fits.
// The limit is scaled down 40 times: the logs are too, and render fast.
func TestSARIFStaysUnderTheUploadLimit(t *testing.T) {
	gzipLimit = MaxSARIFGzip / 40
	t.Cleanup(func() { gzipLimit = MaxSARIFGzip })
	loc := func(i int) finding.Location {
		return finding.Location{Path: "x.py", Start: finding.Position{Line: i + 1, Column: 1}, End: finding.Position{Line: i + 1, Column: 2}, Message: noise(i, 100)}
	}
	// Related locations and a flow of 1,500 steps, all incompressible.
	paths := manyFindings(4, func(int) string { return "m" })
	for i := range paths {
		for j := range 120 {
			paths[i].Related = append(paths[i].Related, loc(i*1000+j))
		}
		for j := range 1500 {
			paths[i].Flow = append(paths[i].Flow, loc(i*100_000+j))
		}
	}
	run := &Run{ToolVersion: "0.1.0", Rules: rules.Active(), Findings: paths}
	data, log := writeSARIF(t, run)
	if n := gzipped(t, data); n > gzipLimit {
		t.Errorf("gzipped log is %d bytes", n)
	}
	if got := len(log.Runs[0].Results); got != len(paths) {
		t.Errorf("%d results, want all %d: dropping paths is enough", got, len(paths))
	}
	for _, r := range log.Runs[0].Results {
		if len(r.RelatedLocations) > 0 || len(r.CodeFlows) > 0 {
			t.Fatal("related locations or flows kept")
		}
	}
	notes := log.Runs[0].Invocations[0].ToolExecutionNotifications
	if len(notes) != 1 || !strings.Contains(notes[0].Message.Text, "leaves out related locations and flows") {
		t.Errorf("notifications = %+v", notes)
	}

	// Within the limit, a result keeps what GitHub shows: 99 related
	// locations besides the primary one, 1,000 flow steps ending at the sink.
	one := &Run{ToolVersion: "0.1.0", Rules: rules.Active(), Findings: paths[:1]}
	_, log = writeSARIF(t, one)
	r := log.Runs[0].Results[0]
	if len(r.RelatedLocations) != 99 || len(r.CodeFlows[0].ThreadFlows[0].Locations) != 1000 {
		t.Errorf("related %d, flow steps %d", len(r.RelatedLocations), len(r.CodeFlows[0].ThreadFlows[0].Locations))
	}
	fitted, err := FitSARIF(one)
	if err != nil || fitted.Findings[0].Flow[999] != paths[0].Flow[1499] || len(fitted.Notifications) != 0 {
		t.Errorf("the flow does not end at the sink, or a notification was added: %v %+v", err, fitted.Notifications)
	}

	// Incompressible messages: the least severe results go. The limit
	// leaves room, beyond the rules' own metadata (which grows with the
	// rule pages), for the high and medium results and part of the low.
	empty, _ := writeSARIF(t, &Run{ToolVersion: "0.1.0", Rules: rules.Active()})
	gzipLimit = gzipped(t, empty) + 200_000
	big := &Run{ToolVersion: "0.1.0", Rules: rules.Active(), Findings: manyFindings(100, func(i int) string { return noise(i, 1_000) })}
	data, log = writeSARIF(t, big)
	if n := gzipped(t, data); n > gzipLimit {
		t.Errorf("gzipped log is %d bytes", n)
	}
	levels := map[string]int{}
	for _, r := range log.Runs[0].Results {
		levels[r.Level]++
	}
	if levels["error"] != 100 || levels["warning"] != 100 || levels["note"] == 0 || levels["note"] == 100 {
		t.Errorf("results by level = %v, want the high and medium ones and some low ones", levels)
	}
	notes = log.Runs[0].Invocations[0].ToolExecutionNotifications
	if len(notes) != 1 || !strings.Contains(notes[0].Message.Text, fmt.Sprintf("%d findings (0 high, 0 medium, %d low)", 100-levels["note"], 100-levels["note"])) {
		t.Errorf("notifications = %+v", notes)
	}
}

func BenchmarkFitSARIF30000(b *testing.B) {
	run := &Run{ToolVersion: "0.1.0", Rules: rules.Active(), Findings: manyFindings(10_000, func(int) string { return "every request increments the same row" })}
	for b.Loop() {
		if _, err := FitSARIF(run); err != nil {
			b.Fatal(err)
		}
	}
}
