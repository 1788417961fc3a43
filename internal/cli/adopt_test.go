package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// suppressedRL002 is vulnerable with its RL002 finding suppressed.
var suppressedRL002 = strings.Replace(vulnerable, "    table.update_item(", "    # rlcheck: ignore[RL002] the stream consumer enforces the limit\n    table.update_item(", 1)

func TestConfigCommand(t *testing.T) {
	project(t, map[string]string{
		".git/HEAD":          "",
		".rlcheck.toml":      "ignore = [\"RL004\"]\nfail-on = \"high\"\n",
		"svc/pyproject.toml": "[project]\nname = \"svc\"\n\n[tool.rlcheck]\ninclude-tests = true\n",
		"svc/app.py":         "x = 1\n",
	})
	stdout, stderr, code := runCLI("config", "--rules", "RL001,RL004", ".", "svc/app.py")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"# .: from .rlcheck.toml\n",
		`select = ["RL001", "RL004"]`, "# command line (--rules)",
		`ignore = ["RL004"]`, "# .rlcheck.toml:1",
		`fail-on = "high"`, "# .rlcheck.toml:2",
		"# svc/app.py: from " + filepath.Join("svc", "pyproject.toml") + "\n",
		"include-tests = true", "# svc/pyproject.toml:5",
		`trusted-proxy.hops = 0`, "# default",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("rlcheck config lacks %q:\n%s", want, stdout)
		}
	}

	if err := os.WriteFile(".rlcheck.toml", []byte("[trusted-proxy]\nhop = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"config"}, {"scan"}, {"baseline", "write"}} {
		_, stderr, code := runCLI(args...)
		want := `rlcheck: .rlcheck.toml:2:1: unknown key "hop" in [trusted-proxy]; valid keys: header, hops`
		if code != ExitError || !strings.Contains(stderr, want) {
			t.Errorf("rlcheck %s with a bad config: exit %d, stderr:\n%s\nwant exit 2 and %s", strings.Join(args, " "), code, stderr, want)
		}
	}
}

// TestConfigFailOnAndFlags: the config's fail-on decides the exit code
// unless --fail-on is given; --include-tests and the config's
// include-tests scan test files, and the summary counts those left out.
func TestConfigFailOnAndFlags(t *testing.T) {
	project(t, map[string]string{
		".git/HEAD":               "",
		".rlcheck.toml":           "fail-on = \"never\"\n",
		"app/limits.py":           vulnerable,
		"app/tests/test_flows.py": vulnerable,
	})
	_, stderr, code := runCLI("scan")
	if code != ExitOK || !strings.Contains(stderr, "; analyzed 1 Python file and 0 Go packages; 1 test file left out (--include-tests scans them)") {
		t.Errorf("config fail-on never: exit %d, stderr:\n%s", code, stderr)
	}
	if _, _, code := runCLI("scan", "--fail-on", "high"); code != ExitFindings {
		t.Errorf("--fail-on high over the config: exit %d, want 1", code)
	}
	stdout, stderr, _ := runCLI("scan", "--include-tests")
	if !strings.Contains(stdout, "app/tests/test_flows.py:") || strings.Contains(stderr, "left out") {
		t.Errorf("--include-tests: stdout\n%s\nstderr\n%s", stdout, stderr)
	}
	if err := os.WriteFile(".rlcheck.toml", []byte("include-tests = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, code = runCLI("scan")
	if !strings.Contains(stdout, "app/tests/test_flows.py:") || code != ExitFindings {
		t.Errorf("include-tests = true: exit %d, stdout\n%s", code, stdout)
	}
	if stdout, _, _ := runCLI("scan", "--include-tests=false"); strings.Contains(stdout, "test_flows") {
		t.Errorf("--include-tests=false over the config scanned the tests:\n%s", stdout)
	}
}

// TestEmptyScan: a scan that analyzed nothing says so; it fails (exit 2)
// only when the paths were named.
func TestEmptyScan(t *testing.T) {
	project(t, map[string]string{"docs/readme.md": "x\n", "tests/test_x.py": vulnerable})
	_, stderr, code := runCLI("scan")
	if code != ExitOK || !strings.Contains(stderr, "rlcheck: no findings; nothing analyzed: no Python file and no Go package; 1 test file left out") {
		t.Errorf("default path: exit %d, stderr:\n%s", code, stderr)
	}
	_, stderr, code = runCLI("scan", "docs")
	if code != ExitError || !strings.Contains(stderr, "rlcheck: error: nothing was analyzed: the paths given hold no Python file and no Go package\n") {
		t.Errorf("named path: exit %d, stderr:\n%s", code, stderr)
	}
	stdout, stderr, code := runCLI("scan", "--format", "sarif", ".")
	if code != ExitError || !strings.Contains(stderr, "1 test file(s) left out (--include-tests scans them)") || !strings.Contains(stdout, `"executionSuccessful": false`) {
		t.Errorf("named '.': exit %d, stderr:\n%s", code, stderr)
	}
	if _, _, code := runCLI("scan", "tests"); code != ExitFindings {
		t.Errorf("a named test directory is scanned: exit %d, want 1", code)
	}
}

// TestSuppressionsEndToEnd: a suppressed finding is not in the text
// report nor the exit code, is counted in the summary, and appears in
// SARIF with its suppression only with --show-suppressed.
func TestSuppressionsEndToEnd(t *testing.T) {
	project(t, map[string]string{"app/limits.py": suppressedRL002, "app/stale.py": "x = 1  # rlcheck: ignore[RL001] fixed\n"})
	stdout, stderr, code := runCLI("scan", "--fail-on", "high", "app")
	if code != ExitOK || strings.Contains(stdout, "RL002") || !strings.Contains(stdout, "RL004") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
	if !strings.Contains(stderr, "; 1 suppressed;") || !strings.Contains(stderr, "rlcheck: warning: app/stale.py:1:8: the suppression of RL001 matches no finding; remove it") {
		t.Errorf("stderr:\n%s", stderr)
	}
	sarifOf := func(args ...string) (results []map[string]any) {
		stdout, _, _ := runCLI(append([]string{"scan", "--format", "sarif"}, args...)...)
		var log struct {
			Runs []struct{ Results []map[string]any }
		}
		if err := json.Unmarshal([]byte(stdout), &log); err != nil {
			t.Fatal(err)
		}
		return log.Runs[0].Results
	}
	if rs := sarifOf("app"); len(rs) != 1 || rs[0]["ruleId"] != "RL004" {
		t.Errorf("SARIF without --show-suppressed: %v", rs)
	}
	rs := sarifOf("--show-suppressed", "app")
	if len(rs) != 2 || rs[1]["ruleId"] != "RL002" {
		t.Fatalf("SARIF with --show-suppressed: %v", rs)
	}
	sup := rs[1]["suppressions"].([]any)[0].(map[string]any)
	if sup["kind"] != "inSource" || sup["justification"] != "the stream consumer enforces the limit" {
		t.Errorf("suppression %v", sup)
	}
}

// TestBaselineRoundTrip: baseline write records today's findings; scan
// --baseline reports only findings added since, after the file moved
// its code down and re-indented it.
func TestBaselineRoundTrip(t *testing.T) {
	project(t, map[string]string{"app/limits.py": vulnerable})
	_, stderr, code := runCLI("baseline", "write")
	if code != ExitOK || !strings.Contains(stderr, "wrote 2 finding(s) to .rlcheck-baseline.json") {
		t.Fatalf("baseline write: exit %d:\n%s", code, stderr)
	}
	shifted := "import logging\n\nlog = logging.getLogger(__name__)\n" + strings.ReplaceAll(vulnerable, "\n    ", "\n    ") +
		"\n\ndef record_twice(client_id):\n    table.update_item(Key={\"pk\": client_id}, UpdateExpression=\"ADD more :one\", ExpressionAttributeValues={\":one\": 1})\n"
	if err := os.WriteFile("app/limits.py", []byte(shifted), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI("scan", "--baseline", ".rlcheck-baseline.json")
	if code != ExitFindings || strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, "app/limits.py:25:5: RL002") || !strings.Contains(stderr, "; 2 in the baseline") {
		t.Errorf("scan --baseline: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if err := os.WriteFile("bad.json", []byte("{\"version\": 1, \"findings\": [}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI("scan", "--baseline", "bad.json"); code != ExitError || !strings.Contains(stderr, "bad.json:1:29: not a baseline file") {
		t.Errorf("a bad baseline: exit %d:\n%s", code, stderr)
	}
}

// git runs git in dir for a test.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestNewFromRev: in a scratch repository whose head adds a finding (and
// moves the old ones down), --new-from-rev reports only the added one,
// from the root, from a subdirectory, and in a shallow clone that lacks
// the base commit.
func TestNewFromRev(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	src := project(t, map[string]string{"svc/app/limits.py": vulnerable, "svc/.rlcheck.toml": "ignore = [\"RL003\"]\n"})
	git(t, src, "init", "--quiet", "--initial-branch=main")
	git(t, src, "config", "uploadpack.allowReachableSHA1InWant", "true")
	git(t, src, "add", ".")
	git(t, src, "commit", "--quiet", "-m", "base")
	base := git(t, src, "rev-parse", "HEAD")
	head := "import logging\n\n" + vulnerable + "\n\ndef also(client_id):\n    table.update_item(Key={\"pk\": client_id}, UpdateExpression=\"ADD more :one\", ExpressionAttributeValues={\":one\": 1})\n"
	if err := os.WriteFile(filepath.Join(src, "svc", "app", "limits.py"), []byte(head), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "svc", "app", "new.py"), []byte(vulnerable), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, src, "add", ".")
	git(t, src, "commit", "--quiet", "-m", "head")

	check := func(name, dir string, args ...string) {
		t.Helper()
		t.Chdir(dir)
		stdout, stderr, code := runCLI(append([]string{"scan", "--new-from-rev", base}, args...)...)
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		if code != ExitFindings || len(lines) != 3 || !strings.Contains(stdout, "limits.py:24:5: RL002") ||
			!strings.Contains(stdout, "new.py:9:5: RL002") || !strings.Contains(stdout, "new.py:18:9: RL004") ||
			!strings.Contains(stderr, "; 2 in the baseline") {
			t.Errorf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", name, code, stdout, stderr)
		}
		if list := git(t, dir, "worktree", "list"); strings.Count(list, "\n") != 0 {
			t.Errorf("%s: the worktree was left behind:\n%s", name, list)
		}
	}
	check("root", src)
	check("subdirectory", filepath.Join(src, "svc"))
	check("named path", src, "svc/app")

	clone := filepath.Join(t.TempDir(), "clone")
	git(t, src, "clone", "--quiet", "--depth=1", "--no-local", "file://"+src, clone)
	check("shallow clone", clone)

	t.Chdir(src)
	if _, stderr, code := runCLI("scan", "--new-from-rev", "no-such-rev"); code != ExitError || !strings.Contains(stderr, "git fetch --depth=1 origin no-such-rev") {
		t.Errorf("unknown revision: exit %d:\n%s", code, stderr)
	}
}
