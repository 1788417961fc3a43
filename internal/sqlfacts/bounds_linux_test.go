package sqlfacts

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// TestMaxDepthIsSafeOnSmallStacks parses, for every shape, the deepest
// SQL that the bounds let through, in a child process whose threads have
// 512 KiB stacks (a sixteenth of the usual 8 MiB): it must not crash.
func TestMaxDepthIsSafeOnSmallStacks(t *testing.T) {
	if os.Getenv("RLCHECK_SQL_SMALL_STACK") == "1" {
		for _, s := range nestings {
			n := 1
			for depth(nested(s.open, s.close, n+1)) <= MaxDepth {
				n++
			}
			if _, err := Analyze(nested(s.open, s.close, n)); errors.Is(err, ErrTooComplex) {
				t.Errorf("%s: %d levels refused", s.name, n)
			}
		}
		return
	}
	if testing.Short() {
		t.Skip("runs a child process")
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_STACK, &old); err != nil {
		t.Skip(err)
	}
	small := syscall.Rlimit{Cur: 512 << 10, Max: old.Max}
	if err := syscall.Setrlimit(syscall.RLIMIT_STACK, &small); err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMaxDepthIsSafeOnSmallStacks$")
	cmd.Env = append(os.Environ(), "RLCHECK_SQL_SMALL_STACK=1")
	out, err := cmd.CombinedOutput()
	if err := syscall.Setrlimit(syscall.RLIMIT_STACK, &old); err != nil {
		t.Fatal(err)
	}
	if err != nil {
		t.Fatalf("parsing SQL at MaxDepth with 512 KiB stacks: %v\n%.2000s", err, out)
	}
}
