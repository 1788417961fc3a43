// Command loadfloor loads the Go packages under the given paths exactly as
// rlcheck scan does (discover, then godriver.Load per module) and does
// nothing else: the floor that scripts/goroot-cost.sh compares a scan's
// time and peak memory with.
package main

import (
	"fmt"
	"os"

	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/godriver"
)

func main() {
	in, err := discover.Find(os.Args[1:], discover.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	n := 0
	for _, t := range in.Go {
		pkgs, err := godriver.Load(t)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		n += len(pkgs)
	}
	fmt.Printf("%d packages loaded\n", n)
}
