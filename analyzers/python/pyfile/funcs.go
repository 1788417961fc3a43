package pyfile

import (
	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// Func is a function definition.
type Func struct {
	File  *File
	Node  *pyast.Node
	Scope *Scope
	calls []*Call
	// callsDone and opsDone say calls and ops are computed: most
	// functions have none, and an empty result must be remembered too.
	callsDone, opsDone bool

	class     *Class // the class the function is a method of
	classDone bool
	ret       *binding // the return value, computed once (as a binding's value is)
	ops       []*Call
	derived   map[string]map[string]bool // names derived from each parameter
	params    []Param
}

// Functions returns every function definition of the file, in order. The
// list and each function's scope are built once and shared by the rules.
func (f *File) Functions() []*Func {
	if f.funcs == nil {
		f.funcs = []*Func{}
		f.funcAt = make(map[int]*Func)
		var visit func(n *pyast.Node, enclosing *Scope)
		visit = func(n *pyast.Node, enclosing *Scope) {
			for _, c := range n.NamedChildren() {
				if c.Type() == "function_definition" {
					fn := &Func{File: f, Node: c}
					fn.Scope = newScope(f, enclosing, c)
					fn.Scope.fn = fn
					f.funcs = append(f.funcs, fn)
					f.funcAt[c.Index()] = fn
					visit(c, fn.Scope)
					continue
				}
				visit(c, enclosing)
			}
		}
		visit(f.Root, f.Module())
	}
	return f.funcs
}

// FuncAt returns the function of the definition node def.
func (f *File) FuncAt(def *pyast.Node) *Func {
	f.Functions()
	return f.funcAt[def.Index()]
}

// scopes returns the scopes of the file's functions.
func (f *File) scopes() []*Scope {
	var out []*Scope
	for _, fn := range f.Functions() {
		out = append(out, fn.Scope)
	}
	return out
}

// scopeAround returns the scope a node is evaluated in: its function's,
// or the module's.
func (f *File) scopeAround(n *pyast.Node) *Scope {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == "function_definition" {
			if fn := f.FuncAt(p); fn != nil {
				return fn.Scope
			}
		}
	}
	return f.Module()
}

// ScopeOf returns the scope the node n is evaluated in.
func (f *File) ScopeOf(n *pyast.Node) *Scope { return f.scopeAround(n) }

// Calls returns the datastore calls of the function's body (not of nested
// functions), in source order, computed once.
func (fn *Func) Calls() []*Call {
	if !fn.callsDone {
		fn.calls, fn.callsDone = fn.Scope.Calls(fn.Body()), true
	}
	return fn.calls
}

// Name returns the function's name.
func (fn *Func) Name() string { return fn.File.Text(fn.Node.ChildByFieldName("name")) }

// Body returns the function's block.
func (fn *Func) Body() *pyast.Node { return fn.Node.ChildByFieldName("body") }

// Decorators returns the expressions of the function's decorators
// (app.get("/x"), login_required), in source order.
func (fn *Func) Decorators() []*pyast.Node {
	p := fn.Node.Parent()
	if p == nil || p.Type() != "decorated_definition" {
		return nil
	}
	var out []*pyast.Node
	for _, d := range p.NamedChildren() {
		if d.Type() == "decorator" && d.NamedChildCount() > 0 {
			out = append(out, d.NamedChild(0))
		}
	}
	return out
}

// decorated reports whether one of the function's decorators is name
// (staticmethod, property, contextlib.contextmanager), by its last part.
func (fn *Func) decorated(names ...string) bool {
	for _, d := range fn.Decorators() {
		if d.Type() == "call" {
			d = d.ChildByFieldName("function")
		}
		text := fn.File.Text(d)
		if d.Type() == "attribute" {
			text = fn.File.Text(d.ChildByFieldName("attribute"))
		}
		for _, n := range names {
			if text == n {
				return true
			}
		}
	}
	return false
}

// Class returns the class fn is a method of, or nil.
func (fn *Func) Class() *Class {
	if !fn.classDone {
		fn.classDone = true
		if c := enclosingClass(fn.Node); c != nil {
			fn.class = fn.File.ClassAt(c)
		}
	}
	return fn.class
}

// selfParam returns the name of a method's self (or cls) parameter, ""
// for functions and static methods.
func (fn *Func) selfParam() string {
	if fn.Class() == nil || fn.decorated("staticmethod") {
		return ""
	}
	return firstParam(fn.File, fn.Node)
}

// isClassMethod reports whether fn is a classmethod.
func (fn *Func) isClassMethod() bool { return fn.decorated("classmethod") }

// firstParam returns the name of a function's first parameter.
func firstParam(f *File, def *pyast.Node) string {
	ps := def.ChildByFieldName("parameters")
	if ps == nil || ps.NamedChildCount() == 0 {
		return ""
	}
	if name, _ := paramName(ps.NamedChild(0)); name != nil {
		return f.Text(name)
	}
	return ""
}

// enclosingClass returns the class a method is defined in, or nil.
func enclosingClass(def *pyast.Node) *pyast.Node {
	p := def.Parent()
	if p != nil && p.Type() == "decorated_definition" {
		p = p.Parent()
	}
	if p == nil || p.Type() != "block" || p.Parent() == nil || p.Parent().Type() != "class_definition" {
		return nil
	}
	return p.Parent()
}

// Param is a parameter of a function.
type Param struct {
	Name    string
	Node    *pyast.Node // the whole parameter
	Type    *pyast.Node // its annotation, or nil
	Default *pyast.Node // its default, or nil
	Star    bool        // *args or **kwargs
}

// Params returns the parameters of fn in order, self included, found
// once.
func (fn *Func) Params() []Param {
	if fn.params == nil {
		fn.params = fn.findParams()
	}
	return fn.params
}

func (fn *Func) findParams() []Param {
	ps := fn.Node.ChildByFieldName("parameters")
	out := []Param{}
	if ps == nil {
		return out
	}
	for _, p := range ps.NamedChildren() {
		switch p.Type() {
		case "list_splat_pattern", "dictionary_splat_pattern":
			out = append(out, Param{Name: fn.File.Text(p.NamedChild(0)), Node: p, Star: true})
			continue
		}
		name, typ := paramName(p)
		if name == nil {
			continue
		}
		out = append(out, Param{Name: fn.File.Text(name), Node: p, Type: typ, Default: p.ChildByFieldName("value")})
	}
	return out
}

// ReturnValue returns what calling fn gives: its return annotation when
// that names a client type or project class, else what its return
// statements return. A generator (a @contextmanager, a FastAPI
// dependency that yields) gives what it yields.
func (fn *Func) ReturnValue() Value {
	if fn.ret == nil {
		fn.ret = &binding{}
	}
	b := fn.ret
	switch b.state {
	case 1:
		return Value{}
	case 2:
		return b.val
	}
	b.state = 1
	v := fn.computeReturn()
	if p := fn.File.project; p != nil && p.indexing > 0 {
		b.state = 0
		return v
	}
	b.val, b.state = v, 2
	return v
}

func (fn *Func) computeReturn() Value {
	if t := fn.Node.ChildByFieldName("return_type"); t != nil {
		if v := fn.Scope.annotationValue(t); v.known() {
			return v
		}
	}
	var out Value
	yields := false
	Walk(fn.Body(), func(n *pyast.Node) bool {
		if out.known() && yields {
			return false
		}
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "yield":
			if !yields {
				yields, out = true, Value{}
			}
			if n.NamedChildCount() > 0 && !out.known() {
				out = fn.Scope.ValueOf(n.NamedChild(0))
			}
		case "return_statement":
			if !yields && n.NamedChildCount() > 0 && !out.known() {
				out = fn.Scope.ValueOf(n.NamedChild(0))
			}
		}
		return true
	})
	return out
}

// argumentValue returns what the project's call sites pass for the
// parameter name of fn, when they agree on something.
func (fn *Func) argumentValue(name string) Value {
	p := fn.File.project
	if p == nil || p.indexing > 0 {
		return Value{}
	}
	for _, site := range p.CallSites(fn) {
		if arg := site.Arg(name); arg != nil {
			if v := site.Scope.ValueOf(arg); v.known() {
				return v
			}
		}
	}
	return Value{}
}

// QualName returns the function's name with its class, such as
// "RateLimiter.check".
func (fn *Func) QualName() string {
	if c := fn.Class(); c != nil {
		return c.Name() + "." + fn.Name()
	}
	return fn.Name()
}

// EnclosingFunc returns the function whose body holds n, or nil for
// module-level code.
func (f *File) EnclosingFunc(n *pyast.Node) *Func {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == "function_definition" {
			return f.FuncAt(p)
		}
	}
	return nil
}

// Func returns the function the scope belongs to, nil for the module.
func (s *Scope) Func() *Func { return s.fn }
