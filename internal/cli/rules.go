package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/rlcheck/rlcheck/rules"
)

func listRules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "rlcheck: usage: rlcheck rules")
		return ExitError
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tLANGUAGES\tTITLE")
	for _, r := range rules.Active() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, strings.Join(r.Languages, ","), r.Title)
	}
	if err := tw.Flush(); err != nil {
		printError(stderr, err)
		return ExitError
	}
	return ExitOK
}

func explain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "rlcheck: usage: rlcheck explain RULE")
		return ExitError
	}
	r := lookupRule(args[0])
	if r == nil {
		fmt.Fprintf(stderr, "rlcheck: unknown rule %q (see 'rlcheck rules')\n", args[0])
		return ExitError
	}
	cwes := make([]string, len(r.CWE))
	for i, c := range r.CWE {
		cwes[i] = fmt.Sprintf("CWE-%d", c)
	}
	fmt.Fprintf(stdout, "# %s %s\n\n%s\n\nSeverity: %s. %s. Languages: %s.\nFix: %s\nMore: %s\n\n%s",
		r.ID, r.Name, r.Title, r.Severity, strings.Join(cwes, ", "),
		strings.Join(r.Languages, ", "), r.Fix, r.HelpURI(), r.Doc)
	return ExitOK
}
