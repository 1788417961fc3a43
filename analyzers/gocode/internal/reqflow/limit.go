package reqflow

import (
	"go/ast"
	"go/constant"
	"go/token"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/incrkey"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// limitCounter reports whether the counter write c in s counts a rate
// limit: s is named for limiting, the key, the table or the SQL text says
// so, or s compares the count it returns.
func (p *pkgFlow) limitCounter(s *summary, c *store.Call, keys []ast.Expr) bool {
	if s.limitFunc || p.compared(s, c.Expr) {
		return true
	}
	if c.Via != nil && counterkey.MentionsLimit(c.Via.KeyText) {
		return true
	}
	for _, k := range keys {
		if p.mentionsLimit(s.f, k, 0) {
			return true
		}
	}
	switch c.Kind {
	case store.SQL:
		q, ok := c.SQLText(s.f)
		return ok && counterkey.MentionsLimit(q)
	case store.DynamoDB:
		if in := store.ResolveInput(s.f, c.Input); in != nil {
			t, ok := s.f.ConstString(in.One("TableName"))
			return ok && counterkey.MentionsLimit(t)
		}
	}
	return false
}

// counterCall reports whether the store call c writes a counter or reads
// one (its key or SQL text speaks of a limit): never a lookup that
// authenticates. The answer is kept per call: it parses SQL.
func (p *pkgFlow) counterCall(f *flow.Func, c *store.Call) bool {
	if v, ok := p.counterCalls[c.Expr]; ok {
		return v
	}
	v := incrkey.Writes(f, c) || p.mentionsLimit(f, c.Expr, 0)
	p.counterCalls[c.Expr] = v
	return v
}

// mentionsLimit reports whether a constant string in e, or in the
// definitions of the variables it reads, speaks of a rate limit.
func (p *pkgFlow) mentionsLimit(f *flow.Func, e ast.Node, depth int) bool {
	if e == nil || depth > 3 {
		return false
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.BasicLit:
			if tv, ok := p.info.Types[n]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				found = counterkey.MentionsLimit(constant.StringVal(tv.Value))
			}
		case *ast.Ident:
			if obj := f.Object(n); obj != nil {
				for _, d := range f.Defs(obj) {
					if p.mentionsLimit(f, d, depth+1) {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// compared reports whether s orders what call returns against something
// (n > limit, remaining <= 0), directly or through the variables it is
// assigned to.
func (p *pkgFlow) compared(s *summary, call *ast.CallExpr) bool {
	isCall := func(n ast.Node) bool { return n == call }
	derived := s.f.Derived(isCall)
	found := false
	ast.Inspect(s.f.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		if b, ok := n.(*ast.BinaryExpr); ok {
			switch b.Op {
			case token.LSS, token.LEQ, token.GTR, token.GEQ:
				found = flow.Contains(b, isCall) || s.f.Mentions(b, derived)
			}
		}
		return !found
	})
	return found
}
