package pyfile

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// Def is what a name stands for: a value (an expression evaluated in its
// scope), a function, a class, a module of the project, or a name from a
// library outside the project. The zero Def stands for nothing known.
type Def struct {
	Node      *pyast.Node // the value expression, for values
	Scope     *Scope      // the scope Node is evaluated in
	Func      *Func
	Class     *Class
	Module    *File  // a module of the project
	Qualified string // a library name ("redis.Redis"), for names outside the project
	Name      string // the name a value is bound to where it is defined

	bind *binding // the binding of a value, whose evaluation is remembered
}

// Resolve returns what the name or attribute chain n stands for.
func (s *Scope) Resolve(n *pyast.Node) Def { return s.resolve(n, 0) }

// maxResolve bounds the chain of aliases Resolve follows.
const maxResolve = 32

func (s *Scope) resolve(n *pyast.Node, depth int) Def {
	if n == nil || depth > maxResolve {
		return Def{}
	}
	switch n.Type() {
	case "identifier":
		name := s.file.Text(n)
		if b, sc := s.lookup(name, n.StartByte()); b != nil {
			switch {
			case b.def != nil && b.def.Type() == "function_definition":
				return Def{Func: s.file.FuncAt(b.def)}
			case b.def != nil:
				return Def{Class: s.file.ClassAt(b.def)}
			case b.param != nil:
				return Def{}
			case b.value != nil:
				// an alias of a function or class: get = get_redis
				if b.value.Type() == "identifier" || b.value.Type() == "attribute" {
					if d := sc.resolve(b.value, depth+1); d.Func != nil || d.Class != nil || d.Module != nil {
						return d
					}
				}
				return Def{Node: b.value, Scope: sc, Name: name, bind: b}
			}
			return Def{}
		}
		if q, ok := s.file.Imports[name]; ok {
			return s.file.resolveQualified(q)
		}
	case "attribute":
		obj := n.ChildByFieldName("object")
		attr := s.file.Text(n.ChildByFieldName("attribute"))
		d := s.resolve(obj, depth+1)
		switch {
		case d.Module != nil || d.Class != nil:
			return d.member(attr)
		case d.Qualified != "":
			return s.file.resolveQualified(d.Qualified + "." + attr)
		}
		// a method of an instance: self.check, limiter.check
		if c := s.ValueOf(obj).Class; c != nil {
			if m := c.Method(attr); m != nil {
				return Def{Func: m}
			}
		}
	case "call": // super().method resolves through the call's value
	}
	return Def{}
}

// member returns the attribute attr of a module or class.
func (d Def) member(attr string) Def {
	switch {
	case d.Module != nil:
		return d.Module.memberDef(attr)
	case d.Class != nil:
		if m := d.Class.Method(attr); m != nil {
			return Def{Func: m}
		}
		if v := d.Class.classAttr(attr); v.Node != nil {
			return v
		}
	}
	return Def{}
}

// memberDef returns the module-level definition of name in f: a
// function, class or value, or what an import there binds (a re-export),
// or a submodule of a package.
func (f *File) memberDef(name string) Def {
	if b := f.Module().lookupLast(name); b != nil {
		switch {
		case b.def != nil && b.def.Type() == "function_definition":
			return Def{Func: f.FuncAt(b.def)}
		case b.def != nil:
			return Def{Class: f.ClassAt(b.def)}
		case b.value != nil:
			if b.value.Type() == "identifier" || b.value.Type() == "attribute" {
				if d := f.Module().Resolve(b.value); d.Func != nil || d.Class != nil || d.Module != nil {
					return d
				}
			}
			return Def{Node: b.value, Scope: f.Module(), Name: name, bind: b}
		}
	}
	if q, ok := f.Imports[name]; ok {
		return f.resolveQualified(q)
	}
	if f.project != nil && strings.HasSuffix(f.abs, "__init__.py") {
		if path := f.project.index.ResolveRelative(f.abs, 1, name); path != "" {
			if m := f.project.files[path]; m != nil {
				return Def{Module: m}
			}
		}
	}
	return Def{}
}

// resolveQualified resolves a qualified name as imported by f: a module
// of the project and a path of attributes in it, or a library name.
func (f *File) resolveQualified(q string) Def {
	p := f.project
	if p == nil {
		if strings.HasPrefix(q, ".") {
			return Def{}
		}
		return Def{Qualified: q}
	}
	// What a name stands for does not depend on what call sites pass, so
	// it is remembered even while the call sites are being indexed.
	k := qualifiedQ{f, q}
	if d, ok := p.defs[k]; ok {
		return d
	}
	if p.active[k] {
		return Def{}
	}
	p.active[k] = true
	d := f.resolveQualifiedOnce(q)
	delete(p.active, k)
	p.defs[k] = d
	return d
}

type qualifiedQ struct {
	f *File
	q string
}

func (f *File) resolveQualifiedOnce(q string) Def {
	p := f.project
	level := 0
	for level < len(q) && q[level] == '.' {
		level++
	}
	rest := q[level:]
	var parts []string
	if rest != "" {
		parts = strings.Split(rest, ".")
	}
	// The longest prefix that names a module of the project; the rest
	// are attributes of it.
	for i := len(parts); i >= 0; i-- {
		if i == 0 && level == 0 {
			break
		}
		var path string
		if level > 0 {
			path = p.index.ResolveRelative(f.abs, level, strings.Join(parts[:i], "."))
		} else {
			path = p.index.Resolve(f.abs, strings.Join(parts[:i], "."))
		}
		if path == "" {
			continue
		}
		m := p.files[path]
		if m == nil {
			return Def{} // a project module left out of the model: nothing known
		}
		d := Def{Module: m}
		for _, attr := range parts[i:] {
			if d = d.member(attr); d.Module == nil && d.Class == nil && d.Func == nil && d.Node == nil {
				return Def{}
			}
		}
		return d
	}
	if level > 0 {
		return Def{}
	}
	return Def{Qualified: q}
}

// defValue evaluates a definition.
func (f *File) defValue(d Def) Value {
	switch {
	case d.bind != nil:
		return d.Scope.bindingValue(d.bind, d.Name)
	case d.Node != nil && d.Scope != nil:
		return d.Scope.ValueOf(d.Node)
	case d.Qualified != "":
		return libraryValue(d.Qualified)
	}
	return Value{}
}

// sharedAttrKey names an attribute of application-wide state that one
// place sets and request code reads: app.state.redis (Starlette/FastAPI,
// also request.app.state.redis) and flask.g.redis give "state.redis" and
// "g.redis"; "" for anything else.
func sharedAttrKey(f *File, n *pyast.Node) string {
	obj := n.ChildByFieldName("object")
	attr := f.Text(n.ChildByFieldName("attribute"))
	switch {
	case obj.Type() == "attribute" && f.Text(obj.ChildByFieldName("attribute")) == "state":
		return "state." + attr
	case obj.Type() == "identifier" && (f.Qualified(obj) == "flask.g" || f.Qualified(obj) == "quart.g"):
		return "g." + attr
	}
	return ""
}

// sharedValue evaluates application state stored under key anywhere in
// the project: app.state.redis = redis.from_url(...) in a startup hook.
func (p *Project) sharedValue(key string) Value {
	return remember(p, sharedQ(key), Value{}, func() Value {
		for _, f := range p.order {
			for _, st := range f.sharedStores() {
				if st.key == key {
					if v := st.scope.ValueOf(st.value); v.known() {
						return v
					}
				}
			}
		}
		return Value{}
	})
}

type sharedQ string

// sharedStore is an assignment to application state.
type sharedStore struct {
	key   string
	value *pyast.Node
	scope *Scope
}

// sharedStores returns the file's assignments to application state,
// found once.
func (f *File) sharedStores() []sharedStore {
	if f.shared == nil {
		f.shared = []sharedStore{}
		for _, sc := range append([]*Scope{f.Module()}, f.scopes()...) {
			body := sc.owner
			if body.Type() == "function_definition" {
				body = body.ChildByFieldName("body")
			}
			Walk(body, func(n *pyast.Node) bool {
				switch n.Type() {
				case "function_definition", "class_definition", "lambda":
					return n == body
				case "assignment":
					if left := n.ChildByFieldName("left"); left != nil && left.Type() == "attribute" {
						if key := sharedAttrKey(f, left); key != "" && n.ChildByFieldName("right") != nil {
							f.shared = append(f.shared, sharedStore{key, n.ChildByFieldName("right"), sc})
						}
					}
				}
				return true
			})
		}
	}
	return f.shared
}
