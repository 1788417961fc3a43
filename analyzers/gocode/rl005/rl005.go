package rl005

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL005"

// Analyzer reports hash/maphash values reaching counter keys, shard
// numbers or lock ids of a shared store.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
}

func run(pass *analysis.Pass) (any, error) {
	for fd := range flow.FuncDecls(pass.Files) {
		checkFunc(pass, flow.New(pass.TypesInfo, fd.Body))
	}
	return nil, nil
}

// isMaphash reports whether n is a call yielding a maphash value.
func isMaphash(info *types.Info, n ast.Node) bool {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := flow.Callee(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "hash/maphash" {
		return false
	}
	switch fn.Name() {
	case "String", "Bytes", "Comparable", "Sum64":
		return true
	}
	return false
}

// counterOps are the Redis commands that count, read a count or lock.
var counterOps = map[string]bool{
	"Incr": true, "IncrBy": true, "IncrByFloat": true, "HIncrBy": true,
	"Decr": true, "DecrBy": true, "Get": true, "SetNX": true, "Expire": true,
	"HGet": true, "ZAdd": true, "ZCard": true, "ZCount": true,
}

func checkFunc(pass *analysis.Pass, f *flow.Func) {
	src := func(n ast.Node) bool { return isMaphash(f.Info, n) }
	derived := f.Derived(src)
	tainted := func(e ast.Expr) bool {
		return flow.Contains(e, src) || f.Mentions(e, derived)
	}
	ast.Inspect(f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		c := store.Classify(f.Info, call)
		if c == nil {
			return true
		}
		switch c.Kind {
		case store.Redis:
			// The key is the argument after the context.
			if counterOps[c.Op] && len(call.Args) >= 2 && tainted(call.Args[1]) {
				diag.Report(pass, id, rules.High, call.Args[1],
					"redis key built from a hash/maphash value, whose seed is random per process, so each instance counts the same client under a different key; hash with hash/fnv or hash/crc32")
			}
		case store.SQL:
			for _, p := range c.Params {
				if tainted(p) {
					diag.Report(pass, id, rules.High, p,
						"sql parameter built from a hash/maphash value, whose seed is random per process, so each instance uses a different key or lock id for the same client; hash with hash/fnv or hash/crc32")
				}
			}
		}
		return true
	})
}
