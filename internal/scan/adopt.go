package scan

import (
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/suppress"
)

// goDir is a Go package directory of a scan and the files the go command
// reads for it (for the suppression directives in them).
type goDir struct {
	dir   string
	files []string
}

// goPackageDirs lists the package directories of the Go targets, sorted,
// with the Go files that the build context takes (GOOS, GOARCH and build
// constraints; tests when the target asks for them).
func goPackageDirs(targets []discover.GoTarget) []goDir {
	byDir := make(map[string]*goDir)
	var out []*goDir
	get := func(dir string) *goDir {
		if d, ok := byDir[dir]; ok {
			return d
		}
		d := &goDir{dir: dir}
		byDir[dir] = d
		out = append(out, d)
		return d
	}
	for _, t := range targets {
		for _, p := range t.Patterns {
			path := filepath.Join(t.Dir, filepath.FromSlash(p))
			if strings.HasSuffix(p, ".go") {
				d := get(filepath.Dir(path))
				d.files = append(d.files, path)
				continue
			}
			d := get(path)
			entries, _ := os.ReadDir(path)
			for _, e := range entries {
				name := e.Name()
				if e.IsDir() || !strings.HasSuffix(name, ".go") || !t.Tests && strings.HasSuffix(name, "_test.go") {
					continue
				}
				if ok, err := build.Default.MatchFile(path, name); ok && err == nil {
					d.files = append(d.files, filepath.Join(path, name))
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b *goDir) int { return strings.Compare(a.dir, b.dir) })
	dirs := make([]goDir, len(out))
	for i, d := range out {
		dirs[i] = *d
	}
	return dirs
}

// adopt applies what a project says about its findings, in this order:
// the configuration governing each finding's file (rules selected and
// ignored there, severity overrides), the inline suppression directives
// (a suppressed finding moves to Suppressed; directives that suppress
// nothing become warnings), the baseline, and the fail-on threshold.
// analyzed lists the absolute paths of the files the engines analyzed.
func (res *Result) adopt(opts Options, loader *config.Loader, enabled func(string) bool, analyzed []string, sources *sourceSet) {
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		file := abs(opts.Root, f.Location.Path)
		cfg := loader.Get(file)
		if !cfg.EnabledAt(f.RuleID, file) {
			continue
		}
		f.Severity = cfg.SeverityOf(f.RuleID, f.Severity)
		kept = append(kept, f)
	}

	directives := make(map[string][]*suppress.Directive)
	parse := func(file string) []*suppress.Directive {
		ds, ok := directives[file]
		if !ok {
			if lang, known := suppress.LanguageOf(file); known {
				ds = suppress.Parse(sources.get(file), lang)
			}
			directives[file] = ds
		}
		return ds
	}
	res.Findings = nil
	for _, f := range kept {
		d := suppress.Match(parse(abs(opts.Root, f.Location.Path)), f.RuleID, f.Location.Start.Line)
		if d == nil {
			res.Findings = append(res.Findings, f)
			continue
		}
		at := finding.Position{Line: d.Line, Column: d.Column}
		f.Suppression = &finding.Suppression{Justification: d.Reason, Location: finding.Location{Path: f.Location.Path, Start: at, End: at}}
		res.Suppressed = append(res.Suppressed, f)
	}
	res.directiveProblems(opts.Root, loader, enabled, analyzed, parse)

	if opts.Baseline != nil {
		kept := res.Findings[:0]
		for _, f := range res.Findings {
			if opts.Baseline[f.Fingerprint] {
				res.Baselined++
				continue
			}
			kept = append(kept, f)
		}
		res.Findings = kept
	}
	for _, f := range res.Findings {
		if fail := loader.Get(abs(opts.Root, f.Location.Path)).FailOn; fail > 0 && f.Severity >= fail {
			res.Failing++
		}
	}
}

// directiveProblems warns about the directives of the analyzed files that
// suppress nothing: those with a problem (no reason, an unknown rule,
// malformed), and, in a complete run, the rules of a directive that no
// finding matched, as long as the rule ran on that file (a rule turned
// off there has no findings to suppress, so its directive is not stale).
func (res *Result) directiveProblems(root string, loader *config.Loader, enabled func(string) bool, analyzed []string, parse func(string) []*suppress.Directive) {
	files := slices.Clone(analyzed)
	slices.Sort(files)
	for _, file := range slices.Compact(files) {
		rel := finding.RelPath(root, file)
		cfg := loader.Get(file)
		for _, d := range parse(file) {
			note := func(format string, args ...any) {
				res.Notifications = append(res.Notifications, finding.Notification{
					Level: finding.LevelWarning, Path: rel, Line: d.Line, Column: d.Column,
					Message: fmt.Sprintf("%s:%d:%d: %s", rel, d.Line, d.Column, fmt.Sprintf(format, args...)),
				})
			}
			if d.Problem != "" {
				note("this rlcheck directive suppresses nothing: %s", d.Problem)
				continue
			}
			if !res.Successful {
				continue // findings may be missing: no directive is known to be stale
			}
			for _, rule := range d.Rules {
				if !d.Used[rule] && enabled(rule) && cfg.EnabledAt(rule, file) {
					note("the suppression of %s matches no finding; remove it", rule)
				}
			}
		}
	}
}
