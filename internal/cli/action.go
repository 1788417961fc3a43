package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/rlcheck/rlcheck/internal/ghactions"
	"github.com/rlcheck/rlcheck/rules"
)

// Defaults of the GitHub Action's inputs: fail-on applies when neither
// the input nor the config file sets it.
const (
	actionDefaultFailOn = rules.High
	actionDefaultSARIF  = "rlcheck.sarif"
)

// action is the GitHub Action's entry point: it reads the step's inputs
// from INPUT_* variables, scans, writes the SARIF file, annotates, writes
// the job summary and sets the step outputs.
func action(args []string, stdout, stderr io.Writer) int {
	return runAction(githubactions.New(githubactions.WithWriter(stdout)), args, stdout, stderr)
}

func runAction(gh *githubactions.Action, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "rlcheck: usage: rlcheck action (inputs come from INPUT_* environment variables)")
		return ExitError
	}
	input := func(name, def string) string {
		v := gh.GetInput(name)
		if v == "" {
			v = gh.GetInput(strings.ReplaceAll(name, "-", "_"))
		}
		if v == "" {
			return def
		}
		return v
	}
	if dir := input("working-directory", ""); dir != "" {
		if err := os.Chdir(dir); err != nil {
			printError(stderr, fmt.Errorf("working-directory: %w", err))
			return ExitError
		}
	}
	cwd, err := os.Getwd()
	if err != nil {
		printError(stderr, err)
		return ExitError
	}
	// Code scanning resolves SARIF paths against the repository root, so
	// report paths relative to the checkout even from a subdirectory.
	root := cwd
	if ws := gh.Getenv("GITHUB_WORKSPACE"); ws != "" && ghactions.SourcePrefix(gh, cwd) != "" {
		root = ws
	}
	f := scanFlags{
		format:    input("format", "text"),
		sarifFile: input("sarif-file", actionDefaultSARIF),
		failOn:    input("fail-on", ""),
		rules:     input("rules", ""),
		disable:   input("disable", ""),
		// A re-run with debug logging shows the stacks of internal errors.
		debug: gh.Getenv("RUNNER_DEBUG") == "1",
		// Inputs left empty leave the config files' keys alone.
		given: map[string]bool{},
	}
	for _, name := range []string{"fail-on", "rules", "disable"} {
		f.given[name] = input(name, "") != ""
	}
	if f.format == "github" {
		return usageError(stderr, fmt.Errorf("input format: %q is what the action always does; choose text, json or sarif for the log", f.format))
	}
	switch onlyNew := input("only-new", "false"); onlyNew {
	case "true":
		if base, ok := ghactions.PullRequestBase(gh); ok {
			f.newFromRev = base
		} else {
			fmt.Fprintln(stderr, "rlcheck: only-new applies to pull_request events; this run reports every finding")
		}
	case "false":
	default:
		return usageError(stderr, fmt.Errorf("action input: only-new %q (want true or false)", onlyNew))
	}
	// The default paths (".") count as named by nobody: an empty
	// repository is then no error.
	var paths []string
	if p := strings.TrimSpace(input("paths", ".")); p != "." {
		paths = pathLines(p)
	}
	job, err := f.job(paths, root)
	if err != nil {
		// Name the action's input, not the command-line flag.
		return usageError(stderr, fmt.Errorf("action input: %s", strings.ReplaceAll(err.Error(), "--", "")))
	}
	if job.overrides.FailOn == nil {
		high := actionDefaultFailOn
		job.overrides.DefaultFailOn = &high
	}
	if abs, err := filepath.Abs(job.sarifFile); err == nil {
		job.sarifFile = abs
	}
	run, code := job.execute(stdout, stderr, gh)
	if run != nil && gh.Getenv("GITHUB_OUTPUT") != "" {
		if err := ghactions.SetOutputs(gh, run, job.sarifFile, code); err != nil {
			printError(stderr, err)
			return ExitError
		}
	}
	return code
}

// pathLines splits the action's paths input: one path per line, so that
// a path may hold spaces; blanks around a path and empty lines are
// dropped (YAML block scalars indent and end with a line break).
func pathLines(input string) []string {
	var paths []string
	for _, line := range strings.Split(input, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			paths = append(paths, line)
		}
	}
	return paths
}
