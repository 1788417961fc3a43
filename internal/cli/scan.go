package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/rlcheck/rlcheck/internal/baseline"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/ghactions"
	"github.com/rlcheck/rlcheck/internal/gitrev"
	"github.com/rlcheck/rlcheck/internal/report"
	"github.com/rlcheck/rlcheck/internal/safetext"
	"github.com/rlcheck/rlcheck/internal/scan"
	"github.com/rlcheck/rlcheck/internal/version"
	"github.com/rlcheck/rlcheck/rules"
)

type scanFlags struct {
	format         string
	output         string
	sarifFile      string
	failOn         string
	rules          string
	disable        string
	includeTests   bool
	showSuppressed bool
	baseline       string
	newFromRev     string
	debug          bool
	// given holds the flags set on the command line (or the action's
	// inputs that are not empty): only those override the config files.
	given map[string]bool
}

// addSelectionFlags defines the flags that choose what is scanned, shared
// by scan and baseline write.
func (f *scanFlags) addSelectionFlags(fs *flag.FlagSet) {
	fs.StringVar(&f.rules, "rules", "", "run only these comma-separated `rules` (IDs or names); replaces the config's select")
	fs.StringVar(&f.disable, "disable", "", "do not run these comma-separated `rules` (IDs or names); replaces the config's ignore")
	fs.BoolVar(&f.includeTests, "include-tests", false, "scan test files too (test_*.py, conftest.py, tests/, _test.go, ...)")
	fs.BoolVar(&f.debug, "debug", false, "print the goroutine stack of an internal error (a failed analyzer)")
}

func scanCommand(args []string, stdout, stderr io.Writer) int {
	var f scanFlags
	fs := flag.NewFlagSet("rlcheck scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.format, "format", "text", "output format: text, json, sarif or github (workflow-command annotations and a Markdown summary)")
	fs.StringVar(&f.output, "output", "", "write the report to `file` instead of standard output")
	fs.StringVar(&f.sarifFile, "sarif-file", "", "also write a SARIF report to `file`")
	fs.StringVar(&f.failOn, "fail-on", "low", "exit 1 when a finding of this `severity` or above exists: high, medium, low or never; replaces the config's fail-on")
	fs.BoolVar(&f.showSuppressed, "show-suppressed", false, "list the findings inline directives suppressed in the JSON and SARIF reports (SARIF: with a suppressions entry)")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings not in this baseline `file` (rlcheck baseline write)")
	fs.StringVar(&f.newFromRev, "new-from-rev", "", "report only findings not present at git `revision` REV (scanned in a temporary worktree)")
	f.addSelectionFlags(fs)
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
	f.given = givenFlags(fs)
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

// givenFlags returns the names of the flags set on the command line.
func givenFlags(fs *flag.FlagSet) map[string]bool {
	given := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	return given
}

// scanJob is a validated scan request, from flags or from action inputs.
type scanJob struct {
	paths          []string
	explicit       bool   // the paths were named, not the default "."
	root           string // directory that reported paths are relative to
	format         string
	output         string
	sarifFile      string
	overrides      config.Overrides
	showSuppressed bool
	baseline       string // baseline file to read
	newFromRev     string // revision whose findings are not new
	debug          bool   // print the stacks of internal errors
}

func (f *scanFlags) job(paths []string, root string) (*scanJob, error) {
	explicit := len(paths) > 0
	if !explicit {
		paths = []string{"."}
	}
	format := strings.ToLower(f.format)
	if format != "github" {
		if _, err := writerFor(format); err != nil {
			return nil, err
		}
	}
	overrides, err := f.overrides()
	if err != nil {
		return nil, err
	}
	return &scanJob{
		paths: paths, explicit: explicit, root: root, format: format, output: f.output,
		sarifFile: f.sarifFile, overrides: overrides, showSuppressed: f.showSuppressed,
		baseline: f.baseline, newFromRev: f.newFromRev, debug: f.debug,
	}, nil
}

// overrides turns the flags given into the settings that replace the
// config files' keys.
func (f *scanFlags) overrides() (config.Overrides, error) {
	var o config.Overrides
	if f.given["fail-on"] {
		threshold, err := parseFailOn(f.failOn)
		if err != nil {
			return o, err
		}
		o.FailOn = &threshold
	}
	var err error
	if f.given["rules"] {
		if o.Select, err = ruleIDs(f.rules); err != nil {
			return o, err
		}
		if o.Select == nil {
			return o, errors.New("--rules names no rule")
		}
	}
	if f.given["disable"] {
		if o.Ignore, err = ruleIDs(f.disable); err != nil {
			return o, err
		}
		if o.Ignore == nil {
			o.Ignore = []string{}
		}
	}
	if f.given["include-tests"] {
		o.IncludeTests = &f.includeTests
	}
	return o, nil
}

// execute runs the scan, writes the reports and returns the run and the
// exit code. Inside GitHub Actions (and with --format github) it also
// annotates the findings and writes the job summary through gh.
func (j *scanJob) execute(stdout, stderr io.Writer, gh *githubactions.Action) (*report.Run, int) {
	opts := scan.Options{Paths: j.paths, Root: j.root, Config: config.NewLoader(j.root, j.overrides),
		Routes: j.format == "github" || ghactions.InActions(gh)} // for the job summary
	var revNotes []finding.Notification
	if j.baseline != "" {
		b, err := baseline.Read(j.baseline)
		if err != nil {
			printError(stderr, err)
			return nil, ExitError
		}
		opts.Baseline = b.Fingerprints()
	}
	if j.newFromRev != "" {
		fps, notes, err := j.revisionFindings()
		if err != nil {
			printError(stderr, err)
			return nil, ExitError
		}
		if opts.Baseline == nil {
			opts.Baseline = make(map[string]bool)
		}
		for fp := range fps {
			opts.Baseline[fp] = true
		}
		revNotes = notes
	}
	res, err := scan.Run(opts)
	if err != nil {
		printError(stderr, err)
		return nil, ExitError
	}
	run := &report.Run{
		ToolVersion:    version.String(),
		Rules:          rules.Active(),
		Findings:       res.Findings,
		Notifications:  append(revNotes, res.Notifications...),
		Successful:     res.Successful,
		Suppressed:     res.Suppressed,
		ShowSuppressed: j.showSuppressed,
		Baselined:      res.Baselined,
		PythonFiles:    res.PythonFiles,
		GoPackages:     res.GoPackages,
		TestFiles:      res.TestFiles,
		Routes:         res.Routes,
	}
	if res.PythonFiles == 0 && res.GoPackages == 0 && j.explicit {
		// A wrong path must not pass as a clean scan.
		run.Successful = false
		run.Notifications = append(run.Notifications, nothingAnalyzed(res))
	}
	code := ExitOK
	switch {
	case !run.Successful:
		code = ExitError
	case res.Failing > 0:
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

// nothingAnalyzed is the error of a scan of named paths that held no
// Python file and no Go package, saying what was left out.
func nothingAnalyzed(res *scan.Result) finding.Notification {
	var why []string
	if res.TestFiles > 0 {
		why = append(why, fmt.Sprintf("%d test file(s) left out (--include-tests scans them)", res.TestFiles))
	}
	if res.Excluded > 0 {
		why = append(why, fmt.Sprintf("%d path(s) excluded by the configuration (rlcheck config shows it)", res.Excluded))
	}
	msg := "nothing was analyzed: the paths given hold no Python file and no Go package"
	if len(why) > 0 {
		msg += "; " + strings.Join(why, ", ")
	}
	return finding.Notification{Level: finding.LevelError, Message: msg}
}

// revisionFindings scans the revision newFromRev in a temporary worktree,
// with the checkout's configuration, and returns the fingerprints of its
// findings, with notes about the scan.
func (j *scanJob) revisionFindings() (map[string]bool, []finding.Notification, error) {
	wt, fetched, err := gitrev.Checkout(j.root, j.newFromRev)
	if err != nil {
		return nil, nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	defer wt.Remove()
	var notes []finding.Notification
	if fetched {
		what := j.newFromRev
		if what != wt.Commit {
			what += " (commit " + wt.Commit + ")"
		}
		notes = append(notes, finding.Notification{Level: finding.LevelNote,
			Message: fmt.Sprintf("fetched %s from origin to compare with", what)})
	}
	root, ok := wt.Map(j.root)
	if !ok {
		return nil, nil, fmt.Errorf("--new-from-rev: %s is outside the repository %s", j.root, wt.Repo)
	}
	var paths []string
	for _, p := range j.paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, nil, err
		}
		at, ok := wt.Map(abs)
		if !ok {
			return nil, nil, fmt.Errorf("--new-from-rev: %s is outside the repository %s", p, wt.Repo)
		}
		if _, err := os.Lstat(at); err == nil {
			paths = append(paths, at) // a path that did not exist then holds only new findings
		}
	}
	fps := make(map[string]bool)
	if len(paths) == 0 {
		return fps, notes, nil
	}
	loader := config.NewLoader(root, j.overrides)
	loader.Remap(wt.Dir, wt.Repo)
	res, err := scan.Run(scan.Options{Paths: paths, Root: root, Config: loader})
	if err != nil {
		return nil, nil, fmt.Errorf("--new-from-rev: scanning %s: %w", j.newFromRev, err)
	}
	if !res.Successful {
		notes = append(notes, finding.Notification{Level: finding.LevelWarning,
			Message: fmt.Sprintf("the scan of %s was incomplete, so some findings it has may be reported as new", j.newFromRev)})
	}
	for _, f := range res.Findings {
		fps[f.Fingerprint] = true
	}
	return fps, notes, nil
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
	sev, err := config.ParseFailOn(s)
	if err != nil {
		return 0, fmt.Errorf("unknown --fail-on %q (want high, medium, low or never)", s)
	}
	return sev, nil
}

// ruleIDs resolves a comma-separated list of rule IDs or names; nil for
// an empty list.
func ruleIDs(list string) ([]string, error) {
	var ids []string
	for _, item := range splitList(list) {
		r := lookupRule(item)
		if r == nil {
			return nil, fmt.Errorf("unknown rule %q (see 'rlcheck rules')", item)
		}
		if !slices.Contains(ids, r.ID) {
			ids = append(ids, r.ID)
		}
	}
	return ids, nil
}

// lookupRule finds an active rule by ID or name.
func lookupRule(s string) *rules.Rule { return config.LookupRule(s) }

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
