package declared

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/rlcheck/rlcheck/internal/config"
)

const src = `package rl

import "context"

type Store struct{}

func (s *Store) Get(ctx context.Context, key string) (int64, error) { return 0, nil }
func (s *Store) Put(ctx context.Context, key string, n int64) error  { return nil }
func Hit(key string) int64                                           { return 0 }

type Limiter struct{}

func (l *Limiter) Allow(key string) (bool, error)  { return true, nil }
func (l *Limiter) Close() error                     { return nil }
func NewLimiter() (*Limiter, error)                 { return nil, nil }
func WithBurst(n int) func(*Limiter)                { return nil }
func Wait(ctx context.Context, key string) error    { return nil }
`

// funcs type-checks src as example.com/rl and returns its functions and
// methods by name.
func funcs(t *testing.T) map[string]*types.Func {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "rl.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("example.com/rl", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]*types.Func)
	for _, name := range pkg.Scope().Names() {
		switch obj := pkg.Scope().Lookup(name).(type) {
		case *types.Func:
			out[name] = obj
		case *types.TypeName:
			named := obj.Type().(*types.Named)
			for i := range named.NumMethods() {
				out[name+"."+named.Method(i).Name()] = named.Method(i)
			}
		}
	}
	return out
}

func TestWrapper(t *testing.T) {
	fns := funcs(t)
	cfg := &config.Config{Wrappers: []config.Wrapper{
		{Go: "(*example.com/rl.Store).Get", Op: config.OpRead, Key: 1},
		{Go: "(*example.com/rl.Store).Put", Op: config.OpWrite, Key: 1},
		{Go: "example.com/rl.Hit", Op: config.OpIncrement, Key: 3}, // no such argument
	}}
	for _, tc := range []struct {
		fn             string
		op             string // "" for no wrapper
		key, val, errs int
	}{
		{"Store.Get", "Get", 1, 0, 1},
		{"Store.Put", "Set", 1, -1, 0},
		{"Hit", "", 0, 0, 0},
		{"Wait", "", 0, 0, 0},
	} {
		w := Wrapper(cfg, fns[tc.fn])
		switch {
		case tc.op == "" && w != nil:
			t.Errorf("%s: got %+v, want no wrapper", tc.fn, w)
		case tc.op == "":
		case w == nil:
			t.Errorf("%s: no wrapper, want %s", tc.fn, tc.op)
		case w.Op != tc.op || w.KeyParam != tc.key || w.Value != tc.val || w.Err != tc.errs || !w.Declared:
			t.Errorf("%s: got op %s key %d value %d err %d declared %v, want %s %d %d %d true", tc.fn, w.Op, w.KeyParam, w.Value, w.Err, w.Declared, tc.op, tc.key, tc.val, tc.errs)
		}
	}
	if Wrapper(nil, fns["Store.Get"]) != nil {
		t.Error("no configuration declares nothing")
	}
}

func TestDecides(t *testing.T) {
	fns := funcs(t)
	for _, tc := range []struct {
		limiters []string
		fn       string
		want     bool
	}{
		{[]string{"example.com/rl.Limiter.Allow"}, "Limiter.Allow", true}, // without the parentheses
		{[]string{"(*example.com/rl.Limiter).Allow"}, "Limiter.Allow", true},
		{[]string{"example.com/rl"}, "Limiter.Allow", true},
		{[]string{"example.com/rl"}, "Wait", false}, // only an error: named itself, it would decide
		{[]string{"example.com/rl.Wait"}, "Wait", true},
		{[]string{"example.com/rl"}, "NewLimiter", false}, // a constructor of a declared package
		{[]string{"example.com/rl"}, "WithBurst", false},
		{[]string{"example.com/rl.NewLimiter"}, "NewLimiter", true},  // named itself
		{[]string{"example.com/rl.Limiter"}, "Limiter.Allow", true},  // a method of a declared type
		{[]string{"example.com/rl.Limiter"}, "Limiter.Close", false}, // no verdict
		{[]string{"example.com/rlx"}, "Limiter.Allow", false},
	} {
		cfg := &config.Config{Limiters: config.Limiters{Go: tc.limiters}}
		if got := Decides(cfg, fns[tc.fn]); got != tc.want {
			t.Errorf("limiters %q: Decides(%s) = %v, want %v", tc.limiters, tc.fn, got, tc.want)
		}
	}
	cfg := &config.Config{Wrappers: []config.Wrapper{
		{Go: "example.com/rl.Wait", Op: config.OpDecide, Key: -1},
		{Go: "(*example.com/rl.Store).Get", Op: config.OpRead, Key: 1},
	}}
	if !Decides(cfg, fns["Wait"]) || Decides(cfg, fns["Store.Get"]) {
		t.Error("a decide wrapper decides, a read wrapper does not")
	}
}
