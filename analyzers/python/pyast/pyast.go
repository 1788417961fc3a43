// Package pyast is the Python engine's syntax tree: tree-sitter's Python
// parse, copied once into Go memory.
//
// go-tree-sitter's Go binding crosses into C on every node access and
// keeps a map of the nodes it has handed out, so walking a tree again and
// again costs far more than parsing it. Here one C pass (flatten.c) parses
// the file and writes every node, in preorder, into a buffer that Go owns;
// after that, every question about the tree (type, field, range, children,
// parent) is a Go field read. The methods mirror go-tree-sitter's Node.
package pyast

/*
#include "flatten.h"
*/
import "C"

import (
	"errors"
	"sort"
	"sync"
	"unsafe"

	// The tree-sitter runtime and the Python grammar that flatten.c calls.
	_ "github.com/smacker/go-tree-sitter"
	_ "github.com/smacker/go-tree-sitter/python"
)

// Point is a position in the source: a 0-based row and byte column.
type Point struct {
	Row    uint32
	Column uint32
}

// Tree is a parsed file. Its nodes are immutable and safe for concurrent
// reads.
type Tree struct {
	Src   []byte
	nodes []Node
	kids  []*Node  // the children of every node, node after node
	named []*Node  // the named children of every node, node after node
	lines []uint32 // byte offset of each line's start
	root  *Node
}

// Node is a syntax node. It is kept small (a file's nodes are held
// together): children are ranges of the tree's shared arrays, positions
// are computed from byte offsets.
type Node struct {
	tree       *Tree
	parent     int32 // index of the parent, -1 for the root
	kids       int32 // start of the children in tree.kids
	nkids      uint32
	named      int32 // start of the named children in tree.named
	nnamed     uint32
	start, end uint32
	index      int32 // preorder index within the tree
	pos        int32 // position among the parent's children
	sym        uint16
	field      uint16 // the node's field in its parent, 0 for none
	flags      uint8
}

const (
	flagNamed    = C.RL_NAMED
	flagMissing  = C.RL_MISSING
	flagError    = C.RL_ERROR
	flagHasError = C.RL_HAS_ERROR
	flagExtra    = C.RL_EXTRA
)

// ErrTimeout is returned when parsing took longer than its bound.
var ErrTimeout = errors.New("parsing took too long")

// ParseTimeoutMicros bounds the time tree-sitter spends on one file.
const ParseTimeoutMicros = 20_000_000

// Parse parses Python source. It fails only when parsing timed out;
// syntax errors leave ERROR and missing nodes in the tree.
func Parse(src []byte) (*Tree, error) {
	t := &Tree{Src: src}
	var count C.uint32_t
	var ptr *C.char
	if len(src) > 0 {
		ptr = (*C.char)(unsafe.Pointer(&src[0]))
	}
	ts := C.rl_parse(ptr, C.uint32_t(len(src)), C.uint64_t(ParseTimeoutMicros), &count)
	if ts == nil {
		return nil, ErrTimeout
	}
	buf := flatBuffers.Get().(*[]C.rl_node)
	if cap(*buf) < int(count) {
		*buf = make([]C.rl_node, int(count))
	}
	flat := (*buf)[:count]
	if count > 0 {
		C.rl_fill(ts, &flat[0], count)
	}
	t.build(flat)
	flatBuffers.Put(buf)
	return t, nil
}

// flatBuffers recycles the buffers C writes the flat nodes to.
var flatBuffers = sync.Pool{New: func() any { return new([]C.rl_node) }}

// build turns the flat C nodes into Go nodes: children lists are ranges
// of two shared arrays, so a tree costs a handful of allocations.
func (t *Tree) build(flat []C.rl_node) {
	t.nodes = make([]Node, len(flat))
	totalKids, totalNamed := 0, 0
	for i := range flat {
		c := &flat[i]
		n := &t.nodes[i]
		*n = Node{tree: t, parent: int32(c.parent), start: uint32(c.start_byte), end: uint32(c.end_byte),
			index: int32(i), sym: uint16(c.symbol), field: uint16(c.field), flags: uint8(c.flags)}
		if p := int32(c.parent); p >= 0 {
			t.nodes[p].nkids++
			totalKids++
			if n.flags&flagNamed != 0 {
				t.nodes[p].nnamed++
				totalNamed++
			}
		}
	}
	t.kids, t.named = make([]*Node, 0, totalKids), make([]*Node, 0, totalNamed)
	ko, no := int32(0), int32(0)
	for i := range t.nodes {
		n := &t.nodes[i]
		n.kids, n.named = ko, no
		ko += int32(n.nkids)
		no += int32(n.nnamed)
	}
	t.kids, t.named = t.kids[:totalKids], t.named[:totalNamed]
	// The counts are rebuilt as the children are placed.
	for i := range t.nodes {
		t.nodes[i].nkids, t.nodes[i].nnamed = 0, 0
	}
	for i := range t.nodes {
		n := &t.nodes[i]
		if n.parent < 0 {
			continue
		}
		p := &t.nodes[n.parent]
		n.pos = int32(p.nkids)
		t.kids[p.kids+int32(p.nkids)] = n
		p.nkids++
		if n.flags&flagNamed != 0 {
			t.named[p.named+int32(p.nnamed)] = n
			p.nnamed++
		}
	}
	t.lines = append(t.lines, 0)
	for i, b := range t.Src {
		if b == '\n' {
			t.lines = append(t.lines, uint32(i+1))
		}
	}
	if len(t.nodes) > 0 {
		t.root = &t.nodes[0]
	}
}

// Line returns the text of the 0-based row, without its newline.
func (t *Tree) Line(row int) []byte {
	if row < 0 || row >= len(t.lines) {
		return nil
	}
	end := uint32(len(t.Src))
	if row+1 < len(t.lines) {
		end = t.lines[row+1] - 1
	}
	return t.Src[t.lines[row]:end]
}

// point returns the row and byte column of a byte offset.
func (t *Tree) point(off uint32) Point {
	row := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	if row < 0 {
		row = 0
	}
	return Point{Row: uint32(row), Column: off - t.lines[row]}
}

// Root returns the module node.
func (t *Tree) Root() *Node { return t.root }

// Len returns the number of nodes.
func (t *Tree) Len() int { return len(t.nodes) }

// Tree returns the tree n belongs to.
func (n *Node) Tree() *Tree { return n.tree }

// Index returns n's position in a preorder walk of its tree: a dense
// identity for tables keyed by node.
func (n *Node) Index() int { return int(n.index) }

// Type returns the node's type, such as "call" or "identifier".
func (n *Node) Type() string { return symbolName(n.sym) }

// Symbol returns the grammar symbol of the node's type.
func (n *Node) Symbol() uint16 { return n.sym }

// StartByte returns the byte offset where the node starts.
func (n *Node) StartByte() uint32 { return n.start }

// EndByte returns the byte offset just past the node.
func (n *Node) EndByte() uint32 { return n.end }

// StartPoint returns the row and byte column where the node starts.
func (n *Node) StartPoint() Point { return n.tree.point(n.start) }

// EndPoint returns the row and byte column just past the node.
func (n *Node) EndPoint() Point { return n.tree.point(n.end) }

// Parent returns the enclosing node, nil for the root.
func (n *Node) Parent() *Node {
	if n.parent < 0 {
		return nil
	}
	return &n.tree.nodes[n.parent]
}

// ChildCount returns the number of children, named or not.
func (n *Node) ChildCount() uint32 { return n.nkids }

// Child returns the i-th child, or nil.
func (n *Node) Child(i int) *Node {
	if i < 0 || i >= int(n.nkids) {
		return nil
	}
	return n.tree.kids[int(n.kids)+i]
}

// NamedChildCount returns the number of named children.
func (n *Node) NamedChildCount() uint32 { return n.nnamed }

// NamedChild returns the i-th named child, or nil.
func (n *Node) NamedChild(i int) *Node {
	if i < 0 || i >= int(n.nnamed) {
		return nil
	}
	return n.tree.named[int(n.named)+i]
}

// Children returns the children, named or not; the slice is shared.
func (n *Node) Children() []*Node { return n.tree.kids[n.kids : n.kids+int32(n.nkids)] }

// NamedChildren returns the named children; the slice is shared.
func (n *Node) NamedChildren() []*Node { return n.tree.named[n.named : n.named+int32(n.nnamed)] }

// ChildByFieldName returns the first child in the named field, or nil.
func (n *Node) ChildByFieldName(name string) *Node {
	id := fieldID(name)
	if id == 0 {
		return nil
	}
	for _, k := range n.Children() {
		if k.field == id {
			return k
		}
	}
	return nil
}

// FieldName returns the name of the field n is in, "" for none.
func (n *Node) FieldName() string { return fieldName(n.field) }

// NextSibling returns the next child of the parent, or nil.
func (n *Node) NextSibling() *Node {
	if p := n.Parent(); p != nil {
		return p.Child(int(n.pos) + 1)
	}
	return nil
}

// PrevSibling returns the previous child of the parent, or nil.
func (n *Node) PrevSibling() *Node {
	if p := n.Parent(); p != nil {
		return p.Child(int(n.pos) - 1)
	}
	return nil
}

// NextNamedSibling returns the next named child of the parent, or nil.
func (n *Node) NextNamedSibling() *Node {
	for s := n.NextSibling(); s != nil; s = s.NextSibling() {
		if s.IsNamed() {
			return s
		}
	}
	return nil
}

// PrevNamedSibling returns the previous named child of the parent, or nil.
func (n *Node) PrevNamedSibling() *Node {
	for s := n.PrevSibling(); s != nil; s = s.PrevSibling() {
		if s.IsNamed() {
			return s
		}
	}
	return nil
}

// Content returns the source text of n, without copying src.
func (n *Node) Content(src []byte) string {
	if n.end <= n.start || int(n.end) > len(src) {
		return ""
	}
	return unsafe.String(&src[n.start], int(n.end-n.start))
}

// Text returns the node's source text, without copying.
func (n *Node) Text() string { return n.Content(n.tree.Src) }

// Equal reports whether n and o are the same node.
func (n *Node) Equal(o *Node) bool { return n == o }

// IsNamed reports whether the node is named in the grammar (not a bare
// token such as "(").
func (n *Node) IsNamed() bool { return n.flags&flagNamed != 0 }

// IsMissing reports whether the parser inserted the node to recover
// from a syntax error.
func (n *Node) IsMissing() bool { return n.flags&flagMissing != 0 }

// IsError reports whether the node is an ERROR node.
func (n *Node) IsError() bool { return n.flags&flagError != 0 }

// HasError reports whether the node or a descendant is a syntax error.
func (n *Node) HasError() bool { return n.flags&flagHasError != 0 }

// IsExtra reports whether the node is an extra, such as a comment.
func (n *Node) IsExtra() bool { return n.flags&flagExtra != 0 }

// The grammar's symbol and field names, read from C once.
var (
	symbols  []string
	extraSym sync.Map // symbols outside the table (ERROR is 65535)
	fields   []string
	fieldIDs map[string]uint16
)

func init() {
	n := int(C.rl_symbol_count())
	symbols = make([]string, n)
	for i := range n {
		symbols[i] = C.GoString(C.rl_symbol_name(C.uint16_t(i)))
	}
	f := int(C.rl_field_count())
	fields = make([]string, f+1)
	fieldIDs = make(map[string]uint16, f)
	for i := 1; i <= f; i++ {
		name := C.GoString(C.rl_field_name(C.uint16_t(i)))
		fields[i] = name
		fieldIDs[name] = uint16(i)
	}
}

func symbolName(sym uint16) string {
	if int(sym) < len(symbols) {
		return symbols[sym]
	}
	if v, ok := extraSym.Load(sym); ok {
		return v.(string)
	}
	name := C.GoString(C.rl_symbol_name(C.uint16_t(sym)))
	extraSym.Store(sym, name)
	return name
}

func fieldName(id uint16) string {
	if int(id) < len(fields) {
		return fields[id]
	}
	return ""
}

func fieldID(name string) uint16 { return fieldIDs[name] }
