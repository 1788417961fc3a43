// Package godriver runs rlcheck's Go analyzers on the packages of a scan:
// it loads them with go/packages, runs the analyzers with
// go/analysis/checker, and turns diagnostics into findings.
//
// Loading never touches the network (GOPROXY=off): when dependencies are
// not in the module cache, or a package does not type-check, the analyzers
// run on what did load (syntax, import paths, partial types) and the run
// records a notification saying so.
package godriver

import (
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

// Result is what the Go side of a scan produced.
type Result struct {
	Findings      []finding.Finding
	Notifications []finding.Notification
	// Failed is set when a target could not be loaded at all (no go
	// command, a broken go.mod): rlcheck could not do its job there.
	Failed bool
}

// loadMode is what the analyzers need: syntax and types for the packages
// analyzed, from source for their dependencies too, so that no build of
// the dependencies (and no cgo toolchain) is needed.
const loadMode = packages.LoadAllSyntax

// Run analyzes every target. root is the directory that finding paths are
// relative to.
func Run(targets []discover.GoTarget, analyzers []*analysis.Analyzer, root string) *Result {
	res := new(Result)
	files := newFileCache()
	for _, t := range targets {
		runTarget(res, t, Guard(analyzers), root, files)
	}
	return res
}

func runTarget(res *Result, t discover.GoTarget, analyzers []*analysis.Analyzer, root string, files *fileCache) {
	cfg := &packages.Config{
		Mode:  loadMode,
		Dir:   t.Dir,
		Tests: t.Tests,
		Env:   append(os.Environ(), "GOPROXY=off", "GOFLAGS="+goflags()),
	}
	where := finding.RelPath(root, t.Dir)
	pkgs, err := packages.Load(cfg, t.Patterns...)
	if err != nil {
		res.Failed = true
		res.Notifications = append(res.Notifications, finding.Notification{
			Level:   finding.LevelError,
			Path:    where,
			Message: fmt.Sprintf("go packages in %s could not be loaded: %v", where, firstLine(err.Error())),
		})
		return
	}
	for _, p := range pkgs {
		if n, ok := loadProblem(p, root); ok {
			res.Notifications = append(res.Notifications, n)
		}
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
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
	for _, act := range graph.Roots {
		if act.Err != nil {
			res.Notifications = append(res.Notifications, actionError(act, root))
			continue
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

// goflags keeps the user's GOFLAGS but never lets loading change go.mod.
func goflags() string {
	flags := os.Getenv("GOFLAGS")
	if strings.Contains(flags, "-mod=") {
		return flags
	}
	return strings.TrimSpace(flags + " -mod=readonly")
}

// loadProblem describes a package that loaded with errors.
func loadProblem(p *packages.Package, root string) (finding.Notification, bool) {
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
		loc.Message = r.Message
		f.Related = append(f.Related, loc)
	}
	return f
}

func location(fset *token.FileSet, pos, end token.Pos, root string, files *fileCache) finding.Location {
	p, e := fset.Position(pos), fset.Position(end)
	return finding.Location{
		Path:  finding.RelPath(root, p.Filename),
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
