// Package python is rlcheck's Python engine. It parses the Python files of
// a scan with tree-sitter, builds one model of the project (package
// pyfile: modules, imports between them, classes, functions and what they
// return and pass on), and runs the Python rules (packages rl001,
// rl002, ...) on the files that matter.
//
// A file matters when it imports a datastore client, a web framework or a
// limiter library, or a project module that does, or when such a file
// imports it. The rest (the bulk of a large tree: tooling, migrations
// scripts without a datastore, vendored libraries) is parsed once for its
// imports and then dropped, so that rule work and memory follow the code
// that can hold a rate-limit bypass.
package python

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyroutes"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/analyzers/python/rl001"
	"github.com/rlcheck/rlcheck/analyzers/python/rl002"
	"github.com/rlcheck/rlcheck/analyzers/python/rl003"
	"github.com/rlcheck/rlcheck/analyzers/python/rl004"
	"github.com/rlcheck/rlcheck/analyzers/python/rl005"
	"github.com/rlcheck/rlcheck/analyzers/python/rl006"
	"github.com/rlcheck/rlcheck/analyzers/python/rl007"
	"github.com/rlcheck/rlcheck/analyzers/python/rl008"
	"github.com/rlcheck/rlcheck/analyzers/python/rl009"
	"github.com/rlcheck/rlcheck/analyzers/python/rl010"
	"github.com/rlcheck/rlcheck/analyzers/python/rl011"
	"github.com/rlcheck/rlcheck/analyzers/python/rl012"
	"github.com/rlcheck/rlcheck/analyzers/python/rl013"
	"github.com/rlcheck/rlcheck/analyzers/python/rl014"
	"github.com/rlcheck/rlcheck/analyzers/python/rl015"
	"github.com/rlcheck/rlcheck/analyzers/python/rl016"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/deploy"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/routes"
	"github.com/rlcheck/rlcheck/rules"
)

// all lists the Python rules, sorted by ID.
var all = []*pyrule.Rule{rl001.Rule, rl002.Rule, rl003.Rule, rl004.Rule, rl005.Rule, rl006.Rule, rl007.Rule, rl008.Rule, rl009.Rule, rl010.Rule, rl011.Rule, rl012.Rule, rl013.Rule, rl014.Rule, rl015.Rule, rl016.Rule}

// RuleIDs lists the rule IDs implemented for Python, sorted.
func RuleIDs() []string {
	ids := make([]string, len(all))
	for i, r := range all {
		ids[i] = r.ID
	}
	return ids
}

// Input is one Python file of a scan.
type Input struct {
	Path string // absolute path
	Rel  string // the path findings report, relative to the scan root
	Src  []byte
	// Config governs the file (its declared wrappers and limiters, its
	// trusted proxies); nil is the default configuration.
	Config *config.Config
}

// Stats says how much of a project the engine analyzed.
type Stats struct {
	Files    int // Python files given
	Analyzed int // files the rules ran on
}

// Check analyzes one file on its own, as a project of one file; path is
// used verbatim in the findings. It is safe for concurrent use and never
// panics: a file that is not text gets a notification and no findings; a
// file with syntax errors gets a notification, and the rules still run on
// what parsed.
func Check(path string, src []byte, enabled func(ruleID string) bool) ([]finding.Finding, []finding.Notification) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	fs, notes, _ := CheckProject([]Input{{Path: abs, Rel: path, Src: src}}, nil, enabled)
	return fs, notes
}

// CheckProject analyzes the files of one scan as one project; roots are
// the scanned directories (absolute), where module names start. It is
// safe for concurrent use on different inputs and never panics.
func CheckProject(inputs []Input, roots []string, enabled func(ruleID string) bool) ([]finding.Finding, []finding.Notification, Stats) {
	b := build(inputs, roots)
	stats := Stats{Files: len(inputs), Analyzed: len(b.order)}
	notes := b.notes
	var fs []finding.Finding
	for _, i := range b.order {
		f := b.parsed[i].file
		for _, r := range all {
			if !enabled(r.ID) {
				continue
			}
			found, note := runRule(r, f, inputs[i].Rel)
			fs = append(fs, found...)
			if note != nil {
				notes = append(notes, *note)
			}
		}
	}
	finding.Sort(fs)
	// A finding in a helper can be reached from several callers.
	fs = slices.CompactFunc(fs, func(a, b finding.Finding) bool {
		return a.RuleID == b.RuleID && a.Location == b.Location && a.Message == b.Message
	})
	return slices.Clip(fs), notes, stats
}

// Routes returns the HTTP routes of the project's FastAPI and Flask
// applications, with the limit that covers each, sorted.
func Routes(inputs []Input, roots []string) ([]routes.Route, []finding.Notification) {
	b := build(inputs, roots)
	var out []routes.Route
	for _, r := range pyroutes.Find(b.project) {
		out = append(out, r.Route)
	}
	routes.Sort(out)
	return out, b.notes
}

// built is a project model and what building it noted.
type built struct {
	project *pyfile.Project
	parsed  []parsedFile
	order   []int // the inputs in the project, in input order
	notes   []finding.Notification
}

// build parses the inputs and builds the project model of the files that
// matter.
func build(inputs []Input, roots []string) built {
	parsed := make([]parsedFile, len(inputs))
	// The trees of files that import no judged library are kept while
	// they fit a budget of source bytes (a relevant file may import
	// them); beyond it they are dropped and parsed again if needed, so
	// that a huge tree of unrelated code costs no more than its parse.
	var keptIrrelevant atomic.Int64
	parallel(len(inputs), func(i int) {
		parsed[i] = parse(inputs[i], true)
		if p := &parsed[i]; p.file != nil && !p.relevant && keptIrrelevant.Add(int64(len(inputs[i].Src))) > irrelevantBudget {
			p.file = nil
		}
	})

	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	index := pyfile.NewModuleIndex(paths, roots)
	needed := neededFiles(inputs, parsed, index)

	// Files that matter only because a relevant file imports them were
	// dropped after their imports were read: parse them again.
	var again []int
	for i := range inputs {
		switch {
		case needed[i] && parsed[i].file == nil && parsed[i].err == nil:
			again = append(again, i)
		case !needed[i]:
			parsed[i].file = nil
		}
	}
	parallel(len(again), func(k int) {
		i := again[k]
		parsed[i].file = parse(inputs[i], false).file
	})

	var notes []finding.Notification
	for _, p := range parsed {
		notes = append(notes, p.notes...)
	}
	project := pyfile.NewProject(index)
	project.SetDeployment(deploy.Find(roots))
	var order []int
	for i := range inputs {
		if needed[i] && parsed[i].file != nil {
			project.Add(parsed[i].file, inputs[i].Path)
			order = append(order, i)
		}
	}
	return built{project: project, parsed: parsed, order: order, notes: notes}
}

// runRule runs one rule on the file rel, turning a panic into an
// internal error.
func runRule(r *pyrule.Rule, f *pyfile.File, rel string) (fs []finding.Finding, note *finding.Notification) {
	defer func() {
		if v := recover(); v != nil {
			n := finding.InternalError(rel, r.ID, rel, v, debug.Stack())
			fs, note = nil, &n
		}
	}()
	pass := &pyrule.Pass{File: f, Rule: rules.MustLookup(r.ID)}
	r.Run(pass)
	return pass.Findings, nil
}

// irrelevantBudget bounds the source bytes of files importing no judged
// library whose trees are kept after the first parse.
const irrelevantBudget = 16 << 20

// parsedFile is the outcome of parsing one input.
type parsedFile struct {
	file     *pyfile.File // nil when the file could not be parsed or was dropped
	imports  []string     // qualified names the file imports
	relevant bool         // it imports a library whose code the rules judge
	err      error
	notes    []finding.Notification
}

// parse parses one input; with first set, it records problems and which
// libraries the file imports.
func parse(in Input, first bool) (p parsedFile) {
	defer func() {
		if v := recover(); v != nil {
			p = parsedFile{err: fmt.Errorf("%v", v), notes: []finding.Notification{finding.InternalError(in.Rel, "", in.Rel, v, debug.Stack())}}
		}
	}()
	f, err := pyfile.Parse(in.Rel, in.Src)
	if err != nil {
		level := finding.LevelError
		if errors.Is(err, pyfile.ErrNotText) {
			level = finding.LevelWarning
		}
		return parsedFile{err: err, notes: []finding.Notification{{Level: level, Path: in.Rel, Message: fmt.Sprintf("%s was not analyzed: %v", in.Rel, err)}}}
	}
	f.SetConfig(in.Config)
	if !first {
		return parsedFile{file: f}
	}
	p.file = f
	if line := f.SyntaxError(); line > 0 {
		p.notes = append(p.notes, finding.Notification{Level: finding.LevelWarning, Path: in.Rel,
			Message: fmt.Sprintf("%s has a syntax error at line %d; the rest of the file was analyzed", in.Rel, line)})
	}
	for _, q := range f.ImportPaths {
		p.imports = append(p.imports, q)
		root, _, _ := strings.Cut(q, ".")
		if judgedLibraries[root] || declares(in.Config, q) {
			p.relevant = true
		}
	}
	p.relevant = p.relevant || f.DjangoSettings()
	slices.Sort(p.imports)
	return p
}

// declares reports whether the configuration declares a wrapper or
// limiter in the module or name q that a file imports.
func declares(c *config.Config, q string) bool {
	if c == nil {
		return false
	}
	names := slices.Clone(c.Limiters.Python)
	for _, w := range c.Wrappers {
		if w.Python != "" {
			names = append(names, w.Python)
		}
	}
	for _, n := range names {
		if n == q || strings.HasPrefix(n, q+".") || strings.HasPrefix(q, n+".") {
			return true
		}
	}
	return false
}

// judgedLibraries are the top-level packages whose use makes a file one
// the rules judge: datastore clients, web frameworks, limiter and retry
// libraries.
var judgedLibraries = map[string]bool{
	"boto3": true, "aioboto3": true, "botocore": true, "aiobotocore": true, "pynamodb": true,
	"mypy_boto3_dynamodb": true, "types_aiobotocore_dynamodb": true,
	"redis": true, "aioredis": true, "valkey": true,
	"sqlalchemy": true, "sqlmodel": true, "psycopg": true, "psycopg2": true, "psycopg_pool": true, "asyncpg": true,
	"flask": true, "quart": true, "fastapi": true, "starlette": true, "werkzeug": true,
	"django": true, "slowapi": true, "flask_limiter": true, "fastapi_limiter": true, "limits": true,
}

// neededFiles decides which files the model holds: the relevant ones
// (importing a judged library, or a project module that is relevant)
// and every project module they import, transitively.
func neededFiles(inputs []Input, parsed []parsedFile, index *pyfile.ModuleIndex) []bool {
	pos := make(map[string]int, len(inputs))
	for i, in := range inputs {
		pos[in.Path] = i
	}
	deps := make([][]int, len(inputs))
	for i, p := range parsed {
		for _, q := range p.imports {
			if j, ok := pos[importedFile(index, inputs[i].Path, q)]; ok && j != i {
				deps[i] = append(deps[i], j)
			}
		}
	}
	relevant := make([]bool, len(inputs))
	for i, p := range parsed {
		relevant[i] = p.relevant
	}
	for changed := true; changed; {
		changed = false
		for i := range inputs {
			if relevant[i] {
				continue
			}
			for _, j := range deps[i] {
				if relevant[j] {
					relevant[i], changed = true, true
					break
				}
			}
		}
	}
	needed := slices.Clone(relevant)
	var stack []int
	for i, r := range relevant {
		if r {
			stack = append(stack, i)
		}
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, j := range deps[i] {
			if !needed[j] {
				needed[j] = true
				stack = append(stack, j)
			}
		}
	}
	return needed
}

// importedFile returns the project file an import's qualified name
// names (the longest prefix that is a module), or "".
func importedFile(index *pyfile.ModuleIndex, from, q string) string {
	level := 0
	for level < len(q) && q[level] == '.' {
		level++
	}
	parts := strings.Split(q[level:], ".")
	if q[level:] == "" {
		parts = nil
	}
	for i := len(parts); i >= 0; i-- {
		name := strings.Join(parts[:i], ".")
		var path string
		switch {
		case level > 0:
			path = index.ResolveRelative(from, level, name)
		case i > 0:
			path = index.Resolve(from, name)
		}
		if path != "" {
			return path
		}
	}
	return ""
}

// parallel runs work(0..n-1) on all cores.
func parallel(n int, work func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				work(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
