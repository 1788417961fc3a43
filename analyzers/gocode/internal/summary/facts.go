package summary

import (
	"fmt"
	"go/token"
	"go/types"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/reqflow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/taint"
)

// FuncFact is the summary of a function, for the packages that import
// it. It holds no positions: they mean nothing in another analysis.
type FuncFact struct {
	Wrapper  *WrapperFact
	Decision bool
	Req      *reqflow.Summary
	Returns  [3]bool // by taint.Kind
	Expires  []int   // the parameters whose Redis key it gives a time to live
}

// AFact implements analysis.Fact.
func (*FuncFact) AFact() {}

func (f *FuncFact) String() string {
	s := "summary"
	if f.Wrapper != nil {
		s += fmt.Sprintf(" wraps %s key=%d value=%d err=%d", f.Wrapper.Op, f.Wrapper.KeyParam, f.Wrapper.Value, f.Wrapper.Err)
	}
	if f.Decision {
		s += " decides"
	}
	if len(f.Expires) > 0 {
		s += fmt.Sprintf(" expires=%v", f.Expires)
	}
	if f.Req != nil {
		s += fmt.Sprintf(" returns=%d keys=%d", len(f.Req.Returns), len(f.Req.KeyParams))
	}
	return s
}

// WrapperFact is a store.Wrapper without its positions and objects.
type WrapperFact struct {
	Kind                    store.Kind
	Op                      string
	KeyParam                int
	KeyText, SQL            string
	SQLParams               []int
	Value, Err              int
	Conditional, Consistent bool
}

// VarFact is the constant text of a package-level variable.
type VarFact struct{ Value string }

// AFact implements analysis.Fact.
func (*VarFact) AFact() {}

func (f *VarFact) String() string { return fmt.Sprintf("const %q", f.Value) }

// PkgFact marks a package whose functions are summarized. Stores is set
// when some of them wrap a store or decide a limit: its importers may
// then do so too.
type PkgFact struct{ Stores bool }

// AFact implements analysis.Fact.
func (*PkgFact) AFact() {}

func (f *PkgFact) String() string { return fmt.Sprintf("summarized stores=%v", f.Stores) }

func wrapperFact(w *store.Wrapper) *WrapperFact {
	return &WrapperFact{
		Kind: w.Kind, Op: w.Op, KeyParam: w.KeyParam, KeyText: w.KeyText, SQL: w.SQL,
		SQLParams: w.SQLParams, Value: w.Value, Err: w.Err, Conditional: w.Conditional, Consistent: w.Consistent,
	}
}

// portable returns a copy of s without positions.
func portable(s *reqflow.Summary) *reqflow.Summary {
	out := &reqflow.Summary{FormatOnly: s.FormatOnly}
	for _, r := range s.Returns {
		if r.Source != nil {
			src := *r.Source
			src.At = token.NoPos
			r.Source = &src
		}
		out.Returns = append(out.Returns, r)
	}
	for _, kp := range s.KeyParams {
		kp.At = token.NoPos
		out.KeyParams = append(out.KeyParams, kp)
	}
	return out
}

// factView reads the facts of a package's dependencies, converting each
// once.
type factView struct {
	pass     *analysis.Pass
	mu       sync.Mutex // the rules read facts concurrently
	wrappers map[*types.Func]*store.Wrapper
}

func newFactView(pass *analysis.Pass) *factView {
	return &factView{pass: pass, wrappers: make(map[*types.Func]*store.Wrapper)}
}

func (v *factView) fact(fn *types.Func) *FuncFact {
	if fn.Pkg() == nil || fn.Pkg() == v.pass.Pkg {
		return nil
	}
	var f FuncFact
	if !v.pass.ImportObjectFact(fn, &f) {
		return nil
	}
	return &f
}

func (v *factView) wrapper(fn *types.Func) *store.Wrapper {
	v.mu.Lock()
	defer v.mu.Unlock()
	if w, ok := v.wrappers[fn]; ok {
		return w
	}
	var w *store.Wrapper
	if f := v.fact(fn); f != nil && f.Wrapper != nil {
		wf := f.Wrapper
		w = &store.Wrapper{
			Kind: wf.Kind, Op: wf.Op, KeyParam: wf.KeyParam, KeyText: wf.KeyText, SQL: wf.SQL,
			SQLParams: wf.SQLParams, Value: wf.Value, Err: wf.Err, Conditional: wf.Conditional,
			Consistent: wf.Consistent, Func: fn,
		}
	}
	v.wrappers[fn] = w
	return w
}

func (v *factView) decision(fn *types.Func) bool {
	f := v.fact(fn)
	return f != nil && f.Decision
}

func (v *factView) returns(fn *types.Func, k taint.Kind) bool {
	f := v.fact(fn)
	return f != nil && f.Returns[k]
}

func (v *factView) expires(fn *types.Func) []int {
	if f := v.fact(fn); f != nil {
		return f.Expires
	}
	return nil
}

func (v *factView) req(fn *types.Func) *reqflow.Summary {
	if f := v.fact(fn); f != nil {
		return f.Req
	}
	return nil
}

func (v *factView) constVar(obj *types.Var) (string, bool) {
	if obj.Pkg() == nil || obj.Pkg() == v.pass.Pkg {
		return "", false
	}
	var f VarFact
	if !v.pass.ImportObjectFact(obj, &f) {
		return "", false
	}
	return f.Value, true
}

// summarized reports whether a dependency's functions are summarized.
func (v *factView) summarized(pkg *types.Package) bool {
	return pkg != v.pass.Pkg && v.pass.ImportPackageFact(pkg, new(PkgFact))
}

// methods returns the methods of the dependencies that have facts.
func (v *factView) methods() []*types.Func {
	var out []*types.Func
	for _, of := range v.pass.AllObjectFacts() {
		if fn, ok := of.Object.(*types.Func); ok && isMethod(fn) {
			if _, ok := of.Fact.(*FuncFact); ok {
				out = append(out, fn)
			}
		}
	}
	return out
}
