package pyfile

import "github.com/rlcheck/rlcheck/analyzers/python/pyast"

// djangoSettingNames are the Django settings the rules read: the caches
// that throttles count in, Django REST framework's throttling, the cache
// django-ratelimit uses, and the installed apps that mark a settings
// module.
var djangoSettingNames = map[string]bool{"CACHES": true, "REST_FRAMEWORK": true, "RATELIMIT_USE_CACHE": true, "INSTALLED_APPS": true}

// DjangoSettings reports whether the file assigns a Django setting the
// rules read at module level (a settings module, which imports no
// library the rules judge). It walks the module's statements once.
func (f *File) DjangoSettings() bool {
	found := false
	f.moduleAssignments(func(name string, _ *pyast.Node) bool {
		found = djangoSettingNames[name]
		return !found
	})
	return found
}

// ModuleAssignments returns the values assigned to name by the module's
// own statements (name = value at the top level, or in a top-level if or
// try block), in source order.
func (f *File) ModuleAssignments(name string) []*pyast.Node {
	var out []*pyast.Node
	f.moduleAssignments(func(target string, value *pyast.Node) bool {
		if target == name {
			out = append(out, value)
		}
		return true
	})
	return out
}

// moduleAssignments calls visit with the target and value of each
// name = value statement of the module's own code, in source order, until
// visit returns false.
func (f *File) moduleAssignments(visit func(name string, value *pyast.Node) bool) {
	var walk func(block *pyast.Node, depth int) bool
	walk = func(block *pyast.Node, depth int) bool {
		for _, st := range block.NamedChildren() {
			switch st.Type() {
			case "expression_statement":
				a := st.NamedChild(0)
				if a == nil || a.Type() != "assignment" {
					continue
				}
				left, right := a.ChildByFieldName("left"), a.ChildByFieldName("right")
				if left != nil && left.Type() == "identifier" && right != nil && !visit(f.Text(left), right) {
					return false
				}
			case "if_statement", "try_statement", "else_clause", "elif_clause", "except_clause", "finally_clause", "block":
				if depth < 3 && !walk(st, depth+1) {
					return false
				}
			}
		}
		return true
	}
	walk(f.Root, 0)
}

// Setting is one module-level assignment of a Django setting.
type Setting struct {
	Value *pyast.Node
	Scope *Scope // the module scope Value is evaluated in
}

// Settings returns the assignments of the Django setting name (one of
// djangoSettingNames) in every module of f's project, or in f alone
// outside a project. The project's are collected once.
func (f *File) Settings(name string) []Setting {
	collect := func(files []*File) map[string][]Setting {
		out := make(map[string][]Setting)
		for _, g := range files {
			g.moduleAssignments(func(target string, value *pyast.Node) bool {
				if djangoSettingNames[target] {
					out[target] = append(out[target], Setting{Value: value, Scope: g.Module()})
				}
				return true
			})
		}
		return out
	}
	if f.project == nil {
		return collect([]*File{f})[name]
	}
	return f.project.Memo("pyfile.settings", func() any { return collect(f.project.order) }).(map[string][]Setting)[name]
}
