// Package declared reads what the project's configuration declares about
// Go functions (docs/configuration.md): the wrappers around counter
// operations (a read, a write or an increment of the key at a given
// argument, or a limit decision) and the rate limiters. A call of a
// declared wrapper is the store operation it declares for every rule; a
// call of a declared limiter, or of a wrapper that decides, is a limit
// decision.
package declared

import (
	"go/types"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/internal/config"
)

// ops maps a declared operation to the Redis command whose semantics it
// has for the rules: a read is a GET of the key, a write a SET, an
// increment an INCR.
var ops = map[config.Op]string{
	config.OpRead:      "Get",
	config.OpWrite:     "Set",
	config.OpIncrement: "Incr",
}

// Wrapper returns the store operation that cfg declares a call of fn to
// make, nil when cfg (nil: no configuration) declares none. The key is
// the call's argument at the declared position (a method's receiver is
// not an argument); the reply is the first result unless that is the
// error, the error the last result when it is one.
func Wrapper(cfg *config.Config, fn *types.Func) *store.Wrapper {
	if cfg == nil || fn == nil || len(cfg.Wrappers) == 0 {
		return nil
	}
	d, ok := cfg.GoWrapper(fn.Origin().FullName())
	if !ok {
		return nil
	}
	op, ok := ops[d.Op]
	sig, isSig := fn.Type().(*types.Signature)
	if !ok || !isSig || d.Key < 0 || d.Key >= sig.Params().Len() && !sig.Variadic() {
		return nil
	}
	w := &store.Wrapper{Kind: store.Redis, Op: op, KeyParam: d.Key, Value: -1, Err: -1, Func: fn.Origin(), Declared: true, Name: d.Go}
	res := sig.Results()
	if n := res.Len(); n > 0 && flow.IsError(res.At(n-1).Type()) {
		w.Err = n - 1
	}
	if d.Op != config.OpWrite && res.Len() > 0 && w.Err != 0 {
		w.Value = 0
	}
	return w
}

// Named returns the store operation that cfg declares for a callee whose
// package did not load, known only by its names (store.UnloadedNames):
// without a signature, the reply is taken to be the first result and the
// error is not known.
func Named(cfg *config.Config, names []string) *store.Wrapper {
	if cfg == nil || len(cfg.Wrappers) == 0 {
		return nil
	}
	for _, name := range names {
		d, ok := cfg.GoWrapper(name)
		op, known := ops[d.Op]
		if !ok || !known || d.Key < 0 {
			continue
		}
		w := &store.Wrapper{Kind: store.Redis, Op: op, KeyParam: d.Key, Value: 0, Err: -1, Declared: true, Name: name}
		if d.Op == config.OpWrite {
			w.Value = -1
		}
		return w
	}
	return nil
}

// DecidesNamed reports whether cfg declares a callee whose package did
// not load, known only by its names, a limit decision: a decide wrapper
// or a limiter named itself (a declared package or type does not cover
// it, as there is no signature to tell its verdicts from its
// constructors).
func DecidesNamed(cfg *config.Config, names []string) bool {
	if cfg == nil {
		return false
	}
	for _, name := range names {
		if d, ok := cfg.GoWrapper(name); ok {
			return d.Op == config.OpDecide
		}
		if named(cfg.Limiters.Go, name) {
			return true
		}
	}
	return false
}

// Decides reports whether cfg declares fn a limit decision: a wrapper
// whose op is decide, or a limiter. A function covered by a declared
// package or type rather than named itself decides only when it returns
// a verdict and an error ((bool, error), (int, error), (*Result, error))
// and is no constructor or option (New..., With...): ratelimit.New(cfg)
// builds a limiter, and l.Close() error decides nothing.
func Decides(cfg *config.Config, fn *types.Func) bool {
	if cfg == nil || fn == nil || len(cfg.Wrappers) == 0 && len(cfg.Limiters.Go) == 0 {
		return false
	}
	name := fn.Origin().FullName()
	if d, ok := cfg.GoWrapper(name); ok {
		return d.Op == config.OpDecide
	}
	if !cfg.Limiters.IsGoLimiter(name) {
		return false
	}
	if named(cfg.Limiters.Go, name) {
		return true
	}
	return verdict(fn) && !strings.HasPrefix(fn.Name(), "New") && !strings.HasPrefix(fn.Name(), "With")
}

// verdict reports whether fn returns a verdict first and an error last.
func verdict(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && flow.ReturnsVerdict(sig)
}

// named reports whether one of the declared names is the function's own
// full name, with or without the parentheses around a method's receiver
// ("(*example.com/rl.Limiter).Allow", "example.com/rl.Limiter.Allow").
func named(names []string, fullName string) bool {
	plain := fullName
	if recv, method, ok := strings.Cut(strings.TrimPrefix(fullName, "("), ")."); ok && strings.HasPrefix(fullName, "(") {
		plain = strings.TrimPrefix(recv, "*") + "." + method
	}
	for _, n := range names {
		if n == fullName || n == plain {
			return true
		}
	}
	return false
}
