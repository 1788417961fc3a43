// Package taint recognises the values whose origin makes a counter key
// wrong: the raw current time (RL006), a hash/maphash value seeded per
// process and a random number (RL005). A call of a function that returns
// one counts too, when the function's context knows it (Returns: the
// summary pass).
package taint

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
)

// Kind is a kind of value.
type Kind int

// Kinds of values.
const (
	RawTime Kind = iota // the current time, not floored to a window
	Maphash             // a hash/maphash value
	Random              // a bounded random integer of math/rand
)

// Returns is implemented by a function's context (flow.Context) that
// knows what the module's functions return.
type Returns interface {
	Returns(fn *types.Func, k Kind) bool
}

// returns reports whether call runs a function that returns a value of
// kind k.
func returns(f *flow.Func, call *ast.CallExpr, k Kind) bool {
	rs, ok := f.Ctx.(Returns)
	if !ok {
		return false
	}
	for _, fn := range f.Callees(call) {
		if rs.Returns(fn, k) {
			return true
		}
	}
	return false
}

// IsRawTime reports whether e carries the raw current time with no floor
// to a window (time.Now().Unix(), now - window, a second-precision
// layout), looking through attribute value literals and helpers that
// return one.
func IsRawTime(f *flow.Func, e ast.Expr) bool {
	r := &raw{f: f, seen: make(map[types.Object]bool)}
	return r.value(e, 0)
}

// IsMaphash reports whether n is a call yielding a hash/maphash value, or
// a call of a function that returns one.
func IsMaphash(f *flow.Func, n ast.Node) bool {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return false
	}
	if fn := flow.Callee(f.Info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "hash/maphash" {
		switch fn.Name() {
		case "String", "Bytes", "Comparable", "Sum64":
			return true
		}
	}
	return returns(f, call, Maphash)
}

// IsRandom reports whether n is a bounded random integer of math/rand or
// math/rand/v2 (a function or a *rand.Rand method), or a call of a
// function that returns one.
func IsRandom(f *flow.Func, n ast.Node) bool {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return false
	}
	if fn := flow.Callee(f.Info, call); fn != nil && fn.Pkg() != nil {
		if p := fn.Pkg().Path(); p == "math/rand" || p == "math/rand/v2" {
			switch fn.Name() {
			case "Intn", "IntN", "N", "Int31n", "Int63n", "Int32N", "Int64N", "UintN", "Uint32N", "Uint64N":
				return true
			}
		}
	}
	return returns(f, call, Random)
}

// Carries reports whether e holds a value for which is reports true,
// directly or through the function's variables.
func Carries(f *flow.Func, e ast.Expr, is func(*flow.Func, ast.Node) bool) bool {
	src := func(n ast.Node) bool { return is(f, n) }
	return flow.Contains(e, src) || f.Mentions(e, f.Derived(src))
}

// value looks through attribute value literals (&types.AttributeValueMemberN{Value: ...},
// {N: aws.String(...)}) to the expressions inside.
func (r *raw) value(e ast.Expr, depth int) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if lit, ok := e.(*ast.CompositeLit); ok {
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			if r.expr(elt, depth+1) {
				return true
			}
		}
		return false
	}
	return r.expr(e, depth)
}

type raw struct {
	f    *flow.Func
	seen map[types.Object]bool
}

// expr reports whether e carries the raw current time, not floored.
func (r *raw) expr(e ast.Expr, depth int) bool {
	if e == nil || depth > 12 {
		return false
	}
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.Ident:
		obj := r.f.Object(e)
		if obj == nil || r.seen[obj] {
			return false
		}
		r.seen[obj] = true
		defer delete(r.seen, obj)
		defs := r.f.Defs(obj)
		if len(defs) == 0 {
			return false
		}
		// Every definition must be raw: a variable also assigned a
		// floored value is not judged.
		for _, d := range defs {
			if !r.expr(d, depth+1) {
				return false
			}
		}
		return true
	case *ast.BinaryExpr:
		switch e.Op {
		case token.QUO, token.REM:
			// Integer division floors; a remainder is not a time.
			return false
		case token.SUB:
			if y, ok := ast.Unparen(e.Y).(*ast.BinaryExpr); ok && y.Op == token.REM {
				return false // now - now % w
			}
			return r.expr(e.X, depth+1)
		case token.ADD:
			return r.expr(e.X, depth+1) || r.expr(e.Y, depth+1)
		case token.MUL:
			return r.expr(e.X, depth+1) && !isQuo(e.X) || r.expr(e.Y, depth+1) && !isQuo(e.Y)
		}
		return false
	case *ast.CallExpr:
		if tv, ok := r.f.Info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			// A conversion: int64(x), float64(x). Not string(x).
			if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Info()&types.IsString == 0 {
				return r.expr(e.Args[0], depth+1)
			}
			return false
		}
		if returns(r.f, e, RawTime) {
			return true // windowKey(ip) of a helper that returns one
		}
		fn := flow.Callee(r.f.Info, e)
		if fn == nil || fn.Pkg() == nil {
			return false
		}
		switch fn.Pkg().Path() {
		case "github.com/aws/aws-sdk-go/aws", "github.com/aws/aws-sdk-go-v2/aws":
			if (fn.Name() == "String" || fn.Name() == "Int64") && len(e.Args) == 1 {
				return r.expr(e.Args[0], depth+1)
			}
		case "time":
			switch fn.Name() {
			case "Unix", "UnixMilli", "UnixMicro", "UnixNano":
				sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
				return ok && isRecv(fn) && r.now(sel.X, depth+1)
			case "Format":
				// A layout with seconds (or finer) names every second.
				sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
				if !ok || !isRecv(fn) || len(e.Args) != 1 {
					return false
				}
				layout, ok := r.f.ConstString(e.Args[0])
				return ok && strings.Contains(layout, "05") && r.now(sel.X, depth+1)
			}
		case "strconv":
			switch fn.Name() {
			case "Itoa", "FormatInt", "FormatUint", "FormatFloat":
				return len(e.Args) > 0 && r.expr(e.Args[0], depth+1)
			}
		case "fmt":
			if fn.Name() == "Sprintf" || fn.Name() == "Sprint" {
				for _, a := range e.Args {
					if r.expr(a, depth+1) {
						return true
					}
				}
			}
		case "strings":
			if fn.Name() == "Join" && len(e.Args) > 0 {
				if lit, ok := ast.Unparen(e.Args[0]).(*ast.CompositeLit); ok {
					for _, a := range lit.Elts {
						if r.expr(a, depth+1) {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

func isQuo(e ast.Expr) bool {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	return ok && b.Op == token.QUO
}

func isRecv(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil
}

// now reports whether e is the current time, unfloored: time.Now(),
// possibly through a variable or Add/UTC/Local/In, never Truncate.
func (r *raw) now(e ast.Expr, depth int) bool {
	if depth > 12 {
		return false
	}
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.Ident:
		obj := r.f.Object(e)
		if obj == nil || r.seen[obj] {
			return false
		}
		r.seen[obj] = true
		defer delete(r.seen, obj)
		defs := r.f.Defs(obj)
		if len(defs) == 0 {
			return false
		}
		for _, d := range defs {
			if !r.now(d, depth+1) {
				return false
			}
		}
		return true
	case *ast.CallExpr:
		fn := flow.Callee(r.f.Info, e)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "time" {
			return false
		}
		switch fn.Name() {
		case "Now":
			return !isRecv(fn)
		case "UTC", "Local", "In", "Add":
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && isRecv(fn) {
				return r.now(sel.X, depth+1)
			}
		}
	}
	return false
}
