package pyfile

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// collectImports maps each name that an import statement binds to the
// qualified name it stands for.
func collectImports(f *File) map[string]string {
	imports := make(map[string]string)
	Walk(f.Root, func(n *pyast.Node) bool {
		switch n.Type() {
		case "import_statement":
			for i := 0; i < int(n.NamedChildCount()); i++ {
				c := n.NamedChild(i)
				switch c.Type() {
				case "dotted_name": // import a.b binds a
					name := f.Text(c)
					first, _, _ := strings.Cut(name, ".")
					imports[first] = first
				case "aliased_import": // import a.b as c binds c to a.b
					imports[f.Text(c.ChildByFieldName("alias"))] = f.Text(c.ChildByFieldName("name"))
				}
			}
			return false
		case "import_from_statement":
			module := f.Text(n.ChildByFieldName("module_name"))
			for i := 0; i < int(n.NamedChildCount()); i++ {
				c := n.NamedChild(i)
				if c.Equal(n.ChildByFieldName("module_name")) {
					continue
				}
				switch c.Type() {
				case "dotted_name":
					imports[f.Text(c)] = module + "." + f.Text(c)
				case "aliased_import":
					imports[f.Text(c.ChildByFieldName("alias"))] = module + "." + f.Text(c.ChildByFieldName("name"))
				}
			}
			return false
		}
		return true
	})
	return imports
}

// Qualified resolves a name or attribute chain through the imports:
// `ClientError` after `from botocore.exceptions import ClientError` gives
// "botocore.exceptions.ClientError", `b3.client` after `import boto3 as
// b3` gives "boto3.client". It returns "" for names not imported.
func (f *File) Qualified(n *pyast.Node) string {
	if n == nil {
		return ""
	}
	switch n.Type() {
	case "identifier":
		return f.Imports[f.Text(n)]
	case "attribute":
		base := f.Qualified(n.ChildByFieldName("object"))
		if base == "" {
			return ""
		}
		return base + "." + f.Text(n.ChildByFieldName("attribute"))
	}
	return ""
}
