package godriver

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"

	"github.com/rlcheck/rlcheck/internal/discover"
)

// loadDetached loads a module's packages without its dependency graph,
// for a module whose go.mod the go command cannot resolve offline (a bare
// checkout: the dependencies' go.mod files are not in the module cache).
// The module is seen in GOPATH mode under its module path (a symbolic
// link in a temporary GOPATH), so that its own packages import each other
// and every other import is a package that did not load: the analyzers
// read what syntax and import paths show. Findings are mapped back to
// the module's files by files.add; cleanup removes the GOPATH.
func loadDetached(t discover.GoTarget, files *fileCache) (pkgs []*packages.Package, cleanup func(), err error) {
	data, err := os.ReadFile(filepath.Join(t.Dir, "go.mod"))
	if err != nil {
		return nil, func() {}, err
	}
	modPath := modfile.ModulePath(data)
	if modPath == "" {
		return nil, func() {}, fmt.Errorf("no module path in %s", filepath.Join(t.Dir, "go.mod"))
	}
	gopath, err := os.MkdirTemp("", "rlcheck-gopath-")
	if err != nil {
		return nil, func() {}, err
	}
	cleanup = func() { os.RemoveAll(gopath) }
	link := filepath.Join(gopath, "src", filepath.FromSlash(modPath))
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		return nil, cleanup, err
	}
	if err := os.Symlink(t.Dir, link); err != nil {
		return nil, cleanup, err
	}
	files.add(link, t.Dir)
	env := append(os.Environ(), "GO111MODULE=off", "GOPATH="+gopath, "GOWORK=off", "GOPROXY=off", "GOTOOLCHAIN=local",
		"GOFLAGS="+withoutMod(userGOFLAGS(os.Environ())))
	cfg := &packages.Config{Mode: loadMode, Dir: link, Tests: t.Tests, Env: env}
	pkgs, err = packages.Load(cfg, t.Patterns...)
	return pkgs, cleanup, err
}

// userGOFLAGS returns the GOFLAGS of an environment.
func userGOFLAGS(environ []string) string {
	flags := ""
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "GOFLAGS="); ok {
			flags = v
		}
	}
	return flags
}

// withoutMod drops -mod flags, which GOPATH mode rejects.
func withoutMod(flags string) string {
	var out []string
	for _, f := range strings.Fields(flags) {
		if name, _, _ := strings.Cut(strings.TrimLeft(f, "-"), "="); name != "mod" && name != "modfile" {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}

// aliases maps the directories files were loaded under (a temporary
// GOPATH's links) to where they are.
type aliases struct {
	mu   sync.Mutex
	dirs map[string]string
}

func (a *aliases) add(from, to string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.dirs == nil {
		a.dirs = make(map[string]string)
	}
	a.dirs[from] = to
}

// real returns the file name where a loaded file is.
func (a *aliases) real(name string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	for from, to := range a.dirs {
		if rest, ok := strings.CutPrefix(name, from+string(filepath.Separator)); ok {
			return filepath.Join(to, rest)
		}
	}
	return name
}
