package summary

import (
	"go/ast"
	"go/types"
	"sync"

	"github.com/rlcheck/rlcheck/internal/config"
)

// Packages returns the results of every package summarized together with
// r's, in dependency order: the module's packages in rlcheck scan, r's
// package alone in go vet. Rules that need a view of a whole application
// (RL015's route map) read them.
func (r *Result) Packages() []*Result { return r.ctx.w.results }

// Files returns the syntax of the package's files.
func (r *Result) Files() []*ast.File { return r.files }

// Info returns the type information of the package.
func (r *Result) Info() *types.Info { return r.info }

// Lookup returns the summary of fn when its declaration was summarized
// with r's package (same module in rlcheck scan, same package in go vet),
// nil otherwise.
func (r *Result) Lookup(fn *types.Func) *Func {
	if fn == nil {
		return nil
	}
	return r.ctx.w.funcs[fn.Origin()]
}

// VarInit returns the initialiser of the package-level variable v (var
// opts = &sql.TxOptions{...}), nil when it has none or its package was not
// summarized with r's.
func (r *Result) VarInit(v *types.Var) ast.Expr {
	r.build()
	return r.ctx.w.consts.init[v].value
}

// Decides reports whether fn is a limit decision (decide.Deciders), from
// its summary or its fact.
func (r *Result) Decides(fn *types.Func) bool { return fn != nil && r.ctx.w.decider(fn.Origin()) }

// Memo returns the value that compute returns, computed once for key
// over all the packages summarized together with r's, however many
// analyzers and packages ask.
func (r *Result) Memo(key string, compute func() any) any {
	w := r.ctx.w
	w.memoMu.Lock()
	m, ok := w.memo[key]
	if !ok {
		m = new(memoEntry)
		w.memo[key] = m
	}
	w.memoMu.Unlock()
	m.once.Do(func() { m.value = compute() })
	return m.value
}

type memoEntry struct {
	once  sync.Once
	value any
}

// Config returns the configuration governing the package's directory, or
// nil when there is none.
func (r *Result) Config() *config.Config { return r.ctx.cfg }
