package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/routes"
	"github.com/rlcheck/rlcheck/internal/safetext"
	"github.com/rlcheck/rlcheck/internal/scan"
)

// routesCommand prints every HTTP route of the applications under the
// paths with the limit that covers it: `rlcheck routes [--format text|json]
// [PATH...]`.
func routesCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rlcheck routes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text (a table) or json")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: rlcheck routes [flags] [PATH...]\n\nPrints every route of the FastAPI, Flask and Go (net/http, chi, gin,\necho, gorilla/mux) applications under PATH (default .) with the rate\nlimit that covers it.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitError
	}
	write := routes.Text
	switch *format {
	case "text":
	case "json":
		write = routes.JSON
	default:
		return usageError(stderr, fmt.Errorf("unknown format %q: want text or json", *format))
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	root, err := os.Getwd()
	if err != nil {
		printError(stderr, err)
		return ExitError
	}
	rs, notes, err := scan.Routes(scan.Options{Paths: paths, Root: root})
	if err != nil {
		printError(stderr, err)
		return ExitError
	}
	for _, n := range notes {
		if n.Level != finding.LevelNote {
			fmt.Fprintf(stderr, "rlcheck: %s: %s\n", n.Level, safetext.Line(n.Message))
		}
	}
	if err := write(stdout, rs); err != nil {
		printError(stderr, err)
		return ExitError
	}
	limited := 0
	for _, r := range rs {
		if r.Limited() {
			limited++
		}
	}
	fmt.Fprintf(stderr, "rlcheck: %d routes, %d with a rate limit, %d reported by RL015\n", len(rs), limited, len(routes.Unlimited(rs)))
	return ExitOK
}
