package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/ghactions"
	"github.com/rlcheck/rlcheck/internal/report"
	"github.com/rlcheck/rlcheck/internal/safetext"
	"github.com/rlcheck/rlcheck/internal/scan"
	"github.com/rlcheck/rlcheck/internal/version"
	"github.com/rlcheck/rlcheck/rules"
)

type scanFlags struct {
	format    string
	output    string
	sarifFile string
	failOn    string
	rules     string
	disable   string
	debug     bool
}

func scanCommand(args []string, stdout, stderr io.Writer) int {
	var f scanFlags
	fs := flag.NewFlagSet("rlcheck scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.format, "format", "text", "output format: text, json, sarif or github (workflow-command annotations and a Markdown summary)")
	fs.StringVar(&f.output, "output", "", "write the report to `file` instead of standard output")
	fs.StringVar(&f.sarifFile, "sarif-file", "", "also write a SARIF report to `file`")
	fs.StringVar(&f.failOn, "fail-on", "low", "exit 1 when a finding of this `severity` or above exists: high, medium, low or never")
	fs.StringVar(&f.rules, "rules", "", "run only these comma-separated `rules` (IDs or names)")
	fs.StringVar(&f.disable, "disable", "", "do not run these comma-separated `rules` (IDs or names)")
	fs.BoolVar(&f.debug, "debug", false, "print the goroutine stack of an internal error (a failed analyzer)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: rlcheck scan [flags] [PATH...]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitError
	}
	root, err := os.Getwd()
	if err != nil {
		printError(stderr, err)
		return ExitError
	}
	job, err := f.job(paths, root)
	if err != nil {
		return usageError(stderr, err)
	}
	gh := githubactions.New(githubactions.WithWriter(stderr))
	if job.format == "github" {
		gh = githubactions.New(githubactions.WithWriter(stdout))
	}
	_, code := job.execute(stdout, stderr, gh)
	return code
}

// scanJob is a validated scan request, from flags or from action inputs.
type scanJob struct {
	paths     []string
	root      string // directory that reported paths are relative to
	format    string
	output    string
	sarifFile string
	failOn    rules.Severity // 0: never fail
	enabled   func(string) bool
	debug     bool // print the stacks of internal errors
}

func (f *scanFlags) job(paths []string, root string) (*scanJob, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	format := strings.ToLower(f.format)
	if format != "github" {
		if _, err := writerFor(format); err != nil {
			return nil, err
		}
	}
	threshold, err := parseFailOn(f.failOn)
	if err != nil {
		return nil, err
	}
	enabled, err := ruleFilter(f.rules, f.disable)
	if err != nil {
		return nil, err
	}
	return &scanJob{
		paths: paths, root: root, format: format, output: f.output,
		sarifFile: f.sarifFile, failOn: threshold, enabled: enabled, debug: f.debug,
	}, nil
}

// execute runs the scan, writes the reports and returns the run and the
// exit code. Inside GitHub Actions (and with --format github) it also
// annotates the findings and writes the job summary through gh.
func (j *scanJob) execute(stdout, stderr io.Writer, gh *githubactions.Action) (*report.Run, int) {
	res, err := scan.Run(scan.Options{Paths: j.paths, Root: j.root, Enabled: j.enabled})
	if err != nil {
		printError(stderr, err)
		return nil, ExitError
	}
	run := &report.Run{
		ToolVersion:   version.String(),
		Rules:         rules.Active(),
		Findings:      res.Findings,
		Notifications: res.Notifications,
		Successful:    res.Successful,
	}
	code := ExitOK
	switch {
	case !res.Successful:
		code = ExitError
	case j.failOn > 0 && hasFindingAtLeast(res.Findings, j.failOn):
		code = ExitFindings
	}

	// The SARIF report fits GitHub's limits; what it leaves out is told
	// in every other output too.
	sarifRun := run
	if j.format == "sarif" || j.sarifFile != "" {
		fitted, err := report.FitSARIF(run)
		if err != nil {
			printError(stderr, fmt.Errorf("rendering the SARIF report: %w", err))
			return run, ExitError
		}
		sarifRun = fitted
		run.Notifications, run.SARIFOmitted = fitted.Notifications, fitted.SARIFOmitted
	}
	if j.format != "github" {
		write, _ := writerFor(j.format)
		out := run
		if j.format == "sarif" {
			out = sarifRun
		}
		if err := writeReport(j.output, stdout, write, out); err != nil {
			printError(stderr, err)
			return run, ExitError
		}
	}
	if j.sarifFile != "" {
		if err := writeReport(j.sarifFile, stdout, report.SARIF, sarifRun); err != nil {
			printError(stderr, err)
			return run, ExitError
		}
	}
	printNotifications(stderr, run.Notifications, j.debug)
	if j.format == "github" || ghactions.InActions(gh) {
		ghactions.Annotate(gh, run)
		summary := ghactions.Summary(gh, run, ghactions.SourcePrefix(gh, j.root))
		if err := ghactions.WriteSummary(gh, summary); err != nil {
			printError(stderr, err)
		} else if !ghactions.InActions(gh) {
			fmt.Fprint(stdout, summary)
		}
	}
	fmt.Fprintln(stderr, report.Summary(run))
	return run, code
}

// printNotifications writes one line per notification to stderr; with
// debug, an internal error's stack follows its line, each stack line
// behind "rlcheck: | ".
func printNotifications(stderr io.Writer, notes []finding.Notification, debug bool) {
	for _, n := range notes {
		hint := ""
		if n.Debug != "" && !debug {
			hint = " (--debug prints the stack)"
		}
		fmt.Fprintf(stderr, "rlcheck: %s: %s%s\n", n.Level, safetext.Line(n.Message), hint)
		if debug && n.Debug != "" {
			for _, line := range strings.Split(strings.TrimRight(n.Debug, "\n"), "\n") {
				fmt.Fprintf(stderr, "rlcheck: | %s\n", safetext.Line(strings.ReplaceAll(line, "\t", "    ")))
			}
		}
	}
}

// parseInterspersed parses flags that may stand before, between or after
// the paths, as users type them (`rlcheck scan . --format sarif`). A lone
// "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return paths, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(paths, rest...), nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

type writeFunc func(io.Writer, *report.Run) error

func writerFor(format string) (writeFunc, error) {
	switch strings.ToLower(format) {
	case "text":
		return report.Text, nil
	case "json":
		return report.JSON, nil
	case "sarif":
		return report.SARIF, nil
	}
	return nil, fmt.Errorf("unknown --format %q (want text, json, sarif or github)", format)
}

// parseFailOn returns the lowest severity that fails the run, or 0 for
// "never".
func parseFailOn(s string) (rules.Severity, error) {
	if strings.EqualFold(s, "never") {
		return 0, nil
	}
	sev, err := rules.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown --fail-on %q (want high, medium, low or never)", s)
	}
	return sev, nil
}

// ruleFilter builds the rule selection from --rules and --disable.
func ruleFilter(only, disable string) (func(string) bool, error) {
	onlySet, err := ruleSet(only)
	if err != nil {
		return nil, err
	}
	disabled, err := ruleSet(disable)
	if err != nil {
		return nil, err
	}
	return func(id string) bool {
		if onlySet != nil && !onlySet[id] {
			return false
		}
		return !disabled[id]
	}, nil
}

// ruleSet resolves a comma-separated list of rule IDs or names; nil for an
// empty list.
func ruleSet(list string) (map[string]bool, error) {
	items := splitList(list)
	if len(items) == 0 {
		return nil, nil
	}
	set := make(map[string]bool)
	for _, item := range items {
		r := lookupRule(item)
		if r == nil {
			return nil, fmt.Errorf("unknown rule %q (see 'rlcheck rules')", item)
		}
		set[r.ID] = true
	}
	return set, nil
}

// lookupRule finds an active rule by ID or name.
func lookupRule(s string) *rules.Rule {
	for _, r := range rules.Active() {
		if strings.EqualFold(r.ID, s) || strings.EqualFold(r.Name, s) {
			return r
		}
	}
	return nil
}

func hasFindingAtLeast(fs []finding.Finding, sev rules.Severity) bool {
	for _, f := range fs {
		if f.Severity >= sev {
			return true
		}
	}
	return false
}

// writeReport renders run with write and stores it in the named file, or
// on stdout for "" and "-". The report is rendered completely before
// anything is written, so a failure leaves no half-written file.
func writeReport(path string, stdout io.Writer, write writeFunc, run *report.Run) error {
	var buf bytes.Buffer
	if err := write(&buf, run); err != nil {
		return fmt.Errorf("rendering the report: %w", err)
	}
	if path == "" || path == "-" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}

func usageError(stderr io.Writer, err error) int {
	printError(stderr, err)
	return ExitError
}

// printError writes err to stderr as one line.
func printError(stderr io.Writer, err error) {
	fmt.Fprintf(stderr, "rlcheck: %s\n", safetext.Line(err.Error()))
}
