package summary

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/callgraph/vta"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
)

// callGraph builds the SSA form of the relevant packages of the module
// that type-check (with their dependencies as types only) and resolves
// their dynamic calls (interface methods, function values) with VTA. It
// returns, for each resolved call site (by the position of its opening
// parenthesis), the declared functions and methods it may call; closures
// are left out (they have no summaries). Packages that did not
// type-check, and their importers, get no SSA: their interface calls fall
// back to the implementations with summaries (world.implementations).
func callGraph(order []*packages.Package, relevant map[*packages.Package]bool) map[token.Pos][]*types.Func {
	if len(order) == 0 {
		return nil
	}
	prog := ssa.NewProgram(order[0].Fset, ssa.InstantiateGenerics)
	created := make(map[*packages.Package]*ssa.Package)
	var built []*ssa.Package
	packages.Visit(order, nil, func(p *packages.Package) {
		if p.Types == nil || p.IllTyped {
			return
		}
		var files []*ast.File
		var info *types.Info
		if relevant[p] {
			files, info = p.Syntax, p.TypesInfo
		}
		sp := prog.CreatePackage(p.Types, files, info, true)
		created[p] = sp
		if files != nil {
			built = append(built, sp)
		}
	})
	if len(built) == 0 {
		return nil
	}
	prog.Build()

	funcs := make(map[*ssa.Function]bool)
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		if fn == nil || funcs[fn] {
			return
		}
		funcs[fn] = true
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, sp := range built {
		for _, mem := range sp.Members {
			switch mem := mem.(type) {
			case *ssa.Function:
				add(mem)
			case *ssa.Type:
				for _, t := range []types.Type{mem.Type(), types.NewPointer(mem.Type())} {
					if types.IsInterface(t) {
						continue
					}
					mset := prog.MethodSets.MethodSet(t)
					for sel := range mset.Methods() {
						if m, ok := sel.Obj().(*types.Func); ok && m.Signature().TypeParams() == nil && m.Signature().RecvTypeParams() == nil {
							add(prog.MethodValue(sel))
						}
					}
				}
			}
		}
	}
	cg := vta.CallGraph(funcs, nil)

	out := make(map[token.Pos][]*types.Func)
	for fn, node := range cg.Nodes {
		if !funcs[fn] {
			continue
		}
		for _, e := range node.Out {
			site := e.Site
			if site == nil || site.Common().StaticCallee() != nil || !site.Common().Pos().IsValid() {
				continue
			}
			if obj := declaredFunc(e.Callee.Func); obj != nil {
				pos := site.Common().Pos()
				if !slices.Contains(out[pos], obj) {
					out[pos] = append(out[pos], obj)
				}
			}
		}
	}
	for pos, fns := range out {
		slices.SortFunc(fns, func(a, b *types.Func) int {
			return cmp.Or(strings.Compare(a.FullName(), b.FullName()), cmp.Compare(a.Pos(), b.Pos()))
		})
		out[pos] = fns
	}
	return out
}

// declaredFunc returns the declared function or method fn is (or wraps: a
// bound method, an instantiation), nil for a closure.
func declaredFunc(fn *ssa.Function) *types.Func {
	if fn == nil {
		return nil
	}
	if o, ok := fn.Object().(*types.Func); ok && o != nil {
		return o.Origin()
	}
	if o := fn.Origin(); o != nil && o != fn {
		return declaredFunc(o)
	}
	return nil
}
