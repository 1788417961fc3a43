package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/safefile"
	"github.com/rlcheck/rlcheck/rules"
)

// FileNames are the config files looked for in each directory, in this
// order: the first one there governs (a pyproject.toml only when it has a
// [tool.rlcheck] table).
var FileNames = []string{".rlcheck.toml", "rlcheck.toml", "pyproject.toml"}

// maxFile bounds the config files read: larger ones are no hand-written
// configuration.
const maxFile = 1 << 20

// Overrides are the command line's settings, which replace the config
// files' keys of the same meaning. A nil field was not given.
type Overrides struct {
	Select       []string        // --rules: rule IDs
	Ignore       []string        // --disable: rule IDs
	IncludeTests *bool           // --include-tests
	FailOn       *rules.Severity // --fail-on; 0 is never
	// DefaultFailOn replaces the built-in default fail-on (low) of
	// configurations that do not set one: the GitHub Action's is high.
	DefaultFailOn *rules.Severity
}

// Loader finds the config file governing each directory: the nearest one
// at or above it, looking no higher than the repository root (the nearest
// directory holding .git) or, outside a repository, the file system's
// root. It caches what it reads, applies the Overrides to every Config it
// returns, and is safe for concurrent use.
type Loader struct {
	root      string // file names in errors are relative to it
	overrides Overrides
	from, to  string // Remap

	mu    sync.Mutex
	dirs  map[string]*Config // directory (as asked) -> its config
	files map[string]*Config // config file (as found) -> its config, remapped and overridden
}

// NewLoader returns a loader whose errors name files relative to root.
func NewLoader(root string, o Overrides) *Loader {
	return &Loader{root: root, overrides: o, dirs: make(map[string]*Config), files: make(map[string]*Config)}
}

// Remap makes the directories under from governed by the config files of
// the same places under to: a scan of another revision's worktree (from)
// keeps the configuration of the checkout (to). The Dir of a Config
// found under to is translated back under from, so globs match the
// worktree's files.
func (l *Loader) Remap(from, to string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.from, l.to = filepath.Clean(from), filepath.Clean(to)
	clear(l.dirs)
	clear(l.files)
}

// For returns the configuration governing a file.
func (l *Loader) For(file string) (*Config, error) {
	return l.ForDir(filepath.Dir(file))
}

// ForDir returns the configuration governing a directory and what is in
// it. A config file that cannot be read or is invalid is an error (an
// *Error for a bad file).
func (l *Loader) ForDir(dir string) (*Config, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var visited []string
	cfg, err := l.lookup(dir, &visited)
	if err != nil {
		return nil, err
	}
	for _, d := range visited {
		l.dirs[d] = cfg
	}
	return cfg, nil
}

func (l *Loader) lookup(dir string, visited *[]string) (*Config, error) {
	for d := dir; ; {
		if cfg, ok := l.dirs[d]; ok {
			return cfg, nil
		}
		*visited = append(*visited, d)
		at := l.mapDir(d)
		for _, name := range FileNames {
			cfg, err := l.load(filepath.Join(at, name))
			if err != nil || cfg != nil {
				return cfg, err
			}
		}
		if _, err := os.Lstat(filepath.Join(at, ".git")); err == nil {
			return l.load("")
		}
		parent := filepath.Dir(d)
		if parent == d {
			return l.load("")
		}
		d = parent
	}
}

// mapDir applies Remap.
func (l *Loader) mapDir(d string) string {
	if l.from == "" {
		return d
	}
	if rel, ok := inside(l.from, d); ok {
		return filepath.Join(l.to, rel)
	}
	return d
}

// unmapDir translates a directory of the checkout back into the worktree.
func (l *Loader) unmapDir(d string) string {
	if l.from == "" {
		return d
	}
	if rel, ok := inside(l.to, d); ok {
		return filepath.Join(l.from, rel)
	}
	return d
}

func inside(base, p string) (string, bool) {
	rel, err := filepath.Rel(base, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// load reads one config file ("" for the defaults); nil when it does not
// exist or is a pyproject.toml without rlcheck's table.
func (l *Loader) load(file string) (*Config, error) {
	if cfg, ok := l.files[file]; ok {
		return cfg, nil
	}
	cfg := Default()
	if file != "" {
		data, err := safefile.Read(file, maxFile)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			l.files[file] = nil
			return nil, nil
		case err != nil:
			return nil, &Error{File: l.display(file), Line: 1, Col: 1, Msg: "cannot be read: " + unwrap(err)}
		}
		parsed, found, err := Parse(l.display(file), data)
		if err != nil {
			return nil, err
		}
		if !found {
			l.files[file] = nil
			return nil, nil
		}
		cfg = parsed
		cfg.File = file
		cfg.Dir = l.unmapDir(filepath.Dir(file))
	}
	l.override(cfg)
	l.files[file] = cfg
	return cfg, nil
}

func (l *Loader) display(file string) string { return finding.RelPath(l.root, file) }

func unwrap(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

func (l *Loader) override(cfg *Config) {
	o := l.overrides
	if _, set := cfg.origins["fail-on"]; !set && o.DefaultFailOn != nil {
		cfg.FailOn, cfg.origins["fail-on"] = *o.DefaultFailOn, "the GitHub Action's default"
	}
	if o.Select != nil {
		cfg.Select, cfg.origins["select"] = o.Select, "command line (--rules)"
	}
	if o.Ignore != nil {
		cfg.Ignore, cfg.origins["ignore"] = o.Ignore, "command line (--disable)"
	}
	if o.IncludeTests != nil {
		cfg.IncludeTests, cfg.origins["include-tests"] = *o.IncludeTests, "command line (--include-tests)"
	}
	if o.FailOn != nil {
		cfg.FailOn, cfg.origins["fail-on"] = *o.FailOn, "command line (--fail-on)"
	}
}

// Get returns the configuration governing a file that For (or ForDir on
// its directory) already resolved, and otherwise the defaults with the
// command line's overrides: it never fails, for the engines, which run
// after the scan layer resolved every input and reported bad files.
func (l *Loader) Get(file string) *Config {
	return l.GetDir(filepath.Dir(file))
}

// GetDir is Get for a directory: the configuration governing what is in
// it, which ForDir (or For on one of its files) already resolved, and
// otherwise the defaults with the command line's overrides.
func (l *Loader) GetDir(dir string) *Config {
	if l == nil {
		return Default()
	}
	dir, err := filepath.Abs(dir)
	l.mu.Lock()
	defer l.mu.Unlock()
	if cfg, ok := l.dirs[dir]; ok && err == nil {
		return cfg
	}
	cfg, _ := l.load("")
	return cfg
}

// Configs returns every configuration the loader handed out, the
// defaults first and then by file.
func (l *Loader) Configs() []*Config {
	l.mu.Lock()
	defer l.mu.Unlock()
	seen := make(map[*Config]bool)
	var out []*Config
	for _, cfg := range l.dirs {
		if !seen[cfg] {
			seen[cfg] = true
			out = append(out, cfg)
		}
	}
	slices.SortFunc(out, func(a, b *Config) int { return strings.Compare(a.File, b.File) })
	return out
}
