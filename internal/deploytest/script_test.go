package deploytest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// runScript runs scripts/action.sh SUB with env added to a minimal
// runner-like environment and returns its combined output, its exit code
// and the GITHUB_OUTPUT file's contents.
func runScript(t *testing.T, actionPath, sub string, env ...string) (out string, code int, outputs string) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not on PATH")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the script is exercised on Windows by the CI action job")
	}
	tmp := t.TempDir()
	outFile := filepath.Join(tmp, "output")
	if err := os.WriteFile(outFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bash, filepath.Join(repoRoot(t), "scripts", "action.sh"), sub)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(),
		"GITHUB_ACTION_PATH="+actionPath,
		"GITHUB_OUTPUT="+outFile,
		"RUNNER_TEMP="+tmp,
		"RLCHECK_VERSION=",
	)
	cmd.Env = append(cmd.Env, env...)
	b, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	o, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), code, string(o)
}

func outputValue(outputs, name string) (string, bool) {
	for _, line := range strings.Split(outputs, "\n") {
		if v, ok := strings.CutPrefix(line, name+"="); ok {
			return v, true
		}
	}
	return "", false
}

func TestPrepareCacheKey(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH")
	}
	root := repoRoot(t)
	out, code, outputs := runScript(t, root, "prepare")
	if code != 0 {
		t.Fatalf("prepare exited %d:\n%s", code, out)
	}
	key, _ := outputValue(outputs, "key")
	bin, _ := outputValue(outputs, "bin")
	dir, _ := outputValue(outputs, "dir")
	if !strings.HasPrefix(key, "rlcheck-"+runtime.GOOS+"-") || !strings.Contains(key, "-src-") {
		t.Errorf("key = %q, want rlcheck-GOOS-GOARCH-GOVERSION-src-HASH", key)
	}
	if dir == "" || filepath.Dir(bin) != dir || filepath.Base(bin) != "rlcheck" {
		t.Errorf("bin = %q, dir = %q: the binary must be in the cached directory", bin, dir)
	}

	// The key depends on the source, not on where the runner unpacked it.
	copyDir := filepath.Join(t.TempDir(), "v1")
	copyTree(t, root, copyDir, "go.mod", "go.sum", "cmd", "rules")
	_, _, outputs2 := runScript(t, copyDir, "prepare")
	_, _, outputs3 := runScript(t, copyDir, "prepare")
	key2, _ := outputValue(outputs2, "key")
	key3, _ := outputValue(outputs3, "key")
	if key2 == "" || key2 != key3 {
		t.Errorf("same source, different keys: %q, %q", key2, key3)
	}
	if err := os.WriteFile(filepath.Join(copyDir, "cmd", "rlcheck", "extra.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, outputs4 := runScript(t, copyDir, "prepare")
	if key4, _ := outputValue(outputs4, "key"); key4 == key2 {
		t.Errorf("a changed Go file kept the cache key %q", key4)
	}
	if err := os.WriteFile(filepath.Join(copyDir, "README.md"), []byte("docs only\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, outputs5 := runScript(t, copyDir, "prepare")
	key4, _ := outputValue(outputs4, "key")
	if key5, _ := outputValue(outputs5, "key"); key5 != key4 {
		t.Errorf("a README change invalidated the cached binary: %q -> %q", key4, key5)
	}
}

func copyTree(t *testing.T, from, to string, names ...string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		err := filepath.Walk(filepath.Join(from, name), func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(from, p)
			dst := filepath.Join(to, rel)
			if info.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestPrepareVersionInput(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH")
	}
	tests := []struct {
		version string
		code    int
		key     string // suffix of the cache key; "" = not cached
	}{
		{"v1.2.3", 0, "-v1.2.3"},
		{"1.2.3", 0, "-v1.2.3"},
		{"v1.2.3-rc.1", 0, "-v1.2.3-rc.1"},
		{"latest", 0, ""},
		{"0123abcd", 0, "-0123abcd"},
		{"main", 2, ""},
		{"v1.2.3; rm -rf /", 2, ""},
		{"$(id)", 2, ""},
	}
	for _, tt := range tests {
		out, code, outputs := runScript(t, t.TempDir(), "prepare", "RLCHECK_VERSION="+tt.version)
		if code != tt.code {
			t.Errorf("version %q: exit %d, want %d\n%s", tt.version, code, tt.code, out)
			continue
		}
		if code != 0 {
			if !strings.Contains(out, "::error") {
				t.Errorf("version %q: no ::error annotation:\n%s", tt.version, out)
			}
			continue
		}
		key, ok := outputValue(outputs, "key")
		if !ok || (tt.key == "" && key != "") || (tt.key != "" && !strings.HasSuffix(key, tt.key)) {
			t.Errorf("version %q: key %q, want suffix %q", tt.version, key, tt.key)
		}
	}
}

// TestRunForwardsExitCode runs the run step with stand-ins for rlcheck:
// the step must exit with rlcheck's code, and set the exit-code output
// when rlcheck did not.
func TestRunForwardsExitCode(t *testing.T) {
	tests := []struct {
		name     string
		script   string
		code     int
		exitCode string
	}{
		{"findings", "exit 1", 1, "1"},
		{"usage error before outputs", "echo bad >&2; exit 2", 2, "2"},
		{"clean", "exit 0", 0, "0"},
		{"sets its own outputs", "printf 'exit-code<<EOF\\n1\\nEOF\\n' >>\"$GITHUB_OUTPUT\"; exit 1", 1, ""},
		{"inputs arrive", `[ "$INPUT_FAIL_ON" = medium ] && [ "$1" = action ] || exit 9`, 0, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bin := filepath.Join(t.TempDir(), "rlcheck")
			if err := os.WriteFile(bin, []byte("#!/bin/sh\n"+tt.script+"\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			out, code, outputs := runScript(t, t.TempDir(), "run", "RLCHECK_BIN="+bin, "INPUT_FAIL_ON=medium")
			if code != tt.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tt.code, out)
			}
			got, ok := outputValue(outputs, "exit-code")
			if tt.exitCode == "" {
				if ok {
					t.Errorf("exit-code set twice:\n%s", outputs)
				}
			} else if got != tt.exitCode {
				t.Errorf("exit-code output = %q, want %q:\n%s", got, tt.exitCode, outputs)
			}
		})
	}
	if out, code, _ := runScript(t, t.TempDir(), "run", "RLCHECK_BIN=/nonexistent/rlcheck"); code != 2 || !strings.Contains(out, "::error") {
		t.Errorf("missing binary: exit %d, want 2 with an ::error annotation:\n%s", code, out)
	}
}
