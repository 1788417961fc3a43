package store

import (
	"go/ast"
	"go/types"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
)

// unloadedClient recognises a method call on a Redis, redigo or SQL client
// whose package did not load, by the import path of the type the receiver
// is declared with; and redigo's package-level DoContext and DoWithTimeout.
func unloadedClient(f *flow.Func, call *ast.CallExpr, sel *ast.SelectorExpr) *Call {
	name := sel.Sel.Name
	if p := f.ImportPath(sel); p != "" {
		if redigoPkgs[p] {
			return classifyRedigo(f, call, name)
		}
		return nil
	}
	path, _ := f.TypeSource(sel.X)
	switch {
	case path == "":
	case redisPkgs[path] && goRedisMethods[name]:
		ctx := redisContext(path)
		if len(call.Args) > 0 {
			if t := f.Info.TypeOf(call.Args[0]); t != nil && t != types.Typ[types.Invalid] {
				ctx = isContext(t)
			}
		}
		return &Call{Expr: call, Kind: Redis, Op: name, Args: redisArgs(f.Info, call, ctx)}
	case redigoPkgs[path]:
		return classifyRedigo(f, call, name)
	case gormPkgs[path] && gormOps[name]:
		return classifyGorm(f, call, name)
	case sqlPkgs[path] && sqlMethods[name]:
		for i, a := range call.Args {
			if isStringExpr(f.Info, a) {
				return &Call{Expr: call, Kind: SQL, Op: name, Query: a, Params: call.Args[i+1:]}
			}
		}
	}
	return nil
}

func isStringExpr(info *types.Info, e ast.Expr) bool {
	t := info.TypeOf(e)
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
