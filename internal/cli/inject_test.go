package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// hostileNames are file names a fork's pull request controls that would
// inject GitHub Actions workflow commands if printed raw: a "::" command
// after a line break, one at the start of a line, and a legacy "##["
// command, which the runner recognizes anywhere in a line.
var hostileNames = []string{
	"a\n::stop-commands::TOKEN\n.py",
	"::error::fake.py",
	"b ##[stop-commands]TOKEN2.py",
	"c\x1b[2J\u202e.py",
}

// ourCommand is a workflow command rlcheck itself writes: an annotation.
var ourCommand = regexp.MustCompile(`^::(error|warning|notice) [^:]*::|^::notice::rlcheck: `)

func TestNoWorkflowCommandInjection(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("these file names are not allowed on Windows")
	}
	files := map[string]string{}
	for _, name := range hostileNames {
		files[name] = vulnerable
	}
	dir := project(t, files)
	summary := filepath.Join(dir, "summary.md")
	t.Setenv("GITHUB_ACTIONS", "true")
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	t.Setenv("GITHUB_SERVER_URL", "https://github.com")
	t.Setenv("GITHUB_REPOSITORY", "o/r")
	t.Setenv("GITHUB_SHA", "abc")
	for _, format := range []string{"text", "json", "sarif"} {
		if err := os.WriteFile(summary, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		stdout, stderr, code := runCLI("scan", "--format", format, ".")
		if code != ExitFindings {
			t.Fatalf("--format %s: exit %d; stderr:\n%s", format, code, stderr)
		}
		for _, out := range []string{stdout, stderr} {
			for _, line := range strings.Split(out, "\n") {
				l := strings.TrimLeft(line, " \t")
				switch {
				case ourCommand.MatchString(l):
					// The runner takes the line as this "::" command and
					// looks no further: a "##[" in its file property is data.
				case strings.HasPrefix(l, "::"):
					t.Errorf("--format %s: a line is a workflow command rlcheck did not mean: %q", format, line)
				case strings.Contains(line, "##["):
					t.Errorf("--format %s: a line carries a legacy workflow command: %q", format, line)
				}
				if strings.Contains(line, "stop-commands") && strings.HasPrefix(line, "::") &&
					!strings.Contains(line, "stop-commands%3A%3ATOKEN") && !strings.Contains(line, "stop-commands]TOKEN2") {
					t.Errorf("--format %s: annotation with an unescaped file name: %q", format, line)
				}
			}
		}
		if format == "text" && !strings.Contains(stdout, `a\n::stop-commands::TOKEN\n.py:9:5: RL002`) {
			t.Errorf("the text report does not show the escaped name:\n%s", stdout)
		}
		md, err := os.ReadFile(summary)
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		for _, line := range strings.Split(string(md), "\n") {
			if strings.HasPrefix(line, "| high | RL") || strings.HasPrefix(line, "| medium | RL") {
				rows++
				if n := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1)); n != 5 {
					t.Errorf("summary row has %d cell separators, want 5: %q", n, line)
				}
			}
		}
		if want := 2 * len(hostileNames); rows != want {
			t.Errorf("summary has %d finding rows, want %d:\n%s", rows, want, md)
		}
	}
}
