package pyfile

import (
	"regexp"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// dottedName matches a module path written as a string.
var dottedName = regexp.MustCompile(`^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$`)

// collectImports maps each name that an import statement binds to the
// qualified name it stands for, and records in f.ImportPaths every dotted
// name an import statement reaches.
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
					f.ImportPaths = append(f.ImportPaths, name)
				case "aliased_import": // import a.b as c binds c to a.b
					imports[f.Text(c.ChildByFieldName("alias"))] = f.Text(c.ChildByFieldName("name"))
					f.ImportPaths = append(f.ImportPaths, f.Text(c.ChildByFieldName("name")))
				}
			}
			return false
		case "call":
			// app.config.from_object("app.settings"), importlib.import_module("app.x"):
			// a module named by a string is imported too.
			fn := n.ChildByFieldName("function")
			if fn != nil && fn.Type() == "attribute" {
				switch f.Text(fn.ChildByFieldName("attribute")) {
				case "from_object", "import_module":
					if args := n.ChildByFieldName("arguments"); args != nil && args.NamedChildCount() > 0 {
						if a := args.NamedChild(0); a.Type() == "string" && a.NamedChildCount() == 3 {
							if name := f.Text(a.NamedChild(1)); dottedName.MatchString(name) {
								f.ImportPaths = append(f.ImportPaths, name)
							}
						}
					}
				}
			}
			return true
		case "import_from_statement":
			module := f.Text(n.ChildByFieldName("module_name"))
			prefix := module + "."
			if strings.HasSuffix(module, ".") { // from . import x, from .. import y
				prefix = module
			}
			for i := 0; i < int(n.NamedChildCount()); i++ {
				c := n.NamedChild(i)
				if c.Equal(n.ChildByFieldName("module_name")) {
					continue
				}
				switch c.Type() {
				case "dotted_name":
					imports[f.Text(c)] = prefix + f.Text(c)
					f.ImportPaths = append(f.ImportPaths, prefix+f.Text(c))
				case "aliased_import":
					imports[f.Text(c.ChildByFieldName("alias"))] = prefix + f.Text(c.ChildByFieldName("name"))
					f.ImportPaths = append(f.ImportPaths, prefix+f.Text(c.ChildByFieldName("name")))
				case "wildcard_import": // from a import *
					f.ImportPaths = append(f.ImportPaths, module)
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
