package pyfile

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
	"github.com/rlcheck/rlcheck/internal/config"
)

// SetConfig gives the file the configuration that governs it: the
// wrappers and limiters it declares are read as counter operations and
// limit decisions (DeclaredCall). nil is the default configuration.
func (f *File) SetConfig(c *config.Config) { f.config = c }

// Config returns the configuration that governs the file, never nil.
func (f *File) Config() *config.Config {
	if f.config == nil {
		return config.Default()
	}
	return f.config
}

// declaresMethodsOf reports whether the configuration declares a wrapper
// or limiter that is a method of the library class dotted names, so that
// instances of the class are worth remembering.
func (f *File) declaresMethodsOf(class string) bool {
	c := f.config
	if c == nil {
		return false
	}
	for _, w := range c.Wrappers {
		if w.Python != "" && strings.HasPrefix(w.Python, class+".") {
			return true
		}
	}
	for _, l := range c.Limiters.Python {
		if strings.HasPrefix(l, class+".") {
			return true
		}
	}
	return c.Limiters.IsPythonLimiter(class) // a class of a declared limiter module
}

// DeclaredLimiter reports whether n (a decorator, a dependency, a
// middleware class, a function) is one the configuration declares as a
// limiter or as a wrapper that decides a limit.
func (s *Scope) DeclaredLimiter(n *pyast.Node) bool {
	c := s.file.config
	if c == nil || n == nil || (len(c.Wrappers) == 0 && len(c.Limiters.Python) == 0) {
		return false
	}
	name := s.calledName(n)
	if name == "" {
		return false
	}
	if w, ok := c.PythonWrapper(name); ok {
		return w.Op == config.OpDecide
	}
	return c.Limiters.IsPythonLimiter(name)
}

// declaredMethods maps a declared operation to the redis command whose
// semantics it has for the rules.
var declaredMethods = map[config.Op]string{
	config.OpRead:      "get",
	config.OpWrite:     "set",
	config.OpIncrement: "incr",
	config.OpDecide:    "decide",
}

// declaredCall returns call n of function expression fn as a Declared
// operation when the configuration declares what it calls: a wrapper
// (with its key argument moved first, as a redis command's key is) or a
// limiter (a decision without a key).
func (s *Scope) declaredCall(n, fn *pyast.Node) (*Call, bool) {
	c := s.file.config
	if c == nil || (len(c.Wrappers) == 0 && len(c.Limiters.Python) == 0) {
		return nil, false
	}
	name := s.calledName(fn)
	if name == "" {
		return nil, false
	}
	w, ok := c.PythonWrapper(name)
	if !ok {
		if !c.Limiters.IsPythonLimiter(name) {
			return nil, false
		}
		w = config.Wrapper{Python: name, Op: config.OpDecide, Key: -1}
	}
	call := &Call{Node: n, Recv: Declared, Method: declaredMethods[w.Op], Declared: name,
		Kwargs: make(map[string]*pyast.Node), Scope: s, sql: &sqlCache{}}
	var args []*pyast.Node
	if list := n.ChildByFieldName("arguments"); list != nil {
		for i := 0; i < int(list.NamedChildCount()); i++ {
			a := list.NamedChild(i)
			switch a.Type() {
			case "keyword_argument":
				call.Kwargs[s.file.Text(a.ChildByFieldName("name"))] = a.ChildByFieldName("value")
			case "list_splat", "dictionary_splat":
				call.Splat = true
			case "comment":
			default:
				args = append(args, a)
			}
		}
	}
	var key *pyast.Node
	switch {
	case w.Key >= 0 && w.Key < len(args):
		key = args[w.Key]
		args = append(append([]*pyast.Node{key}, args[:w.Key]...), args[w.Key+1:]...)
	case w.KeyName != "" && call.Kwargs[w.KeyName] != nil:
		key = call.Kwargs[w.KeyName]
		args = append([]*pyast.Node{key}, args...)
	case w.Op != config.OpDecide:
		return nil, false // the key is not passed where the declaration says: not this operation
	}
	call.Args = args
	return call, true
}

// calledName returns the dotted name of what the function expression fn
// calls, as a declaration names it: a library function (acme.store.incr),
// a method of a library class instance (acme.store.Counter.incr), or a
// function or method of the project under the module name it is imported
// by (app.limits.check, app.limits.Limiter.check).
func (s *Scope) calledName(fn *pyast.Node) string {
	d := s.Resolve(fn)
	switch {
	case d.Func != nil:
		if mod := s.moduleNameOf(d.Func.File); mod != "" {
			return mod + "." + d.Func.QualName()
		}
		return ""
	case d.Qualified != "":
		return d.Qualified
	}
	if fn.Type() != "attribute" {
		return ""
	}
	recv := s.ValueOf(fn.ChildByFieldName("object"))
	method := s.file.Text(fn.ChildByFieldName("attribute"))
	switch {
	case recv.Ext != "":
		return recv.Ext + "." + method
	case recv.Class != nil:
		if m := recv.Class.Method(method); m != nil {
			if mod := s.moduleNameOf(m.File); mod != "" {
				return mod + "." + m.QualName()
			}
		}
	}
	return ""
}

// moduleNameOf returns the dotted name of the project module target as
// the declarations name it: the name one of the configured wrappers or
// limiters uses that resolves to target from this file, else "".
func (s *Scope) moduleNameOf(target *File) string {
	p := s.file.project
	c := s.file.config
	if p == nil || c == nil || target == nil {
		return ""
	}
	names := make([]string, 0, len(c.Wrappers)+len(c.Limiters.Python))
	for _, w := range c.Wrappers {
		if w.Python != "" {
			names = append(names, w.Python)
		}
	}
	names = append(names, c.Limiters.Python...)
	for _, n := range names {
		// every dotted prefix of the declared name may be the module
		for i := strings.LastIndexByte(n, '.'); i > 0; i = strings.LastIndexByte(n[:i], '.') {
			if p.index.Resolve(s.file.abs, n[:i]) == target.abs {
				return n[:i]
			}
		}
		if p.index.Resolve(s.file.abs, n) == target.abs {
			return n // a declared module: every function in it
		}
	}
	return ""
}
