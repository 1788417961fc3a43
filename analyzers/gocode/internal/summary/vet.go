package summary

import (
	"go/ast"
	"go/build"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/reqflow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/internal/config"
)

// runVet is the pass of one package: summaries solved over the package,
// with the dependencies' from facts, and exported as facts.
func runVet(pass *analysis.Pass) (_ any, err error) {
	defer guard(pass.Pkg, &err)
	w := newWorld()
	w.facts = newFactView(pass)
	if !summarized(pass) {
		r := &Result{info: pass.TypesInfo, ctx: newPkgCtx(w, pass.TypesInfo, pass.Files, nil)}
		r.lazy = func() {
			w.consts.add(r.ctx, pass.TypesInfo, pass.Files)
			w.consts.freeze()
			r.funcs, r.byDecl = newFuncs(r.ctx, pass.TypesInfo, pass.Files)
		}
		return r, nil
	}
	cfg, err := vetConfig(pass)
	if err != nil {
		return nil, err
	}
	r := w.add(pass.Pkg, pass.TypesInfo, pass.Files, cfg)
	w.consts.freeze()
	if storesOrRequests(pass) {
		w.indexMethods()
		w.solve(r.funcs)
		w.indexMethods() // the package's own methods now have summaries
	}
	res := reqflow.Analyze(&reqflow.Input{
		Fset: pass.Fset, Files: pass.Files, Info: pass.TypesInfo,
		Funcs: reqFuncs(r.funcs), External: w.reqSummary, Proxy: r.ctx.proxy(),
	})
	r.flows = res.Flows
	for fn, s := range res.Summaries {
		w.reqs[fn] = s
	}
	r.callers = uses(r.funcs, r.funcs)
	exportFacts(pass, w, r)
	return r, nil
}

// vetConfig finds the configuration governing the package's directory,
// as rlcheck scan would: the nearest config file at or above it, up to
// the repository root. go vet hands over no configuration, and a bad
// config file fails the pass, as it stops a scan (internal/vettool reports
// why first). Errors name the file by its absolute path.
func vetConfig(pass *analysis.Pass) (*config.Config, error) {
	if len(pass.Files) == 0 {
		return nil, nil
	}
	f := pass.Fset.File(pass.Files[0].Pos())
	if f == nil || !filepath.IsAbs(f.Name()) {
		return nil, nil
	}
	dir := filepath.Dir(f.Name())
	return config.NewLoader("", config.Overrides{}).ForDir(dir)
}

func reqFuncs(funcs []*Func) []reqflow.Func {
	out := make([]reqflow.Func, 0, len(funcs))
	for _, fn := range funcs {
		out = append(out, reqflow.Func{Decl: fn.Decl, Obj: fn.Obj, Flow: fn.Flow})
	}
	return out
}

// exportFacts exports the summaries of the package's functions, the
// constant text of its exported variables, and marks the package when
// some of its functions wrap a store or decide a limit.
func exportFacts(pass *analysis.Pass, w *world, r *Result) {
	any := false
	for _, fn := range r.funcs {
		if fn.Obj == nil {
			continue
		}
		f := &FuncFact{Decision: fn.decision, Returns: fn.returns, Expires: fn.expires}
		if fn.wrap != nil {
			f.Wrapper = wrapperFact(fn.wrap)
		}
		if s := w.reqs[fn.Obj]; s != nil {
			f.Req = portable(s)
		}
		if f.Wrapper != nil || f.Decision || len(f.Expires) > 0 {
			any = true
		}
		if f.Wrapper != nil || f.Decision || len(f.Expires) > 0 || f.Req != nil || f.Returns != [3]bool{} {
			pass.ExportObjectFact(fn.Obj, f)
		}
	}
	for v := range w.consts.init {
		if v.Exported() && v.Pkg() == pass.Pkg {
			if s, ok := w.consts.value(v); ok {
				pass.ExportObjectFact(v, &VarFact{Value: s})
			}
		}
	}
	pass.ExportPackageFact(&PkgFact{Stores: any})
}

// triggers are the standard-library packages whose importers may keep
// limit counters or read requests; any package outside the standard
// library may too.
var triggers = map[string]bool{
	"net/http": true, "database/sql": true, "hash/maphash": true, "net": true,
}

// modelled are the packages whose APIs the rules model directly: their
// internals are not summarized.
var modelled = []string{
	"github.com/aws/", "github.com/redis/go-redis/", "github.com/go-redis/", "github.com/gomodule/redigo",
	"github.com/garyburd/redigo", "github.com/jackc/", "github.com/jmoiron/sqlx", "gorm.io/", "github.com/jinzhu/gorm",
	"github.com/gin-gonic/", "github.com/labstack/", "github.com/go-chi/", "github.com/guregu/dynamo",
	"golang.org/x/", "google.golang.org/",
}

// summarized reports whether the package's functions are summarized in
// go vet: it is not the standard library or an SDK the rules model.
func summarized(pass *analysis.Pass) bool {
	path := pass.Pkg.Path()
	for _, m := range modelled {
		if strings.HasPrefix(path, m) {
			return false
		}
	}
	return !inGOROOT(pass)
}

// storesOrRequests reports whether the package may wrap a store or decide
// a limit: it imports a store, a web framework, net/http, any package
// outside the standard library, or a package with such summaries. Other
// packages (string helpers) are only followed for the request values
// they pass through.
func storesOrRequests(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		p := imp.Path()
		var f PkgFact
		if triggers[p] || !stdPath(p) || pass.ImportPackageFact(imp, &f) && f.Stores {
			return true
		}
	}
	return false
}

// stdPath reports whether an import path looks like the standard
// library's: no dot in its first element.
func stdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// inGOROOT reports whether the package's files lie in the standard
// library's source tree.
func inGOROOT(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 || build.Default.GOROOT == "" {
		return false
	}
	f := pass.Fset.File(pass.Files[0].Pos())
	if f == nil {
		return false
	}
	root := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return strings.HasPrefix(f.Name(), root)
}

// uses finds, in callers, the calls of the wrappers among funcs.
func uses(funcs, callers []*Func) map[*types.Func][]Use {
	wrappers := make(map[*types.Func]*store.Wrapper)
	for _, fn := range funcs {
		if fn.wrap != nil && fn.Obj != nil {
			wrappers[fn.Obj] = fn.wrap
		}
	}
	if len(wrappers) == 0 {
		return nil
	}
	out := make(map[*types.Func][]Use)
	for _, c := range callers {
		f := c.Flow
		walkOwn(f.Body, func(n ast.Node) {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return
			}
			for _, callee := range f.Callees(call) {
				if w := wrappers[callee]; w != nil {
					out[callee] = append(out[callee], Use{Caller: c, Call: call, Wrapper: w})
				}
			}
		})
	}
	return out
}
