package reqflow

import (
	"go/ast"
	"go/token"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
)

// logOps are the sorted-set commands of a sliding-log limiter; countOps
// are those that count the log.
var (
	logOps   = map[string]bool{"ZAdd": true, "ZAddNX": true, "ZRemRangeByScore": true, "ZCount": true, "ZCard": true}
	countOps = map[string]bool{"ZCount": true, "ZCard": true}
)

// logSinks returns the sinks of a sliding-log limiter in s: the key of each
// sorted-set command, and the scores and score bounds, which position the
// count in time (time sinks, for RL007). It returns nil unless s counts
// the log (ZCard, ZCount).
func (p *pkgFlow) logSinks(s *summary, calls []*store.Call) []sink {
	var log []*store.Call
	counted, limit := false, s.limitFunc
	for _, c := range calls {
		if c.Kind != store.Redis || !logOps[c.Op] || c.Key() == nil {
			continue
		}
		log = append(log, c)
		if countOps[c.Op] {
			counted = true
			limit = limit || p.compared(s, c.Expr)
		}
		limit = limit || p.mentionsLimit(s.f, c.Key(), 0)
	}
	if !counted {
		return nil
	}
	var out []sink
	for _, c := range log {
		what := "the key of a Redis " + c.Op
		out = append(out, sink{expr: c.Key(), what: what, limit: limit})
		for _, a := range c.Args[1:] {
			switch c.Op {
			case "ZAdd", "ZAddNX":
				if score := zScore(a); score != nil {
					out = append(out, sink{expr: score, what: "a score of a Redis " + c.Op, time: true, limit: limit})
				}
			case "ZRemRangeByScore", "ZCount":
				out = append(out, sink{expr: a, what: "a score bound of a Redis " + c.Op, time: true, limit: limit})
			}
		}
	}
	return out
}

// zScore returns the Score of a redis.Z literal (or a pointer to one).
func zScore(e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Score" {
				return kv.Value
			}
		}
	}
	return nil
}
