package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/rlcheck/rlcheck/internal/baseline"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/report"
	"github.com/rlcheck/rlcheck/internal/scan"
	"github.com/rlcheck/rlcheck/internal/version"
	"github.com/rlcheck/rlcheck/rules"
)

// configCommand prints the effective configuration of each path: every
// key, its value and where the value came from.
func configCommand(args []string, stdout, stderr io.Writer) int {
	var f scanFlags
	fs := flag.NewFlagSet("rlcheck config", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.failOn, "fail-on", "low", "as for rlcheck scan: the `severity` that fails a scan")
	f.addSelectionFlags(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: rlcheck config [flags] [PATH...]\n\nPrints the configuration that governs each path (default .), as rlcheck scan with the same flags would use it.\n\nFlags:\n")
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
	overrides, err := f.overrides()
	if err != nil {
		return usageError(stderr, err)
	}
	root, err := os.Getwd()
	if err != nil {
		printError(stderr, err)
		return ExitError
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	loader := config.NewLoader(root, overrides)
	var out bytes.Buffer
	for i, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			printError(stderr, err)
			return ExitError
		}
		dir := p
		if !info.IsDir() {
			dir = filepath.Dir(p)
		}
		cfg, err := loader.ForDir(dir)
		if err != nil {
			printError(stderr, err)
			return ExitError
		}
		from := "no config file: the defaults"
		if cfg.File != "" {
			from = "from " + displayPath(root, cfg.File)
		}
		if i > 0 {
			out.WriteString("\n")
		}
		fmt.Fprintf(&out, "# %s: %s\n", p, from)
		for _, s := range cfg.Settings() {
			fmt.Fprintf(&out, "%s = %s  # %s\n", s.Key, s.Value, s.Origin)
		}
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		printError(stderr, err)
		return ExitError
	}
	return ExitOK
}

// displayPath is path relative to root when it is inside it.
func displayPath(root, path string) string {
	if rel, err := filepath.Rel(root, path); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return path
}

// baselineCommand is `rlcheck baseline write`: it scans like rlcheck scan
// and records the fingerprints of the findings it reports.
func baselineCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "write" {
		fmt.Fprintln(stderr, "rlcheck: usage: rlcheck baseline write [--output FILE] [flags] [PATH...]")
		return ExitError
	}
	var f scanFlags
	fs := flag.NewFlagSet("rlcheck baseline write", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.output, "output", baseline.DefaultFile, "write the baseline to `file` (- for standard output)")
	f.addSelectionFlags(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: rlcheck baseline write [flags] [PATH...]\n\nScans like rlcheck scan and records its findings; rlcheck scan --baseline FILE then reports only the others.\nRun both from the same directory (the repository root): paths in fingerprints are relative to it.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitError
	}
	f.given = givenFlags(fs)
	f.format = "text"
	root, err := os.Getwd()
	if err != nil {
		printError(stderr, err)
		return ExitError
	}
	job, err := f.job(paths, root)
	if err != nil {
		return usageError(stderr, err)
	}
	res, err := scan.Run(scan.Options{Paths: job.paths, Root: root, Config: config.NewLoader(root, job.overrides)})
	if err != nil {
		printError(stderr, err)
		return ExitError
	}
	run := &report.Run{ToolVersion: version.String(), Rules: rules.Active(), Findings: res.Findings, Notifications: res.Notifications,
		Successful: res.Successful, Suppressed: res.Suppressed, PythonFiles: res.PythonFiles, GoPackages: res.GoPackages, TestFiles: res.TestFiles}
	if res.PythonFiles == 0 && res.GoPackages == 0 && job.explicit {
		run.Successful = false
		run.Notifications = append(run.Notifications, nothingAnalyzed(res))
	}
	printNotifications(stderr, run.Notifications, f.debug)
	fmt.Fprintln(stderr, report.Summary(run))
	if !run.Successful {
		// A baseline of an incomplete scan would hide nothing it missed,
		// but would look complete.
		printError(stderr, errors.New("the scan is incomplete: no baseline written"))
		return ExitError
	}
	var buf bytes.Buffer
	if err := baseline.FromFindings(res.Findings).Write(&buf); err != nil {
		printError(stderr, err)
		return ExitError
	}
	if f.output == "-" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(f.output, buf.Bytes(), 0o644)
	}
	if err != nil {
		printError(stderr, fmt.Errorf("writing the baseline: %w", err))
		return ExitError
	}
	if f.output != "-" {
		fmt.Fprintf(stderr, "rlcheck: wrote %d finding(s) to %s; rlcheck scan --baseline %s reports only new ones\n", len(res.Findings), f.output, f.output)
	}
	return ExitOK
}
