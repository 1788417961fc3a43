// Command rlcheck finds rate-limit bypasses in Python and Go code.
//
// Run `rlcheck help` for usage. The same binary serves as a vet tool:
// go vet -vettool=$(command -v rlcheck) ./...
package main

import (
	"os"

	"github.com/rlcheck/rlcheck/internal/cli"
	"github.com/rlcheck/rlcheck/internal/vettool"
)

func main() {
	if vettool.Invoked(os.Args[1:]) {
		vettool.Main()
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
