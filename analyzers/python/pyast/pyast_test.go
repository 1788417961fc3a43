package pyast

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/python"
)

// samples are sources with the shapes that stress a flattened copy:
// syntax errors, missing tokens, comments (extras), empty input, non-ASCII
// text and deep nesting.
var samples = map[string]string{
	"empty":    "",
	"error":    "def f(:\n    return )\nx = [1, 2\n",
	"missing":  "if x\n    pass\n",
	"comments": "# a\nx = 1  # b\n\nclass C:  # c\n    def m(self): return 'ü'\n",
	"deep":     "x = " + strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200) + "\n",
	"fstring":  "k = f\"rl:{ip}:{int(now // 60)}\"\n",
}

// TestMatchesBinding compares every node of the flattened tree with the
// tree of go-tree-sitter's Go binding: types, ranges, flags, children and
// fields. It catches a C declaration in flatten.h that no longer matches
// the runtime.
func TestMatchesBinding(t *testing.T) {
	srcs := make(map[string][]byte)
	for name, s := range samples {
		srcs[name] = []byte(s)
	}
	// PYAST_CORPUS names another tree to compare, such as a Python
	// installation's standard library.
	roots := []string{filepath.Join("..", "..", "..", "testdata")}
	if extra := os.Getenv("PYAST_CORPUS"); extra != "" {
		roots = append(roots, extra)
	}
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".py") {
				if b, err := os.ReadFile(path); err == nil {
					srcs[path] = b
				}
			}
			return nil
		})
	}
	if len(srcs) < 20 {
		t.Fatalf("only %d sources to compare", len(srcs))
	}
	parser := sitter.NewParser()
	parser.SetLanguage(python.GetLanguage())
	names := fields[1:]
	for name, src := range srcs {
		want, err := parser.ParseCtx(context.Background(), nil, src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		count := 0
		compare(t, name, got.Root(), want.RootNode(), names, &count)
		if count != got.Len() {
			t.Errorf("%s: %d nodes in the binding's tree, %d flattened", name, count, got.Len())
		}
	}
}

func compare(t *testing.T, file string, got *Node, want *sitter.Node, fields []string, count *int) {
	t.Helper()
	*count++
	where := func() string { return fmt.Sprintf("%s: %s at %v", file, want.Type(), want.StartPoint()) }
	if got.Type() != want.Type() || got.StartByte() != want.StartByte() || got.EndByte() != want.EndByte() ||
		got.StartPoint() != Point(want.StartPoint()) || got.EndPoint() != Point(want.EndPoint()) {
		t.Fatalf("%s: flattened %s [%d,%d) %v-%v", where(), got.Type(), got.StartByte(), got.EndByte(), got.StartPoint(), got.EndPoint())
	}
	if got.IsNamed() != want.IsNamed() || got.IsMissing() != want.IsMissing() || got.IsError() != want.IsError() ||
		got.HasError() != want.HasError() || got.IsExtra() != want.IsExtra() {
		t.Fatalf("%s: flags differ", where())
	}
	if got.ChildCount() != want.ChildCount() || got.NamedChildCount() != want.NamedChildCount() {
		t.Fatalf("%s: %d/%d children, want %d/%d", where(), got.ChildCount(), got.NamedChildCount(), want.ChildCount(), want.NamedChildCount())
	}
	for _, f := range fields {
		g, w := got.ChildByFieldName(f), want.ChildByFieldName(f)
		if w != nil && !w.Parent().Equal(want) {
			// ts_node_child_by_field_name looks through an aliased
			// block (match_statement's case clauses) and through
			// ERROR children; the flattened tree keeps to direct
			// children.
			continue
		}
		if (g == nil) != (w == nil) || g != nil && (g.StartByte() != w.StartByte() || g.Type() != w.Type()) {
			t.Fatalf("%s: field %s differs", where(), f)
		}
	}
	for i := 0; i < int(want.NamedChildCount()); i++ {
		if got.NamedChild(i).StartByte() != want.NamedChild(i).StartByte() {
			t.Fatalf("%s: named child %d differs", where(), i)
		}
	}
	for i := 0; i < int(want.ChildCount()); i++ {
		c := got.Child(i)
		if c.Parent() != got {
			t.Fatalf("%s: child %d has the wrong parent", where(), i)
		}
		// ts_node_field_name_for_child names a comment inside a field's
		// span with that field; the cursor, rightly, gives none.
		if !c.IsExtra() && c.FieldName() != want.FieldNameForChild(i) {
			t.Fatalf("%s: child %d in field %q, want %q", where(), i, c.FieldName(), want.FieldNameForChild(i))
		}
		if s, ws := c.NextSibling(), want.Child(i).NextSibling(); (s == nil) != (ws == nil) || s != nil && s.StartByte() != ws.StartByte() {
			t.Fatalf("%s: next sibling of child %d differs", where(), i)
		}
		// Around an ERROR child, ts_node_prev_named_sibling skips the
		// error node; the flattened tree does not.
		if s, ws := c.PrevNamedSibling(), want.Child(i).PrevNamedSibling(); !want.HasError() && ((s == nil) != (ws == nil) || s != nil && s.StartByte() != ws.StartByte()) {
			t.Fatalf("%s: previous named sibling of child %d differs", where(), i)
		}
		compare(t, file, c, want.Child(i), fields, count)
	}
}

func TestContent(t *testing.T) {
	tr, err := Parse([]byte("x = 'ü'\n"))
	if err != nil {
		t.Fatal(err)
	}
	str := tr.Root().NamedChild(0).NamedChild(0).ChildByFieldName("right")
	if str.Type() != "string" || str.Text() != "'ü'" {
		t.Errorf("right side %s %q", str.Type(), str.Text())
	}
	if tr.Root().Parent() != nil || tr.Root().NextSibling() != nil || tr.Root().Child(5) != nil || tr.Root().NamedChild(-1) != nil {
		t.Error("the root has no parent, siblings or out-of-range children")
	}
}
