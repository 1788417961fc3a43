// Package limitctx tells rate-limit code from other code: names and texts
// that speak of counters and limits, functions that answer 429, and HTTP
// status constants.
package limitctx

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/internal/verdict"
)

// Text reports whether s (SQL text, a key, an expression, a table name)
// names a counter (request_count, hits) or a limit (rate_limits, quota).
func Text(s string) bool { return counterkey.NamesCounterOrLimit(s) }

// Func reports whether fd is rate-limit code: it is Named so, or it
// answers 429.
func Func(info *types.Info, fd *ast.FuncDecl) bool {
	return Named(fd) || fd.Body != nil && MentionsStatus(info, fd.Body, Is429)
}

// Named reports whether fd's name or its receiver's type name speaks of
// limiting (Allow, RateLimit, Throttle, Quota, TokenBucket).
func Named(fd *ast.FuncDecl) bool {
	name := fd.Name.Name
	if fd.Recv != nil && len(fd.Recv.List) == 1 {
		name += " " + types.ExprString(fd.Recv.List[0].Type)
	}
	return counterkey.IsLimitFunc(name)
}

// Is429 reports whether code is 429 Too Many Requests.
func Is429(code int64) bool { return verdict.Is429(code) }

// Is5xx reports whether code is a server error.
func Is5xx(code int64) bool { return verdict.Is5xx(code) }

// MentionsStatus reports whether n names an integer constant (an HTTP
// status such as http.StatusTooManyRequests, or a literal 429) for which
// want is true.
func MentionsStatus(info *types.Info, n ast.Node, want func(int64) bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch e := n.(type) {
		case *ast.BasicLit, *ast.SelectorExpr, *ast.Ident:
			tv, ok := info.Types[e.(ast.Expr)]
			if ok && tv.Value != nil && tv.Value.Kind() == constant.Int {
				v, exact := constant.Int64Val(tv.Value)
				found = exact && want(v)
			}
		}
		return !found
	})
	return found
}
