//go:build unix

package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadRefusesPipesAndDevices: a named pipe without a writer would
// block the open forever; /dev/zero never ends.
func TestReadRefusesPipesAndDevices(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "x.py")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(fifo, 1<<20); err == nil || !strings.Contains(err.Error(), "a named pipe") {
		t.Errorf("Read(fifo) error = %v", err)
	}
	zero := filepath.Join(dir, "zero.py")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(zero, 1<<20); err == nil || !strings.Contains(err.Error(), "a device") {
		t.Errorf("Read(-> /dev/zero) error = %v", err)
	}
}
