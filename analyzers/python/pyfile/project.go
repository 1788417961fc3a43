package pyfile

import (
	"os"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
	"github.com/rlcheck/rlcheck/internal/deploy"
	"path/filepath"
	"strings"
)

// Project is the model of every Python file of one scan that the rules
// need: the files that reach a datastore, a web framework or a limiter,
// and the modules they import. It resolves imports between them
// (absolute, relative and through a package's __init__), and it holds the
// project-wide answers (summaries, call sites) that the rules share.
//
// A Project is built once, then used by one goroutine at a time: its
// answers are computed on demand and remembered.
type Project struct {
	files  map[string]*File // by absolute path
	trees  map[*pyast.Tree]*File
	order  []*File // in the order added
	index  *ModuleIndex
	sites  map[*Func][]CallSite // call sites of each function, once built
	memo   map[any]any
	defs   map[qualifiedQ]Def // what qualified names stand for
	active map[any]bool       // questions being answered, to cut cycles
	// indexing is set while the call sites are being found: answers
	// computed then do not know what the call sites pass, so they are
	// not remembered.
	indexing int

	opsActive map[*Func]bool // functions whose operations are being found
	opsDepth  int

	deployment deploy.Evidence
}

// NewProject returns an empty project whose imports resolve through
// index.
func NewProject(index *ModuleIndex) *Project {
	return &Project{files: make(map[string]*File), index: index, memo: make(map[any]any), defs: make(map[qualifiedQ]Def), active: make(map[any]bool),
		opsActive: make(map[*Func]bool), trees: make(map[*pyast.Tree]*File)}
}

// Add puts f, parsed from the file at the absolute path abs, into the
// project.
func (p *Project) Add(f *File, abs string) {
	f.abs = abs
	f.project = p
	p.files[abs] = f
	p.trees[f.tree] = f
	p.order = append(p.order, f)
}

// SetDeployment records what the repository says about how the service
// runs (worker processes, replicas).
func (p *Project) SetDeployment(ev deploy.Evidence) { p.deployment = ev }

// Deployment returns what the repository says about how the service runs.
func (p *Project) Deployment() deploy.Evidence { return p.deployment }

// Memo returns the value build computes for key, building it once per
// project: rules share project-wide analyses through it.
func (p *Project) Memo(key string, build func() any) any {
	k := memoKey(key)
	if v, ok := p.memo[k]; ok {
		return v
	}
	v := build()
	p.memo[k] = v
	return v
}

type memoKey string

// FileOf returns the file of the project that node n belongs to, or nil.
func (p *Project) FileOf(n *pyast.Node) *File { return p.trees[n.Tree()] }

// Files returns the files of the project, in the order added.
func (p *Project) Files() []*File { return p.order }

// File returns the file at the absolute path abs, or nil.
func (p *Project) File(abs string) *File { return p.files[abs] }

// Index returns the project's module index.
func (p *Project) Index() *ModuleIndex { return p.index }

// ModuleIndex maps dotted module names to the Python files of a scan. A
// file has a name relative to each directory above it that could be on
// sys.path (up to a scan root): app/core/redis.py is "app.core.redis"
// from the repository root and "core.redis" from app/. Where a name fits
// several files, the one under a declared root (a package tree's parent,
// a directory with pyproject.toml, setup.py or setup.cfg, a src/ layout,
// a scan root) nearest to the importing file wins. A name relative to
// any other directory (a script's own directory) is seen only from the
// files below that directory.
type ModuleIndex struct {
	names map[string][]candidate
	paths map[string]bool // every indexed file, absolute
}

type candidate struct {
	path     string // absolute file path
	root     string // the directory the name is relative to
	declared bool   // root is a declared root
}

// NewModuleIndex indexes the Python files at the absolute paths files;
// roots are the scanned directories.
func NewModuleIndex(files, roots []string) *ModuleIndex {
	ix := &ModuleIndex{names: make(map[string][]candidate), paths: make(map[string]bool, len(files))}
	declared := make(map[string]bool)
	for _, r := range roots {
		declared[filepath.Clean(r)] = true
	}
	isDeclared := func(dir string) bool {
		if v, ok := declared[dir]; ok {
			return v
		}
		v := filepath.Base(dir) == "src"
		for _, marker := range []string{"pyproject.toml", "setup.py", "setup.cfg"} {
			if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
				v = true
			}
		}
		declared[dir] = v
		return v
	}
	for _, f := range files {
		ix.paths[f] = true
	}
	for _, f := range files {
		parts := moduleParts(f)
		if parts == nil {
			continue
		}
		// The top of the file's package tree (directories with
		// __init__.py) is a declared root.
		top := filepath.Dir(f)
		for ix.paths[filepath.Join(top, "__init__.py")] {
			top = filepath.Dir(top)
		}
		stop := filepath.Dir(f) // the scan root above f, or f's directory
		for _, r := range roots {
			r = filepath.Clean(r)
			if strings.HasPrefix(f, r+string(filepath.Separator)) && len(r) < len(stop) || r == stop {
				stop = r
			}
		}
		dir := filepath.Dir(f)
		for i := len(parts) - 1; i >= 0; i-- {
			name := strings.Join(parts[i:], ".")
			// Inside a package tree a module has no name of its own
			// below the tree's top: app/core/redis.py is not "redis".
			inside := strings.HasPrefix(dir, top+string(filepath.Separator))
			if name != "" && !inside && validName(parts[i:]) {
				ix.names[name] = append(ix.names[name], candidate{path: f, root: dir, declared: dir == top || isDeclared(dir)})
			}
			parent := filepath.Dir(dir)
			if dir == stop || parent == dir {
				break
			}
			dir = parent
		}
	}
	return ix
}

// moduleParts splits an absolute path into its directory names and the
// module's own name: /a/b/c.py gives [a b c], /a/b/__init__.py gives
// [a b ""] (the package b).
func moduleParts(path string) []string {
	if filepath.Ext(path) != ".py" {
		return nil
	}
	parts := strings.Split(filepath.ToSlash(strings.TrimSuffix(path, ".py")), "/")
	if parts[0] == "" {
		parts = parts[1:]
	}
	if parts[len(parts)-1] == "__init__" {
		parts[len(parts)-1] = ""
	}
	return parts
}

// validName reports whether every part of a dotted name is an
// identifier (the empty last part of a package is allowed).
func validName(parts []string) bool {
	for i, p := range parts {
		if p == "" {
			if i != len(parts)-1 {
				return false
			}
			continue
		}
		for j, r := range p {
			if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || j > 0 && r >= '0' && r <= '9' || r > 0x7f) {
				return false
			}
		}
	}
	return true
}

// Resolve returns the file of the module named dotted, as imported from
// the file at the absolute path from, or "".
func (ix *ModuleIndex) Resolve(from, dotted string) string {
	if ix == nil {
		return ""
	}
	cands := ix.names[dotted]
	if len(cands) == 0 {
		cands = ix.names[dotted+"."] // a package: its __init__.py
	}
	if len(cands) == 0 {
		return ""
	}
	best, bestScore := "", -1
	for _, c := range cands {
		if c.path == from || !c.declared && !strings.HasPrefix(from, c.root+string(filepath.Separator)) {
			// A module does not import itself by an absolute name, and
			// a directory that is no declared root is on sys.path only
			// for the code below it.
			continue
		}
		score := commonPrefix(from, c.path)
		if c.declared {
			score += 1 << 20
		}
		if score > bestScore || score == bestScore && c.path < best {
			best, bestScore = c.path, score
		}
	}
	return best
}

// ResolveRelative returns the file of a relative import (leading dots
// already counted in level) from the file at the absolute path from, or "".
func (ix *ModuleIndex) ResolveRelative(from string, level int, dotted string) string {
	if ix == nil {
		return ""
	}
	dir := filepath.Dir(from)
	for range level - 1 {
		dir = filepath.Dir(dir)
	}
	base := dir
	if dotted != "" {
		base = filepath.Join(dir, filepath.FromSlash(strings.ReplaceAll(dotted, ".", "/")))
	}
	if ix.paths[base+".py"] {
		return base + ".py"
	}
	if init := filepath.Join(base, "__init__.py"); ix.paths[init] {
		return init
	}
	return ""
}

// commonPrefix returns the length of the longest common directory prefix
// of two paths.
func commonPrefix(a, b string) int {
	n := 0
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if a[i] == filepath.Separator {
			n = i
		}
	}
	return n
}

// remember returns the answer to question q, computing it once with
// compute; while q is being computed (a cycle), it returns zero.
func remember[T any](p *Project, q any, zero T, compute func() T) T {
	if p == nil {
		return compute()
	}
	if v, ok := p.memo[q]; ok {
		return v.(T)
	}
	if p.active[q] {
		return zero
	}
	p.active[q] = true
	v := compute()
	delete(p.active, q)
	if p.indexing == 0 {
		p.memo[q] = v
	}
	return v
}

// Standalone parses src as the only file of a project of its own, as
// rlcheck analyzes a file named on its own.
func Standalone(path string, src []byte) (*File, error) {
	f, err := Parse(path, src)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	p := NewProject(NewModuleIndex([]string{abs}, []string{filepath.Dir(abs)}))
	p.Add(f, abs)
	return f, nil
}
