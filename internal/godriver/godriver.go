// Package godriver runs rlcheck's Go analyzers on the packages of a scan:
// it loads them with go/packages, one module at a time, analyzes each
// module as a whole (gocode.ForModule) with go/analysis/checker, and turns
// diagnostics into findings.
//
// Loading works where users run it and never touches the network: a
// module with vendor/modules.txt loads from its vendor directory, a go.work
// above it is honoured, the user's GOFLAGS are kept except for what would
// change go.mod or fetch (-mod=mod), and GOPROXY=off, GOSUMDB=off and
// GOTOOLCHAIN=local hold whatever the environment says. When dependencies
// are not in the module cache, or a package does not type-check, the
// analyzers run on what did load (syntax, import paths, partial types)
// and the run records a notification saying so: missing dependencies in
// one line that names the fix (go mod download). A module whose
// dependency graph itself cannot be resolved offline is loaded detached
// (loadDetached) and analyzed from syntax and import paths.
package godriver

import (
	"errors"
	"fmt"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/routes"
	"github.com/rlcheck/rlcheck/rules"
)

// Result is what the Go side of a scan produced.
type Result struct {
	Findings      []finding.Finding
	Notifications []finding.Notification
	// Failed is set when a target could not be loaded at all (no go
	// command, a broken go.mod): rlcheck could not do its job there.
	Failed bool
	// Routes are the HTTP routes RL015 mapped (when it ran), located
	// like findings.
	Routes []routes.Route
}

// loadMode is what the analyzers need: syntax and types for the packages
// analyzed, from source for their dependencies too, so that no build of
// the dependencies (and no cgo toolchain) is needed.
const loadMode = packages.LoadAllSyntax

// Run analyzes every target. root is the directory that finding paths are
// relative to; configs returns the configuration governing a package
// directory (gocode.ForModule), nil for none.
func Run(targets []discover.GoTarget, analyzers []*analysis.Analyzer, root string, configs func(dir string) *config.Config) *Result {
	res := new(Result)
	files := newFileCache()
	for _, t := range targets {
		runTarget(res, t, Guard(analyzers), root, files, configs)
	}
	return res
}

// Load loads the packages of a target as a scan does, with their
// dependencies' syntax and types.
func Load(t discover.GoTarget) ([]*packages.Package, error) {
	cfg := &packages.Config{Mode: loadMode, Dir: t.Dir, Tests: t.Tests, Env: loadEnv(t.Dir, os.Environ())}
	return packages.Load(cfg, t.Patterns...)
}

func runTarget(res *Result, t discover.GoTarget, analyzers []*analysis.Analyzer, root string, files *fileCache, configs func(string) *config.Config) {
	where := finding.RelPath(root, t.Dir)
	pkgs, cleanup, ok := loadTarget(res, t, root, files)
	defer cleanup()
	if !ok {
		return
	}
	bound, err := forModule(pkgs, analyzers, configs)
	if err != nil {
		res.Notifications = append(res.Notifications, finding.Notification{
			Level:   finding.LevelError,
			Path:    where,
			Message: fmt.Sprintf("whole-module analysis of %s failed, packages analyzed one at a time: %v", where, err),
		})
		bound = analyzers
	}
	graph, err := checker.Analyze(bound, pkgs, nil)
	if err != nil {
		res.Failed = true
		res.Notifications = append(res.Notifications, finding.Notification{
			Level:   finding.LevelError,
			Path:    where,
			Message: fmt.Sprintf("go analysis in %s failed: %v", where, firstLine(err.Error())),
		})
		return
	}
	seen := make(map[string]bool)
	var rs []routes.Route
	for _, act := range graph.Roots {
		if act.Err != nil {
			res.Notifications = append(res.Notifications, actionError(act, root))
			continue
		}
		if own, ok := act.Result.([]routes.Route); ok && act.Analyzer.Name == "RL015" {
			rs = append(rs, own...)
		}
		for _, d := range act.Diagnostics {
			f := toFinding(act.Analyzer, act.Package.Fset, d, root, files)
			key := fmt.Sprintf("%s|%s|%d|%d|%s", f.RuleID, f.Location.Path, f.Location.Start.Line, f.Location.Start.Column, f.Message)
			if !seen[key] {
				seen[key] = true
				res.Findings = append(res.Findings, f)
			}
		}
	}
	res.Routes = append(res.Routes, relocate(rs, root, files)...)
}

// loadTarget loads a target's packages as Run does, detached when the
// module's dependency graph cannot be resolved offline, and records what
// went wrong in res. ok is false when nothing loaded; cleanup removes what
// a detached load made.
func loadTarget(res *Result, t discover.GoTarget, root string, files *fileCache) (pkgs []*packages.Package, cleanup func(), ok bool) {
	where := finding.RelPath(root, t.Dir)
	cleanup = func() {}
	pkgs, err := Load(t)
	detached := false
	if err != nil && t.Module && missingModule(err.Error()) {
		pkgs, cleanup, err = loadDetached(t, files)
		detached = err == nil
	}
	if err != nil {
		res.Failed = true
		res.Notifications = append(res.Notifications, finding.Notification{
			Level:   finding.LevelError,
			Path:    where,
			Message: fmt.Sprintf("go packages in %s could not be loaded: %v", where, firstLine(err.Error())),
		})
		return nil, cleanup, false
	}
	if detached {
		res.Notifications = append(res.Notifications, finding.Notification{
			Level:   finding.LevelWarning,
			Path:    where,
			Message: fmt.Sprintf("%s has dependencies missing from the module cache, so it was analyzed from syntax and import paths only; run `go mod download` there for full results", moduleIn(where)),
		})
	} else {
		res.Notifications = append(res.Notifications, loadProblems(pkgs, where, root)...)
	}
	return pkgs, cleanup, true
}

// actionError describes an analyzer that failed on a package: an internal
// error (a panic, an error returned), except when the checker skipped an
// analyzer that cannot run on packages with type errors.
func actionError(act *checker.Action, root string) finding.Notification {
	dir := finding.RelPath(root, pkgDir(act.Package))
	if act.Package.IllTyped && !act.Analyzer.RunDespiteErrors {
		return finding.Notification{Level: finding.LevelWarning, Path: dir, Rule: act.Analyzer.Name,
			Message: fmt.Sprintf("%s did not run on package %s, which has type errors", act.Analyzer.Name, act.Package.PkgPath)}
	}
	var cause any = act.Err
	var stack []byte
	if pe, ok := errors.AsType[*PanicError](act.Err); ok {
		cause, stack = pe, pe.Stack
	}
	return finding.InternalError(dir, act.Analyzer.Name, "package "+act.Package.PkgPath, cause, stack)
}

// forModule binds the analyzers to the whole module, turning a panic of
// the module's summary into an error.
func forModule(pkgs []*packages.Package, analyzers []*analysis.Analyzer, configs func(string) *config.Config) (out []*analysis.Analyzer, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v\n%s", r, debug.Stack())
		}
	}()
	return gocode.ForModule(pkgs, analyzers, configs), nil
}

// loadEnv is the environment packages.Load runs the go command in, for a
// target in dir: nothing may reach the network (no proxy, no checksum
// database, no toolchain download), and GOFLAGS is the user's without
// -mod=mod, with -mod=vendor for a module (or workspace) that vendors its
// dependencies, else -mod=readonly unless the user chose a mode.
func loadEnv(dir string, environ []string) []string {
	var userFlags, gowork string
	for _, kv := range environ {
		switch k, v, _ := strings.Cut(kv, "="); k {
		case "GOFLAGS":
			userFlags = v
		case "GOWORK":
			gowork = v
		}
	}
	return append(environ, "GOPROXY=off", "GOSUMDB=off", "GOTOOLCHAIN=local", "GOFLAGS="+goflags(userFlags, vendored(dir, gowork)))
}

// goflags keeps the user's flags but never lets loading change go.mod or
// fetch: -mod=mod is dropped (as is the obsolete -insecure), and a mode is
// added when none is left: vendor when the dependencies are vendored,
// readonly otherwise.
func goflags(user string, vendor bool) string {
	var out []string
	mode := false
	for _, f := range strings.Fields(user) {
		name, value, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
		switch {
		case name == "mod" && value == "mod", name == "insecure":
			continue
		case name == "mod":
			mode = true
		}
		out = append(out, f)
	}
	switch {
	case mode:
	case vendor:
		out = append(out, "-mod=vendor")
	default:
		out = append(out, "-mod=readonly")
	}
	return strings.Join(out, " ")
}

// vendored reports whether the go command will build dir's packages from
// a vendor directory: the workspace's (go work vendor) when a go.work
// applies, else the module's. gowork is the GOWORK setting ("" to search
// the parent directories, "off" for none).
func vendored(dir, gowork string) bool {
	work := gowork
	if work == "" {
		work = findUp(dir, "go.work")
	}
	if work != "" && work != "off" {
		return exists(filepath.Join(filepath.Dir(work), "vendor", "modules.txt"))
	}
	if mod := findUp(dir, "go.mod"); mod != "" {
		return exists(filepath.Join(filepath.Dir(mod), "vendor", "modules.txt"))
	}
	return false
}

// findUp returns the file named name in dir or the nearest directory
// above it that has one, or "".
func findUp(dir, name string) string {
	for {
		if p := filepath.Join(dir, name); exists(p) {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// missingPackages names the missing dependency packages: the first of n.
func missingPackages(n int, first string) string {
	if n == 1 {
		return first
	}
	return fmt.Sprintf("%d packages, such as %s", n, first)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// loadProblems describes the packages that loaded with errors: one line
// for the dependencies missing from the module cache, naming the fix, and
// one warning per package with other errors.
func loadProblems(pkgs []*packages.Package, where, root string) []finding.Notification {
	missing := make(map[string]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if e.Kind == packages.ListError && missingModule(e.Msg) {
				missing[p.PkgPath] = true
			}
		}
	})
	var out []finding.Notification
	if len(missing) > 0 {
		first := slices.Min(slices.Collect(maps.Keys(missing)))
		out = append(out, finding.Notification{
			Level: finding.LevelWarning,
			Path:  where,
			Message: fmt.Sprintf("%s has dependencies missing from the module cache (%s), so it was analyzed from syntax and import paths only; run `go mod download` there for full results",
				moduleIn(where), missingPackages(len(missing), first)),
		})
	}
	for _, p := range pkgs {
		if n, ok := loadProblem(p, root, missing); ok {
			out = append(out, n)
		}
	}
	return out
}

// moduleIn names the module at a path for a message.
func moduleIn(where string) string {
	if where == "." {
		return "the module"
	}
	return "the module in " + where
}

// missingModule reports whether a go list error says that a package's
// module is not in the module cache (or not required at all).
func missingModule(msg string) bool {
	for _, s := range []string{"missing go.sum entry", "GOPROXY=off", "no required module provides", "cannot find module providing", "module lookup disabled", "not in the module cache"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// loadProblem describes a package that loaded with errors other than
// those of missing dependencies.
func loadProblem(p *packages.Package, root string, missing map[string]bool) (finding.Notification, bool) {
	var errs []packages.Error
	for _, e := range p.Errors {
		if missing[p.PkgPath] || importsMissing(e.Msg, missing) {
			continue
		}
		errs = append(errs, e)
	}
	p = &packages.Package{PkgPath: p.PkgPath, Errors: errs, GoFiles: p.GoFiles, CompiledGoFiles: p.CompiledGoFiles, OtherFiles: p.OtherFiles}
	if len(p.Errors) == 0 {
		return finding.Notification{}, false
	}
	msg := fmt.Sprintf("package %s has %d load or type error(s), analyzed with partial type information; first: %s",
		p.PkgPath, len(p.Errors), firstLine(p.Errors[0].Msg))
	if p.Errors[0].Pos != "" {
		msg = fmt.Sprintf("package %s has %d load or type error(s), analyzed with partial type information; first: %s: %s",
			p.PkgPath, len(p.Errors), relPos(root, p.Errors[0].Pos), firstLine(p.Errors[0].Msg))
	}
	return finding.Notification{Level: finding.LevelWarning, Path: finding.RelPath(root, pkgDir(p)), Message: msg}, true
}

// importsMissing reports whether a type error is a failed import of a
// missing package: could not import example.com/absent/pkg (...).
func importsMissing(msg string, missing map[string]bool) bool {
	rest, ok := strings.CutPrefix(msg, "could not import ")
	if !ok {
		return false
	}
	path, _, _ := strings.Cut(rest, " ")
	return missing[path]
}

func toFinding(a *analysis.Analyzer, fset *token.FileSet, d analysis.Diagnostic, root string, files *fileCache) finding.Finding {
	sev := rules.MustLookup(a.Name).Severity
	if d.Category != "" {
		if s, err := rules.ParseSeverity(d.Category); err == nil {
			sev = s
		}
	}
	end := d.End
	if !end.IsValid() {
		end = d.Pos
	}
	f := finding.Finding{
		RuleID:   a.Name,
		Severity: sev,
		Message:  d.Message,
		Location: location(fset, d.Pos, end, root, files),
	}
	for _, r := range d.Related {
		rend := r.End
		if !rend.IsValid() {
			rend = r.Pos
		}
		loc := location(fset, r.Pos, rend, root, files)
		msg, step := strings.CutPrefix(r.Message, finding.FlowStep)
		loc.Message = msg
		f.Related = append(f.Related, loc)
		if step {
			f.Flow = append(f.Flow, loc)
		}
	}
	return f
}

func location(fset *token.FileSet, pos, end token.Pos, root string, files *fileCache) finding.Location {
	p, e := fset.Position(pos), fset.Position(end)
	return finding.Location{
		Path:  finding.RelPath(root, files.real(p.Filename)),
		Start: finding.Position{Line: p.Line, Column: files.charColumn(p.Filename, p.Line, p.Column)},
		End:   finding.Position{Line: e.Line, Column: files.charColumn(e.Filename, e.Line, e.Column)},
	}
}

func pkgDir(p *packages.Package) string {
	for _, files := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles} {
		if len(files) > 0 {
			return filepath.Dir(files[0])
		}
	}
	return ""
}

// relPos shortens the file part of a "file:line:col" position.
func relPos(root, pos string) string {
	if i := strings.Index(pos, ".go:"); i >= 0 {
		return finding.RelPath(root, pos[:i+3]) + pos[i+3:]
	}
	return pos
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// fileCache holds the lines of files that findings point into, to turn
// byte columns into character columns.
type fileCache struct {
	aliases
	mu    sync.Mutex
	lines map[string][][]byte
}

func newFileCache() *fileCache { return &fileCache{lines: make(map[string][][]byte)} }

func (c *fileCache) charColumn(file string, line, byteCol int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	lines, ok := c.lines[file]
	if !ok {
		data, _ := os.ReadFile(file)
		lines = splitLines(data)
		c.lines[file] = lines
	}
	if line < 1 || line > len(lines) {
		return byteCol
	}
	return finding.CharColumn(lines[line-1], byteCol)
}

func splitLines(data []byte) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		i := 0
		for i < len(data) && data[i] != '\n' {
			i++
		}
		out = append(out, data[:i])
		if i == len(data) {
			break
		}
		data = data[i+1:]
	}
	return out
}
