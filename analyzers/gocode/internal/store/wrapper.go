package store

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
)

// Wrapper describes a function of the module that runs one store
// operation and takes its key (or SQL bind values) as parameters: a
// Storage method implemented with go-redis, a helper that runs one SQL
// statement, a method that reads a DynamoDB item. The summary pass infers
// wrappers; a call of one classifies as that operation at the call site.
type Wrapper struct {
	Kind Kind
	Op   string
	// KeyParam is the parameter the Redis key or DynamoDB Key is built
	// from, -1 when the key is not a parameter.
	KeyParam int
	// KeyText is the constant text of the key ("rl:" of "rl:"+ip), for
	// the words that say it counts a limit.
	KeyText string
	// SQL is the statement text; SQLParams gives, for each bind argument,
	// the parameter passed there (-1 for anything else).
	SQL       string
	SQLParams []int
	// Value and Err are the results that carry the operation's reply and
	// its error, -1 when the wrapper returns neither.
	Value, Err int
	// Conditional is set on a DynamoDB write with a ConditionExpression
	// (or legacy Expected); Consistent on a DynamoDB read that sets
	// ConsistentRead (or may).
	Conditional, Consistent bool
	// Func is the wrapper; At is the operation inside it, token.NoPos
	// when the wrapper is known from an analysis fact of another package
	// (its position has no meaning here).
	Func *types.Func
	At   token.Pos
	// Inner is the wrapper the operation goes through in turn, nil when
	// the wrapper calls the SDK itself.
	Inner *Wrapper
	// Declared is set on a wrapper the project's configuration declares
	// (analyzers/gocode/internal/declared): its operation is a Redis
	// command's in name only, standing for whatever the wrapper does.
	// Name is the declared name; Func is nil when the wrapper's package
	// did not load.
	Declared bool
	Name     string
}

// Wrappers is implemented by the context of a function (flow.Context)
// that knows the summaries of the functions it calls.
type Wrappers interface {
	// Wrapper returns what fn wraps, or nil.
	Wrapper(fn *types.Func) *Wrapper
}

// Declarations is implemented by the context of a function (flow.Context)
// that knows the wrappers the project's configuration declares.
type Declarations interface {
	// Declared returns the operation declared for fn, or nil.
	Declared(fn *types.Func) *Wrapper
	// DeclaredNamed returns the operation declared under one of the
	// names of a callee whose package did not load (UnloadedNames), or
	// nil.
	DeclaredNamed(names []string) *Wrapper
}

// declaredCall returns the store call that call makes through a wrapper
// the configuration declares, for its static callee: a function, a
// method, or the method of an interface whose implementations lie
// outside the analysis.
func declaredCall(f *flow.Func, call *ast.CallExpr, fn *types.Func) *Call {
	ds, ok := f.Ctx.(Declarations)
	if !ok || fn == nil {
		return nil
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if tv, ok := f.Info.Types[sel.X]; ok && tv.IsType() {
			return nil // a method expression, (*T).M(recv, ...): the arguments are shifted
		}
	}
	if w := ds.Declared(fn); w != nil {
		return FromWrapper(call, w)
	}
	return nil
}

// declaredUnloaded returns the store call that call makes through a
// declared wrapper whose package did not load, known by its names.
func declaredUnloaded(f *flow.Func, call *ast.CallExpr) *Call {
	ds, ok := f.Ctx.(Declarations)
	if !ok {
		return nil
	}
	if names := UnloadedNames(f, call); len(names) > 0 {
		if w := ds.DeclaredNamed(names); w != nil {
			return FromWrapper(call, w)
		}
	}
	return nil
}

// UnloadedNames returns the names a declaration may give the callee of
// call when its package did not load: "import/path.Func" for a function
// of an imported package, "(*import/path.Type).Method" and
// "(import/path.Type).Method" for a method of a value declared with that
// type. nil when the callee is not known that way.
func UnloadedNames(f *flow.Func, call *ast.CallExpr) []string {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if p := f.ImportPath(sel); p != "" {
		return []string{p + "." + sel.Sel.Name}
	}
	if path, typ := f.TypeSource(sel.X); path != "" && typ != "" {
		return []string{"(*" + path + "." + typ + ")." + sel.Sel.Name, "(" + path + "." + typ + ")." + sel.Sel.Name}
	}
	return nil
}

// wrapped returns the store call that call makes through a wrapper: the
// first of the functions it may run (its static callee, or the
// implementations of an interface method) that is one.
func wrapped(f *flow.Func, call *ast.CallExpr) *Call {
	ws, ok := f.Ctx.(Wrappers)
	if !ok {
		return nil
	}
	for _, fn := range f.Callees(call) {
		if w := ws.Wrapper(fn); w != nil {
			return FromWrapper(call, w)
		}
	}
	return nil
}

// FromWrapper returns the store call that a call of wrapper w makes.
func FromWrapper(call *ast.CallExpr, w *Wrapper) *Call {
	c := &Call{Expr: call, Func: w.Func, Kind: w.Kind, Op: w.Op, Via: w}
	if w.KeyParam >= 0 && w.KeyParam < len(call.Args) {
		c.Args = []ast.Expr{call.Args[w.KeyParam]}
	}
	if w.Kind == SQL {
		c.SQL = w.SQL
		c.Params = make([]ast.Expr, len(w.SQLParams))
		for i, p := range w.SQLParams {
			if p >= 0 && p < len(call.Args) {
				c.Params[i] = call.Args[p]
			}
		}
	}
	return c
}

// Declared reports whether the call goes through a wrapper the
// configuration declares, itself or through the module's wrappers around
// it: its operation is then known only as far as the declaration says.
func (c *Call) Declared() bool {
	for w := c.Via; w != nil; w = w.Inner {
		if w.Declared {
			return true
		}
	}
	return false
}

// Chain returns the wrappers a call goes through, outermost first.
func (c *Call) Chain() []*Wrapper {
	var out []*Wrapper
	for w := c.Via; w != nil; w = w.Inner {
		out = append(out, w)
	}
	return out
}
