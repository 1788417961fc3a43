package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/internal/finding"
)

func TestInternalErrorsPrintOneLineAndTheStackOnlyWithDebug(t *testing.T) {
	notes := []finding.Notification{
		finding.InternalError("a.py", "RL003", "a.py", "index out of range\n::error::x", []byte("goroutine 7 [running]:\nmain.f()\n\t/src/f.go:3 +0x1\n")),
		{Level: finding.LevelWarning, Path: "b.py", Message: "b.py has a syntax error at line 2"},
	}
	var plain bytes.Buffer
	printNotifications(&plain, notes, false)
	want := `rlcheck: error: internal error in RL003 while analyzing a.py: index out of range\n::error::x; the scan is incomplete (--debug prints the stack)
rlcheck: warning: b.py has a syntax error at line 2
`
	if plain.String() != want {
		t.Errorf("without --debug:\n%s\nwant\n%s", plain.String(), want)
	}
	var debug bytes.Buffer
	printNotifications(&debug, notes, true)
	lines := strings.Split(strings.TrimSuffix(debug.String(), "\n"), "\n")
	if len(lines) != 5 || lines[1] != "rlcheck: | goroutine 7 [running]:" || lines[3] != "rlcheck: |     /src/f.go:3 +0x1" || strings.Contains(lines[0], "--debug") {
		t.Errorf("with --debug:\n%s", debug.String())
	}
}

func TestScanHasDebugFlag(t *testing.T) {
	project(t, map[string]string{"app/clean.py": "x = 1\n"})
	if _, stderr, code := runCLI("scan", "--debug", "app"); code != ExitOK {
		t.Errorf("scan --debug: exit %d; stderr:\n%s", code, stderr)
	}
}
