// Package pyfile parses a Python file with tree-sitter and builds the
// small model the Python rules run on: imports and their aliases, what each
// name is bound to (a DynamoDB table, a redis client, a SQL cursor or
// session), the functions in order, string values of literals, and the
// datastore calls the rules look at.
package pyfile

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/finding"
)

// File is a parsed Python file.
type File struct {
	Path string
	Src  []byte
	Root *pyast.Node
	// Imports maps each local name an import binds to the qualified name
	// it stands for ("ClientError" -> "botocore.exceptions.ClientError");
	// relative imports keep their dots (".redis.client").
	Imports map[string]string
	// ImportPaths lists every dotted name the file's import statements
	// reach: "app.core.redis" for import app.core.redis, "app.core.x"
	// for from app.core import x, ".x" for from . import x.
	ImportPaths []string
	tree        *pyast.Tree
	module      *Scope
	// class429 caches which classes of the file answer 429.
	class429 map[string]bool
	funcs    []*Func
	funcAt   map[int]*Func         // by definition node index
	classAt  map[int]*Class        // by definition node index
	shared   []sharedStore         // assignments to application state
	values   map[*pyast.Node]Value // what calls, attributes and subscripts evaluate to
	memo     map[string]any
	abs      string         // absolute path, in a project
	project  *Project       // the project, nil for a file on its own
	config   *config.Config // the configuration that governs the file, nil for the default
}

// ErrNotText is returned for input that is not Python source text.
var ErrNotText = errors.New("not a text file")

// Parse parses src. It fails only for input that is not text (a NUL
// byte, or bytes that are neither UTF-8 nor the encoding the file declares
// under PEP 263, which is decoded); syntax errors leave ERROR nodes in the
// tree, reported by SyntaxError. Except clauses in Python 3.14's
// unparenthesized form are read as parenthesized.
func Parse(path string, src []byte) (*File, error) {
	head := src
	if len(head) > 8<<10 {
		head = head[:8<<10]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, fmt.Errorf("%w: it contains NUL bytes", ErrNotText)
	}
	src, err := decodeSource(src)
	if err != nil {
		return nil, err
	}
	// Python 3.14 reads except A, B: as a tuple; the grammar would read a
	// pair as Python 2's except A as B, and three names as an error.
	src, _ = parenthesizeExcepts(src)
	tree, err := pyast.Parse(src)
	if err != nil {
		return nil, err
	}
	f := &File{Path: path, Src: src, Root: tree.Root(), tree: tree}
	f.Imports = collectImports(f)
	return f, nil
}

// SyntaxError returns the first line with a syntax error, or 0.
func (f *File) SyntaxError() int { return firstErrorLine(f.Root) }

// firstErrorLine returns the first line under root with a syntax error,
// or 0.
func firstErrorLine(root *pyast.Node) int {
	if !root.HasError() {
		return 0
	}
	var first func(n *pyast.Node) int
	first = func(n *pyast.Node) int {
		if n.IsError() || n.IsMissing() {
			return int(n.StartPoint().Row) + 1
		}
		for i := 0; i < int(n.ChildCount()); i++ { // missing tokens are anonymous
			if c := n.Child(i); c.HasError() || c.IsMissing() {
				if line := first(c); line > 0 {
					return line
				}
			}
		}
		return 0
	}
	return first(root)
}

// Text returns the source text of n, a node of f or of another file of
// the project.
func (f *File) Text(n *pyast.Node) string {
	if n == nil {
		return ""
	}
	return n.Text()
}

// Location returns n's range with character columns.
func (f *File) Location(n *pyast.Node) finding.Location {
	return finding.Location{Path: f.Path, Start: f.position(n.StartPoint()), End: f.position(n.EndPoint())}
}

func (f *File) position(p pyast.Point) finding.Position {
	col := finding.CharColumn(f.tree.Line(int(p.Row)), int(p.Column)+1)
	return finding.Position{Line: int(p.Row) + 1, Column: col}
}

// Walk visits n and its descendants depth-first, in source order, while
// visit returns true for the node's children.
func Walk(n *pyast.Node, visit func(*pyast.Node) bool) {
	if n == nil || !visit(n) {
		return
	}
	for i := 0; i < int(n.NamedChildCount()); i++ {
		Walk(n.NamedChild(i), visit)
	}
}

// Module returns the module-level scope.
func (f *File) Module() *Scope {
	if f.module == nil {
		f.module = newScope(f, nil, f.Root)
	}
	return f.module
}

// Project returns the project f belongs to, or nil.
func (f *File) Project() *Project { return f.project }

// Keyword returns the value of call's keyword argument name, or nil.
func (f *File) Keyword(call *pyast.Node, name string) *pyast.Node {
	args := call.ChildByFieldName("arguments")
	for i := 0; args != nil && i < int(args.NamedChildCount()); i++ {
		a := args.NamedChild(i)
		if a.Type() == "keyword_argument" && f.Text(a.ChildByFieldName("name")) == name {
			return a.ChildByFieldName("value")
		}
	}
	return nil
}

// Enclosing returns the innermost function definition around n, or nil.
func Enclosing(n *pyast.Node) *pyast.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == "function_definition" {
			return p
		}
	}
	return nil
}

// Memo returns the value build computes for key, building it once per
// file: rules share file-wide analyses through it. Rules of one file run
// one after the other, so it needs no lock.
func (f *File) Memo(key string, build func() any) any {
	if v, ok := f.memo[key]; ok {
		return v
	}
	if f.memo == nil {
		f.memo = make(map[string]any)
	}
	v := build()
	f.memo[key] = v
	return v
}
