package summary

import (
	"go/ast"
	"go/types"
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/reqflow"
	"github.com/rlcheck/rlcheck/internal/config"
)

// Configs returns the configuration governing a package directory (an
// absolute path): the nearest config file's, as the scan resolved it.
// A nil Configs, or a nil result, is no configuration.
type Configs func(dir string) *config.Config

func (c Configs) of(p *packages.Package) *config.Config {
	if c == nil {
		return nil
	}
	dir := p.Dir
	if dir == "" && len(p.GoFiles) > 0 {
		dir = filepath.Dir(p.GoFiles[0])
	}
	if dir == "" {
		return nil
	}
	return c(dir)
}

// Module is the whole-module summary of rlcheck scan: the summaries of
// all the module's packages, solved together, with dynamic calls resolved
// by the module's call graph.
type Module struct {
	results  map[*types.Package]*Result
	analyzer *analysis.Analyzer
}

// NewModule summarizes pkgs, the packages of one module as go/packages
// loaded them (with their dependencies' syntax and types), each under the
// configuration cfgs gives its directory.
func NewModule(pkgs []*packages.Package, cfgs Configs) *Module {
	m := &Module{results: make(map[*types.Package]*Result)}
	m.analyzer = &analysis.Analyzer{
		Name:             Analyzer.Name,
		Doc:              Analyzer.Doc,
		URL:              Analyzer.URL,
		Run:              m.run,
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Result](),
	}
	inModule := make(map[*packages.Package]bool)
	for _, p := range pkgs {
		if p.Types != nil && p.TypesInfo != nil {
			inModule[p] = true
		}
	}
	relevant := relevantPackages(pkgs, inModule)

	w := newWorld()
	var order []*packages.Package // dependencies first
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if inModule[p] {
			order = append(order, p)
		}
	})
	var all, stores []*Func
	for _, p := range order {
		r := w.add(p.Types, p.TypesInfo, p.Syntax, cfgs.of(p))
		m.results[p.Types] = r
		all = append(all, r.funcs...)
		if relevant[p] {
			stores = append(stores, r.funcs...)
		}
	}
	w.consts.freeze()
	w.graph = callGraph(order, relevant)
	w.indexMethods()
	w.solve(stores)
	w.indexMethods()

	var set reqflow.Settings
	for _, p := range order {
		set.Merge(reqflow.ReadSettings(p.TypesInfo, nonTest(p)))
	}
	for _, p := range order {
		r := m.results[p.Types]
		res := reqflow.Analyze(&reqflow.Input{
			Fset: p.Fset, Files: p.Syntax, Info: p.TypesInfo,
			Funcs: reqFuncs(r.funcs), External: w.reqSummary, Settings: &set,
			Proxy: r.ctx.proxy(),
		})
		r.flows = res.Flows
		for fn, s := range res.Summaries {
			w.reqs[fn] = s
		}
	}
	callers := uses(stores, all)
	for _, r := range m.results {
		r.callers = callers
	}
	return m
}

// Of returns the summaries of one of the module's packages, nil for a
// package outside the module.
func (m *Module) Of(pkg *types.Package) *Result { return m.results[pkg] }

// Bind returns copies of analyzers that use the module's summaries: each
// requirement of Analyzer becomes the module's pass.
func (m *Module) Bind(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		b := *a
		b.Requires = make([]*analysis.Analyzer, len(a.Requires))
		for j, req := range a.Requires {
			if req == Analyzer {
				req = m.analyzer
			}
			b.Requires[j] = req
		}
		out[i] = &b
	}
	return out
}

// run hands the rules the package's summaries; a package outside the
// module (none is analyzed as a root, but be safe) gets its own.
func (m *Module) run(pass *analysis.Pass) (_ any, err error) {
	defer guard(pass.Pkg, &err)
	if r := m.results[pass.Pkg]; r != nil {
		return r, nil
	}
	w := newWorld()
	r := w.add(pass.Pkg, pass.TypesInfo, pass.Files, nil)
	w.consts.freeze()
	return r, nil
}

// relevantPackages returns the module's packages whose functions may
// wrap a store or decide a limit, and get SSA for the call graph: those
// that import a store, a web framework, net/http, any package outside the
// standard library, or another relevant package of the module. The
// others are followed only for the request values they pass through.
func relevantPackages(pkgs []*packages.Package, inModule map[*packages.Package]bool) map[*packages.Package]bool {
	out := make(map[*packages.Package]bool)
	done := make(map[*packages.Package]bool)
	var visit func(p *packages.Package) bool
	visit = func(p *packages.Package) bool {
		if done[p] {
			return out[p]
		}
		done[p] = true
		rel := false
		for path, imp := range p.Imports {
			switch {
			case inModule[imp]:
				rel = visit(imp) || rel
			case triggers[path], imp.Module != nil || !stdPath(path):
				rel = true
			}
		}
		out[p] = rel
		return rel
	}
	for _, p := range pkgs {
		if inModule[p] {
			visit(p)
		}
	}
	return out
}

// nonTest returns the package's files other than tests.
func nonTest(p *packages.Package) []*ast.File {
	var out []*ast.File
	for _, f := range p.Syntax {
		if tf := p.Fset.File(f.Pos()); tf == nil || !strings.HasSuffix(tf.Name(), "_test.go") {
			out = append(out, f)
		}
	}
	return out
}
