package summary

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
)

// constVars finds the package-level string variables that hold constant
// text: initialised with a constant expression (a literal, a
// concatenation, another such variable) and never assigned again, nor
// their address taken, in the packages of the world. Outside the world
// (another module, or an importer in go vet) an exported variable could
// still be assigned; that is not guarded against.
type constVars struct {
	init     map[*types.Var]varInit
	assigned map[*types.Var]bool
	memo     map[*types.Var]*string
	busy     map[*types.Var]bool
	frozen   bool
}

// varInit is a variable's initialiser, with the context to read it in.
type varInit struct {
	value ast.Expr
	f     *flow.Func
}

func newConstVars() *constVars {
	return &constVars{
		init:     make(map[*types.Var]varInit),
		assigned: make(map[*types.Var]bool),
		memo:     make(map[*types.Var]*string),
		busy:     make(map[*types.Var]bool),
	}
}

// add records the initialisers and the assignments of one package.
func (c *constVars) add(ctx *pkgCtx, info *types.Info, files []*ast.File) {
	f := flow.NewIn(ctx, info, nil)
	for _, file := range files {
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) != len(vs.Names) {
					continue
				}
				for i, id := range vs.Names {
					if v, ok := info.Defs[id].(*types.Var); ok {
						c.init[v] = varInit{value: vs.Values[i], f: f}
					}
				}
			}
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					c.mark(info, l)
				}
			case *ast.IncDecStmt:
				c.mark(info, n.X)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					c.mark(info, n.X)
				}
			case *ast.RangeStmt:
				if n.Tok == token.ASSIGN {
					c.mark(info, n.Key)
					c.mark(info, n.Value)
				}
			}
			return true
		})
	}
}

// mark records an assignment to (or the address of) a package-level
// variable.
func (c *constVars) mark(info *types.Info, e ast.Expr) {
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return
	}
	if v, ok := info.Uses[id].(*types.Var); ok {
		c.assigned[v] = true
	}
}

// freeze computes every value, after which value only reads (the rules
// read concurrently).
func (c *constVars) freeze() {
	for v := range c.init {
		c.value(v)
	}
	c.frozen = true
}

// value returns the constant text of v, if it has one.
func (c *constVars) value(v *types.Var) (string, bool) {
	if s, ok := c.memo[v]; ok {
		if s == nil {
			return "", false
		}
		return *s, true
	}
	in, ok := c.init[v]
	if c.frozen || !ok || c.assigned[v] || c.busy[v] {
		return "", false
	}
	c.busy[v] = true
	s, ok := in.f.ConstString(in.value)
	delete(c.busy, v)
	if ok {
		c.memo[v] = &s
	} else {
		c.memo[v] = nil
	}
	return s, ok
}
