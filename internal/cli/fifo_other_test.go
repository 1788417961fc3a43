//go:build !unix

package cli

import "testing"

func fifo(t *testing.T, _ string) {
	t.Helper()
	t.Skip("no named pipes in this file system")
}
