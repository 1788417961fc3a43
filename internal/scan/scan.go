// Package scan runs a whole analysis: it finds the inputs under the given
// paths, runs the Python rules on every Python file and the Go analyzers on
// every Go package, and returns findings and notifications ready for the
// writers.
package scan

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
	"github.com/rlcheck/rlcheck/analyzers/python"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/godriver"
	"github.com/rlcheck/rlcheck/internal/routes"
	"github.com/rlcheck/rlcheck/internal/safefile"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
)

// Bounds on the Python files analyzed: a larger file, or one with a longer
// line, is generated or minified code or data, not hand-written limiter
// code, and is skipped with a note (README.md, "Limits").
const (
	maxFileSize = 1 << 20 // bytes
	maxLineLen  = 10_000  // bytes in one line
)

// maxGoFile bounds the Go files read again for fingerprints (the go
// command read them first): beyond it, findings there get none.
const maxGoFile = 64 << 20

// The engines, as variables so that tests can make them fail.
var (
	checkProject = python.CheckProject
	goAnalyzers  = gocode.Analyzers
)

// Options select what a scan does.
type Options struct {
	Paths   []string          // files and directories to scan
	Root    string            // absolute directory that reported paths are relative to
	Enabled func(string) bool // whether a rule ID runs; nil: every rule the configuration selects
	// Config resolves the configuration governing each file (the nearest
	// config file, under the command line's overrides); nil reads the
	// config files without overrides. The engines read it with
	// Config.Get(path) for the file they analyze.
	Config *config.Loader
	// Baseline holds the fingerprints of findings not to report (rlcheck
	// baseline write, --new-from-rev); nil reports every finding.
	Baseline map[string]bool
	// Routes asks for the route map of the applications scanned
	// (Result.Routes), for the job summary.
	Routes bool
}

// Result is the outcome of a scan.
type Result struct {
	// Findings are the findings to report: enabled for their file, not
	// suppressed, not in the baseline, at their configured severity.
	Findings      []finding.Finding
	Notifications []finding.Notification
	// Successful is false when rlcheck could not do its job: a named path
	// does not exist or cannot be read, Go code could not be loaded, or an
	// analyzer failed (a notification marked Internal).
	Successful bool
	// Suppressed are the findings an inline directive suppressed, each
	// with its Suppression.
	Suppressed []finding.Finding
	// Baselined counts the findings left out because the baseline has
	// them.
	Baselined int
	// Failing counts the findings at or above the fail-on severity of
	// the configuration governing their file.
	Failing int
	// Routes are the HTTP routes of the applications scanned, with the
	// limit that covers each, when Options.Routes asks for them: the
	// Python projects', and the Go modules' as RL015 mapped them (none
	// when RL015 does not run on Go).
	Routes      []routes.Route
	PythonFiles int // Python files analyzed
	GoPackages  int // Go package directories analyzed
	TestFiles   int // test files left out
	Excluded    int // files and directories the configuration excluded
}

// Run performs the scan.
func Run(opts Options) (*Result, error) {
	loader, in, goDirs, err := find(opts)
	if err != nil {
		return nil, err
	}
	enabled := func(id string) bool {
		if opts.Enabled != nil && !opts.Enabled(id) {
			return false
		}
		for _, cfg := range loader.Configs() {
			if cfg.Enabled(id) {
				return true
			}
		}
		return false
	}

	res := &Result{Successful: true, TestFiles: in.TestFiles, Excluded: in.Excluded}
	for _, p := range in.Problems {
		level, what := finding.LevelWarning, "could not be scanned"
		switch {
		case p.Explicit:
			level = finding.LevelError
			res.Successful = false
		case p.Skipped:
			level, what = finding.LevelNote, "was not scanned"
		}
		rel := finding.RelPath(opts.Root, p.Path)
		res.Notifications = append(res.Notifications, finding.Notification{
			Level: level, Path: rel,
			Message: fmt.Sprintf("%s %s: %v", rel, what, unwrapPath(p.Err)),
		})
	}

	sources := newSourceSet()
	sql := sqlfacts.Watch()
	pyFindings, pyNotes, pyRead := runPython(in.PythonFiles, opts, loader, enabled, sources)
	res.Findings = append(res.Findings, pyFindings...)
	res.Notifications = append(res.Notifications, pyNotes...)
	res.Notifications = append(res.Notifications, refusedSQL("the Python files", sql.Stop())...)
	res.PythonFiles = len(pyRead)
	var analyzed []string
	for _, in := range pyRead {
		analyzed = append(analyzed, in.Path)
	}
	if opts.Routes && len(pyRead) > 0 {
		res.Routes, _ = python.Routes(pyRead, pythonRoots(opts)) // its notes are the analysis's
	}

	if analyzers := enabledAnalyzers(enabled); len(analyzers) > 0 && len(in.Go) > 0 {
		sql := sqlfacts.Watch()
		goRes := godriver.Run(in.Go, analyzers, opts.Root, goConfig(loader))
		res.Findings = append(res.Findings, goRes.Findings...)
		res.Notifications = append(res.Notifications, goRes.Notifications...)
		res.Notifications = append(res.Notifications, refusedSQL("the Go packages", sql.Stop())...)
		if goRes.Failed {
			res.Successful = false
		}
		if opts.Routes {
			res.Routes = append(res.Routes, goRes.Routes...)
			routes.Sort(res.Routes)
		}
		res.GoPackages = len(goDirs)
		for _, d := range goDirs {
			analyzed = append(analyzed, d.files...)
		}
	}

	for _, n := range res.Notifications {
		if n.Internal {
			res.Successful = false
		}
	}
	finding.Sort(res.Findings)
	finding.SetFingerprints(res.Findings, func(path string) []byte {
		return sources.get(abs(opts.Root, path))
	})
	res.adopt(opts, loader, enabled, analyzed, sources)
	return res, nil
}

// find resolves the configuration and discovers the inputs under it
// (its excludes and include-tests): every Python file and Go package
// directory found has its configuration resolved before the engines run,
// so that a bad config file stops the scan here.
func find(opts Options) (*config.Loader, *discover.Inputs, []goDir, error) {
	loader := opts.Config
	if loader == nil {
		loader = config.NewLoader(opts.Root, config.Overrides{})
	}
	var cfgErr error
	resolve := func(dir string) *config.Config {
		cfg, err := loader.ForDir(dir)
		if err != nil {
			cfgErr = cmp.Or(cfgErr, err)
			return config.Default()
		}
		return cfg
	}
	in, err := discover.Find(opts.Paths, discover.Options{
		IncludeTests: func(dir string) bool { return resolve(dir).IncludeTests },
		Excluded:     func(p string) bool { return resolve(filepath.Dir(p)).Excluded(p) },
	})
	if err != nil {
		return nil, nil, nil, err
	}
	for _, f := range in.PythonFiles {
		resolve(filepath.Dir(f))
	}
	goDirs := goPackageDirs(in.Go)
	for _, d := range goDirs {
		resolve(d.dir)
	}
	if cfgErr != nil {
		return nil, nil, nil, cfgErr
	}
	return loader, in, goDirs, nil
}

// goConfig returns the configuration of a Go package directory as the go
// command names it, which may differ in form from the directory the scan
// resolved (a symlink resolved): looked up again then, the defaults if
// that fails (find reported every bad config file already).
func goConfig(loader *config.Loader) func(dir string) *config.Config {
	return func(dir string) *config.Config {
		if cfg, err := loader.ForDir(dir); err == nil {
			return cfg
		}
		return loader.GetDir(dir)
	}
}

// refusedSQL turns the SQL texts that sqlfacts did not parse (over its
// bounds) into warnings: the rules took them as no SQL at all. The rules
// do not say where a text came from, so where names the engine's inputs
// and the warning quotes the text's start.
func refusedSQL(where string, refused []sqlfacts.Refusal) []finding.Notification {
	var out []finding.Notification
	for _, r := range refused {
		why := fmt.Sprintf("it nests about %d levels deep, and rlcheck parses at most %d", r.Err.Depth, sqlfacts.MaxDepth)
		if r.Err.Depth == 0 {
			why = fmt.Sprintf("it is %d bytes long, and rlcheck parses at most %d", r.Err.Len, sqlfacts.MaxLen)
		}
		out = append(out, finding.Notification{Level: finding.LevelWarning,
			Message: fmt.Sprintf("SQL text in %s was not analyzed: %s; it starts %q", where, why, r.Start)})
	}
	return out
}

func enabledAnalyzers(enabled func(string) bool) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range goAnalyzers() {
		if enabled(a.Name) {
			out = append(out, a)
		}
	}
	return out
}

// runPython reads the Python files on all cores and analyzes them as one
// project; it also returns the files it read.
func runPython(files []string, opts Options, loader *config.Loader, enabled func(string) bool, sources *sourceSet) ([]finding.Finding, []finding.Notification, []python.Input) {
	read, notes := readPython(files, opts, loader, sources)
	fs, pyNotes := analyzePython(read, pythonRoots(opts), enabled)
	return fs, append(notes, pyNotes...), read
}

// readPython reads the Python files on all cores, each with the
// configuration that governs it; a file that cannot be read (or is
// generated) gets a notification instead.
func readPython(files []string, opts Options, loader *config.Loader, sources *sourceSet) ([]python.Input, []finding.Notification) {
	inputs := make([]python.Input, len(files))
	readNotes := make([]*finding.Notification, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				path := files[i]
				relPath := finding.RelPath(opts.Root, path)
				src, err := readSource(path)
				if err != nil {
					level := finding.LevelWarning
					if errors.Is(err, errGenerated) {
						level = finding.LevelNote
					}
					readNotes[i] = &finding.Notification{
						Level: level, Path: relPath,
						Message: fmt.Sprintf("%s was not analyzed: %v", relPath, err),
					}
					continue
				}
				sources.put(path, src)
				inputs[i] = python.Input{Path: path, Rel: relPath, Src: src, Config: loader.Get(path)}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var notes []finding.Notification
	var read []python.Input
	for i, n := range readNotes {
		if n != nil {
			notes = append(notes, *n)
		} else {
			read = append(read, inputs[i])
		}
	}
	return read, notes
}

// analyzePython runs the Python engine on the files read; a panic that
// escapes the engine's own guards (which cover each file's parse and each
// rule on each file) costs the Python findings, not the run.
func analyzePython(inputs []python.Input, roots []string, enabled func(string) bool) (fs []finding.Finding, notes []finding.Notification) {
	defer func() {
		if v := recover(); v != nil {
			fs, notes = nil, []finding.Notification{finding.InternalError("", "", "the Python files", v, debug.Stack())}
		}
	}()
	fs, notes, _ = checkProject(inputs, roots, enabled)
	return fs, notes
}

// pythonRoots returns the absolute directories named in the scan (and
// the directories of named files): module names start there.
func pythonRoots(opts Options) []string {
	var roots []string
	for _, p := range opts.Paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if info, err := os.Stat(abs); err == nil && !info.IsDir() {
			abs = filepath.Dir(abs)
		}
		roots = append(roots, abs)
	}
	return roots
}

// errGenerated is wrapped by the error of readSource for a file over the
// bounds.
var errGenerated = errors.New("generated or minified code, or data?")

// readSource reads a Python file within the bounds: a regular file (a
// named pipe or a device is refused unopened) of at most maxFileSize
// bytes, counted while reading, and no line longer than maxLineLen.
func readSource(path string) ([]byte, error) {
	data, err := safefile.Read(path, maxFileSize)
	if errors.Is(err, safefile.ErrTooLarge) {
		return nil, fmt.Errorf("it is larger than %s, rlcheck's bound for a source file (%w)", safefile.Size(maxFileSize), errGenerated)
	}
	if err != nil {
		return nil, unwrapPath(err)
	}
	for line, rest := 1, data; len(rest) > 0; line++ {
		n := bytes.IndexByte(rest, '\n')
		if n < 0 {
			n = len(rest)
		}
		if n > maxLineLen {
			return nil, fmt.Errorf("line %d is %d bytes long, over rlcheck's bound of %d (%w)", line, n, maxLineLen, errGenerated)
		}
		rest = rest[min(n+1, len(rest)):]
	}
	return data, nil
}

// unwrapPath drops the path that *fs.PathError repeats.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// sourceSet keeps the contents of the files read, for fingerprints.
type sourceSet struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newSourceSet() *sourceSet { return &sourceSet{files: make(map[string][]byte)} }

func (s *sourceSet) put(path string, src []byte) {
	s.mu.Lock()
	s.files[path] = src
	s.mu.Unlock()
}

func (s *sourceSet) get(path string) []byte {
	s.mu.Lock()
	src, ok := s.files[path]
	s.mu.Unlock()
	if ok {
		return src
	}
	src, _ = safefile.Read(path, maxGoFile) // Go files: read on demand
	s.put(path, src)
	return src
}

func abs(root, path string) string {
	p := filepath.FromSlash(path)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}
