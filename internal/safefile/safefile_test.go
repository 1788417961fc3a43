package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.py")
	if err := os.WriteFile(small, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := Read(small, 6); err != nil || string(data) != "x = 1\n" {
		t.Errorf("Read(small) = %q, %v", data, err)
	}
	if _, err := Read(small, 5); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "larger than 5 bytes") {
		t.Errorf("Read(small, 5) error = %v", err)
	}
	// A sparse file claims 1 TiB: Read stops after the limit.
	huge := filepath.Join(dir, "huge.py")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 40); err != nil {
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	if _, err := Read(huge, 1<<20); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Read(huge) error = %v", err)
	}
	if _, err := Read(dir, 1<<20); err == nil || !strings.Contains(err.Error(), "not a regular file but a directory") {
		t.Errorf("Read(dir) error = %v", err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{1 << 20: "1 MiB", 512 << 10: "512 KiB", 300: "300 bytes", 1<<20 + 1: "1048577 bytes"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
