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
	"unicode/utf8"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/internal/finding"
)

// File is a parsed Python file.
type File struct {
	Path    string
	Src     []byte
	Root    *pyast.Node
	Imports map[string]string // local name -> qualified name ("ClientError" -> "botocore.exceptions.ClientError")
	lines   [][]byte
	tree    *pyast.Tree
	module  *Scope
	// class429 caches which classes of the file answer 429.
	class429 map[string]bool
	funcs    []*Func
	memo     map[string]any
	// selfAttrs caches, per class, the kinds of its self attributes.
	selfAttrs map[uint32]map[string]Kind
}

// ErrNotText is returned for input that is not Python source text.
var ErrNotText = errors.New("not a text file")

// Parse parses src. It fails only for input that is not text (a NUL byte
// or invalid UTF-8); syntax errors leave ERROR nodes in the tree, reported
// by SyntaxError.
func Parse(path string, src []byte) (*File, error) {
	head := src
	if len(head) > 8<<10 {
		head = head[:8<<10]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, fmt.Errorf("%w: it contains NUL bytes", ErrNotText)
	}
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("%w: it is not valid UTF-8", ErrNotText)
	}
	tree, err := pyast.Parse(src)
	if err != nil {
		return nil, err
	}
	f := &File{Path: path, Src: src, Root: tree.Root(), tree: tree, lines: bytes.Split(src, []byte("\n"))}
	f.Imports = collectImports(f)
	f.module = newScope(f, nil, f.Root)
	return f, nil
}

// SyntaxError returns the first line with a syntax error, or 0.
func (f *File) SyntaxError() int {
	if !f.Root.HasError() {
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
	return first(f.Root)
}

// Text returns the source text of n.
func (f *File) Text(n *pyast.Node) string {
	if n == nil {
		return ""
	}
	return n.Content(f.Src)
}

// Location returns n's range with character columns.
func (f *File) Location(n *pyast.Node) finding.Location {
	return finding.Location{Path: f.Path, Start: f.position(n.StartPoint()), End: f.position(n.EndPoint())}
}

func (f *File) position(p pyast.Point) finding.Position {
	row := int(p.Row)
	col := int(p.Column) + 1
	if row < len(f.lines) {
		col = finding.CharColumn(f.lines[row], col)
	}
	return finding.Position{Line: row + 1, Column: col}
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

// Functions returns every function definition of the file, in order. The
// list and each function's scope are built once and shared by the rules.
func (f *File) Functions() []*Func {
	if f.funcs == nil {
		f.funcs = []*Func{}
		Walk(f.Root, func(n *pyast.Node) bool {
			if n.Type() == "function_definition" {
				f.funcs = append(f.funcs, &Func{File: f, Node: n, Scope: newScope(f, f.module, n)})
			}
			return true
		})
	}
	return f.funcs
}

// Module returns the module-level scope.
func (f *File) Module() *Scope { return f.module }

// Func is a function definition.
type Func struct {
	File  *File
	Node  *pyast.Node
	Scope *Scope
	calls []*Call
}

// Calls returns the datastore calls of the function's body (not of nested
// functions), in source order, computed once.
func (fn *Func) Calls() []*Call {
	if fn.calls == nil {
		fn.calls = fn.Scope.Calls(fn.Body())
	}
	return fn.calls
}

// Name returns the function's name.
func (fn *Func) Name() string { return fn.File.Text(fn.Node.ChildByFieldName("name")) }

// Body returns the function's block.
func (fn *Func) Body() *pyast.Node { return fn.Node.ChildByFieldName("body") }

// Decorators returns the expressions of the function's decorators
// (app.get("/x"), login_required), in source order.
func (fn *Func) Decorators() []*pyast.Node {
	p := fn.Node.Parent()
	if p == nil || p.Type() != "decorated_definition" {
		return nil
	}
	var out []*pyast.Node
	for i := 0; i < int(p.NamedChildCount()); i++ {
		if d := p.NamedChild(i); d.Type() == "decorator" && d.NamedChildCount() > 0 {
			out = append(out, d.NamedChild(0))
		}
	}
	return out
}

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
