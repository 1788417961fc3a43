package pyfile

import (
	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// Class is a class definition of the project.
type Class struct {
	File *File
	Node *pyast.Node

	methods   map[string]*Func
	bases     []*Class
	external  []string // qualified names of library bases (redis.Redis)
	basesDone bool
	attrs     map[string]*binding // attribute values, computed once each
	kind      *binding
}

// ClassAt returns the class of the definition node def.
func (f *File) ClassAt(def *pyast.Node) *Class {
	if f.classAt == nil {
		f.classAt = make(map[int]*Class)
	}
	if c, ok := f.classAt[def.Index()]; ok {
		return c
	}
	c := &Class{File: f, Node: def, methods: make(map[string]*Func), attrs: make(map[string]*binding)}
	f.classAt[def.Index()] = c
	if body := def.ChildByFieldName("body"); body != nil {
		for _, st := range body.NamedChildren() {
			if st.Type() == "decorated_definition" {
				st = st.ChildByFieldName("definition")
			}
			if st != nil && st.Type() == "function_definition" {
				if fn := f.FuncAt(st); fn != nil {
					c.methods[fn.Name()] = fn
				}
			}
		}
	}
	return c
}

// Name returns the class's name.
func (c *Class) Name() string { return c.File.Text(c.Node.ChildByFieldName("name")) }

// Bases returns the project classes c derives from, in order.
func (c *Class) Bases() []*Class {
	c.resolveBases()
	return c.bases
}

func (c *Class) resolveBases() {
	if c.basesDone {
		return
	}
	c.basesDone = true
	sup := c.Node.ChildByFieldName("superclasses")
	if sup == nil {
		return
	}
	sc := c.File.scopeAround(c.Node)
	for _, b := range sup.NamedChildren() {
		if b.Type() == "keyword_argument" {
			continue
		}
		d := sc.Resolve(b)
		switch {
		case d.Class != nil && d.Class != c:
			c.bases = append(c.bases, d.Class)
		case d.Qualified != "":
			c.external = append(c.external, d.Qualified)
		}
	}
}

// ClientKind returns the kind of datastore client the class is, when it
// derives from one (class Cache(redis.Redis)), or Unknown.
func (c *Class) ClientKind() Kind {
	if c.kind == nil {
		c.kind = &binding{}
	}
	switch c.kind.state {
	case 1:
		return Unknown
	case 2:
		return c.kind.val.Kind
	}
	c.kind.state = 1
	k := Unknown
	c.resolveBases()
	for _, q := range c.external {
		if k = clientAnnotation(q); k != Unknown {
			break
		}
	}
	for _, b := range c.bases {
		if k != Unknown {
			break
		}
		k = b.ClientKind()
	}
	c.kind.val, c.kind.state = Value{Kind: k}, 2
	return k
}

// Method returns the method name of c or of its bases, depth first.
func (c *Class) Method(name string) *Func {
	return c.method(name, 0)
}

func (c *Class) method(name string, depth int) *Func {
	if m := c.methods[name]; m != nil {
		return m
	}
	if depth > 16 {
		return nil
	}
	for _, b := range c.Bases() {
		if m := b.method(name, depth+1); m != nil {
			return m
		}
	}
	return nil
}

// classAttr returns the class-body assignment of name, of c or its
// bases: `table = dynamodb.Table("quotas")`.
func (c *Class) classAttr(name string) Def {
	for cl, depth := c, 0; cl != nil && depth < 16; depth++ {
		if body := cl.Node.ChildByFieldName("body"); body != nil {
			for _, st := range body.NamedChildren() {
				if st.Type() != "expression_statement" || st.NamedChildCount() == 0 {
					continue
				}
				a := st.NamedChild(0)
				if a.Type() != "assignment" {
					continue
				}
				left := a.ChildByFieldName("left")
				if left != nil && left.Type() == "identifier" && cl.File.Text(left) == name {
					if right := a.ChildByFieldName("right"); right != nil {
						return Def{Node: right, Scope: cl.File.scopeAround(cl.Node)}
					}
					if t := a.ChildByFieldName("type"); t != nil {
						return Def{Node: t, Scope: cl.File.scopeAround(cl.Node)}
					}
				}
			}
		}
		bases := cl.Bases()
		if len(bases) == 0 {
			break
		}
		cl = bases[0]
	}
	return Def{}
}

// AttrValue returns the value of the instance attribute name: what the
// methods assign to self.name, a class-body value or annotation (a
// dataclass field), or what a @property returns; from c or its bases.
func (c *Class) AttrValue(name string) Value {
	b := c.attrs[name]
	if b == nil {
		b = &binding{}
		c.attrs[name] = b
	}
	switch b.state {
	case 1:
		return Value{}
	case 2:
		return b.val
	}
	b.state = 1
	v := c.attrValue(name, 0)
	if p := c.File.project; p != nil && p.indexing > 0 {
		b.state = 0
		return v
	}
	b.val, b.state = v, 2
	return v
}

func (c *Class) attrValue(name string, depth int) Value {
	if m := c.methods[name]; m != nil && m.decorated("property", "cached_property") {
		return m.ReturnValue()
	}
	for _, m := range c.methods {
		if v := m.selfStore(name); v.known() {
			return v
		}
	}
	if d := c.classAttr(name); d.Node != nil {
		if d.Node.Type() == "type" {
			if v := d.Scope.annotationValue(d.Node); v.known() {
				return v
			}
		} else if v := d.Scope.ValueOf(d.Node); v.known() {
			return v
		}
	}
	if depth < 16 {
		for _, base := range c.Bases() {
			if v := base.attrValue(name, depth+1); v.known() {
				return v
			}
		}
	}
	return Value{}
}

// selfStore returns the value a method assigns to self.name, if it does.
func (fn *Func) selfStore(name string) Value {
	self := fn.selfParam()
	if self == "" || fn.isClassMethod() {
		return Value{}
	}
	var out Value
	Walk(fn.Body(), func(n *pyast.Node) bool {
		if out.known() {
			return false
		}
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "assignment":
			left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
			if left == nil || left.Type() != "attribute" || fn.File.Text(left.ChildByFieldName("attribute")) != name {
				return true
			}
			if obj := left.ChildByFieldName("object"); obj.Type() != "identifier" || fn.File.Text(obj) != self {
				return true
			}
			if right != nil {
				out = fn.Scope.ValueOf(right)
			}
			if !out.known() {
				out = fn.Scope.annotationValue(n.ChildByFieldName("type"))
			}
		}
		return true
	})
	return out
}

// Derives reports whether c derives, directly or through project
// classes, from the library class q (pydantic.BaseModel).
func (c *Class) Derives(q string) bool { return c.derives(q, 0) }

func (c *Class) derives(q string, depth int) bool {
	c.resolveBases()
	for _, e := range c.external {
		if e == q {
			return true
		}
	}
	if depth > 16 {
		return false
	}
	for _, b := range c.bases {
		if b.derives(q, depth+1) {
			return true
		}
	}
	return false
}

// AttrNode returns the expression first assigned to the instance
// attribute name in a method of c or of its bases (self.hits = {}), or the
// class-body value; nil when there is none.
func (c *Class) AttrNode(name string) *pyast.Node {
	for cl, depth := c, 0; cl != nil && depth < 16; depth++ {
		for _, m := range cl.methods {
			if v := m.selfStoreNode(name); v != nil {
				return v
			}
		}
		if d := cl.classAttr(name); d.Node != nil && d.Node.Type() != "type" {
			return d.Node
		}
		bases := cl.Bases()
		if len(bases) == 0 {
			break
		}
		cl = bases[0]
	}
	return nil
}

// selfStoreNode returns the expression a method assigns to self.name.
func (fn *Func) selfStoreNode(name string) *pyast.Node {
	self := fn.selfParam()
	if self == "" || fn.isClassMethod() {
		return nil
	}
	var out *pyast.Node
	Walk(fn.Body(), func(n *pyast.Node) bool {
		if out != nil {
			return false
		}
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "assignment":
			left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
			if left != nil && right != nil && left.Type() == "attribute" && left.ChildByFieldName("attribute").Text() == name {
				if obj := left.ChildByFieldName("object"); obj.Type() == "identifier" && obj.Text() == self {
					out = right
				}
			}
		}
		return out == nil
	})
	return out
}

// Instantiated reports whether the project builds an instance of c in
// module-level code (a module-level limiter = Limiter()).
func (c *Class) Instantiated() bool {
	p := c.File.project
	if p == nil {
		return false
	}
	return p.Memo("pyfile.instantiated", func() any {
		// one pass over the module-level bindings of the project, not one
		// per class asked about
		built := make(map[*Class]bool)
		for _, f := range p.order {
			m := f.Module()
			for _, bs := range m.bindings {
				for _, b := range bs {
					if b.value != nil && b.value.Type() == "call" {
						if k := m.Resolve(b.value.ChildByFieldName("function")).Class; k != nil {
							built[k] = true
						}
					}
				}
			}
		}
		return built
	}).(map[*Class]bool)[c]
}
