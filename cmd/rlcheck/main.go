// Command rlcheck finds rate-limit bypasses in Python and Go code.
//
// Run `rlcheck help` for usage. The same binary serves as a vet tool:
// go vet -vettool=$(command -v rlcheck) ./...
package main

import (
	"os"
	"runtime/debug"

	"github.com/rlcheck/rlcheck/internal/cli"
	"github.com/rlcheck/rlcheck/internal/vettool"
)

// memoryLimit is the soft memory limit of rlcheck's own commands unless
// GOMEMLIMIT sets another: loading a large module with its dependencies'
// syntax keeps about 1.5 GB live, and the garbage collector's default
// pacing would let the heap grow to twice that before collecting.
const memoryLimit = 2 << 30

func main() {
	if vettool.Invoked(os.Args[1:]) {
		vettool.Main()
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
