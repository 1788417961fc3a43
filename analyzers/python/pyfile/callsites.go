package pyfile

import (
	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// CallSite is a call of a project function.
type CallSite struct {
	Call   *pyast.Node // the call expression
	Scope  *Scope      // the scope the call is in
	Callee *Func
	// Bound is set when the call passes no self: a method called on an
	// instance (limiter.check(k)), or a constructor (Limiter(r) runs
	// __init__).
	Bound bool
}

// Arg returns the argument the call passes for the parameter name of its
// callee, or nil.
func (c CallSite) Arg(name string) *pyast.Node {
	params := c.Callee.Params()
	args := c.Call.ChildByFieldName("arguments")
	if args == nil {
		return nil
	}
	pos := 0
	if c.Bound {
		pos = 1
	}
	for _, a := range args.NamedChildren() {
		switch a.Type() {
		case "keyword_argument":
			if c.Scope.file.Text(a.ChildByFieldName("name")) == name {
				return a.ChildByFieldName("value")
			}
		case "list_splat", "dictionary_splat", "comment":
		default:
			if pos < len(params) && !params[pos].Star && params[pos].Name == name {
				return a
			}
			pos++
		}
	}
	return nil
}

// Callee returns the project function a call runs, and whether the call
// binds self: a function, a method through self, cls, super() or an
// instance, a class's __init__ for a constructor call.
func (s *Scope) Callee(call *pyast.Node) (*Func, bool) {
	fn := call.ChildByFieldName("function")
	if fn == nil {
		return nil, false
	}
	if fn.Type() == "attribute" {
		if obj := fn.ChildByFieldName("object"); obj != nil && obj.Type() == "call" && s.file.Text(obj.ChildByFieldName("function")) == "super" {
			if own := s.fn; own != nil && own.Class() != nil {
				for _, base := range own.Class().Bases() {
					if m := base.Method(s.file.Text(fn.ChildByFieldName("attribute"))); m != nil {
						return m, true
					}
				}
			}
			return nil, false
		}
	}
	d := s.Resolve(fn)
	switch {
	case d.Class != nil:
		if init := d.Class.Method("__init__"); init != nil {
			return init, true
		}
		return nil, false
	case d.Func != nil:
		bound := false
		if fn.Type() == "attribute" && d.Func.selfParam() != "" && !d.Func.isClassMethod() {
			// self.m(), obj.m(): bound; Class.m(obj) passes self itself.
			bound = s.Resolve(fn.ChildByFieldName("object")).Class == nil
		}
		if d.Func.isClassMethod() {
			bound = true
		}
		return d.Func, bound
	}
	return nil, false
}

// CallSites returns the calls of fn anywhere in the project.
func (p *Project) CallSites(fn *Func) []CallSite {
	if p.sites == nil {
		p.indexing++
		p.sites = make(map[*Func][]CallSite)
		for _, f := range p.order {
			for _, sc := range append([]*Scope{f.Module()}, f.scopes()...) {
				body := sc.owner
				if body.Type() == "function_definition" {
					body = body.ChildByFieldName("body")
				}
				Walk(body, func(n *pyast.Node) bool {
					switch n.Type() {
					case "function_definition", "class_definition", "lambda":
						return n == body
					case "call":
						if callee, bound := sc.Callee(n); callee != nil {
							p.sites[callee] = append(p.sites[callee], CallSite{Call: n, Scope: sc, Callee: callee, Bound: bound})
						}
					}
					return true
				})
			}
		}
		p.indexing--
	}
	return p.sites[fn]
}

// Arg is an argument expression and the scope it is evaluated in.
type Arg struct {
	Node  *pyast.Node
	Scope *Scope
}

// Arguments returns what the project's call sites pass for the parameter
// that the identifier n denotes; nil when n is no parameter of its
// function.
func (s *Scope) Arguments(n *pyast.Node) []Arg {
	if n == nil || n.Type() != "identifier" || s.fn == nil || s.file.project == nil {
		return nil
	}
	b, sc := s.lookup(s.file.Text(n), n.StartByte())
	if b == nil || b.param == nil || sc != s {
		return nil
	}
	var out []Arg
	for _, site := range s.file.project.CallSites(s.fn) {
		if arg := site.Arg(s.file.Text(n)); arg != nil {
			out = append(out, Arg{arg, site.Scope})
		}
	}
	return out
}
