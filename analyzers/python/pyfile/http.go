package pyfile

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// Mentions429 reports whether n answers "too many requests": it contains
// the literal 429, a TOO_MANY_REQUESTS constant (status.HTTP_429_TOO_MANY_REQUESTS,
// HTTPStatus.TOO_MANY_REQUESTS), or calls a class defined in this file
// whose body does.
func (f *File) Mentions429(n *pyast.Node) bool {
	found := false
	Walk(n, func(m *pyast.Node) bool {
		if found {
			return false
		}
		switch m.Type() {
		case "integer":
			found = f.Text(m) == "429"
		case "identifier":
			name := f.Text(m)
			found = strings.Contains(name, "TOO_MANY_REQUESTS") || f.classIs429(name)
		}
		return !found
	})
	return found
}

// classIs429 reports whether name is a class defined in this file whose
// definition mentions 429.
func (f *File) classIs429(name string) bool {
	if f.class429 == nil {
		f.class429 = make(map[string]bool)
		Walk(f.Root, func(n *pyast.Node) bool {
			if n.Type() == "class_definition" {
				cls := f.Text(n.ChildByFieldName("name"))
				body := n.ChildByFieldName("body")
				f.class429[cls] = false // guards recursion through the class's own name
				f.class429[cls] = f.Mentions429(body)
			}
			return true
		})
	}
	return f.class429[name]
}
