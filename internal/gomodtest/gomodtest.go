// Package gomodtest writes throwaway Go modules for tests that load
// packages the way a scan does.
package gomodtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files (slash-separated paths relative to the module root,
// go.mod included) into a new temporary directory and returns it.
func Write(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
