// Package cli implements rlcheck's command line: scan, config, baseline,
// routes, rules, explain, action, version and help. Run is main's whole
// body, so every path through the command is testable.
package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/rlcheck/rlcheck/internal/version"
)

// Exit codes.
const (
	ExitOK       = 0 // no finding at or above the --fail-on severity
	ExitFindings = 1 // findings at or above the --fail-on severity
	ExitError    = 2 // usage error, or rlcheck could not do its job
)

const usage = `rlcheck finds rate-limit bypasses in Python and Go code.

Usage:
  rlcheck scan [flags] [PATH...]   scan files and directories (default .)
  rlcheck config [PATH...]         print the effective configuration and where each value comes from
  rlcheck baseline write [--output FILE] [PATH...]
                                   record today's findings; scan --baseline FILE reports only new ones
  rlcheck routes [PATH...]         list the HTTP routes and the rate limit that covers each
  rlcheck rules                    list the rules
  rlcheck explain RULE             print a rule's documentation (RL001 or its name)
  rlcheck action                   run as the GitHub Action step (inputs from INPUT_* variables)
  rlcheck version                  print the version
  go vet -vettool=$(command -v rlcheck) ./...   run the Go analyzers inside go vet

Run 'rlcheck scan -h' for the scan flags.
`

// Run executes the command line args (without the program name) and
// returns the exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitError
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "scan":
		return scanCommand(rest, stdout, stderr)
	case "config":
		return configCommand(rest, stdout, stderr)
	case "baseline":
		return baselineCommand(rest, stdout, stderr)
	case "action":
		return action(rest, stdout, stderr)
	case "rules":
		return listRules(rest, stdout, stderr)
	case "routes":
		return routesCommand(rest, stdout, stderr)
	case "explain":
		return explain(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "rlcheck %s\n", version.String())
		return ExitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	default:
		fmt.Fprintf(stderr, "rlcheck: unknown command %q\n\n%s", cmd, usage)
		return ExitError
	}
}

// splitList splits a comma-separated flag value, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
