package pyfile

import "github.com/rlcheck/rlcheck/analyzers/python/pyast"

// djangoSettingNames are the Django settings the rules read: the caches
// that throttles count in, Django REST framework's throttling, the cache
// django-ratelimit uses, and the installed apps that mark a settings
// module.
var djangoSettingNames = map[string]bool{"CACHES": true, "REST_FRAMEWORK": true, "RATELIMIT_USE_CACHE": true, "INSTALLED_APPS": true}

// DjangoSettings reports whether the file assigns a Django setting the
// rules read at module level (a settings module, which imports no
// library the rules judge).
func (f *File) DjangoSettings() bool {
	for name := range djangoSettingNames {
		if len(f.ModuleAssignments(name)) > 0 {
			return true
		}
	}
	return false
}

// ModuleAssignments returns the values assigned to name by the module's
// own statements (name = value at the top level, or in a top-level if or
// try block), in source order.
func (f *File) ModuleAssignments(name string) []*pyast.Node {
	var out []*pyast.Node
	var visit func(block *pyast.Node, depth int)
	visit = func(block *pyast.Node, depth int) {
		for _, st := range block.NamedChildren() {
			switch st.Type() {
			case "expression_statement":
				a := st.NamedChild(0)
				if a != nil && a.Type() == "assignment" && f.Text(a.ChildByFieldName("left")) == name && a.ChildByFieldName("right") != nil {
					out = append(out, a.ChildByFieldName("right"))
				}
			case "if_statement", "try_statement", "else_clause", "elif_clause", "except_clause", "finally_clause", "block":
				if depth < 3 {
					visit(st, depth+1)
				}
			}
		}
	}
	visit(f.Root, 0)
	return out
}
