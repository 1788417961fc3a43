package store

import (
	"go/ast"
	"go/constant"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
)

// expiryOps are the Redis commands (go-redis method names) that give an
// existing key a time to live.
var expiryOps = map[string]bool{
	"Expire": true, "PExpire": true, "ExpireAt": true, "PExpireAt": true,
	"ExpireNX": true, "ExpireXX": true, "ExpireGT": true, "ExpireLT": true,
}

// Expires reports whether a Redis call (of the SDK itself) gives its key
// a time to live: EXPIRE and its variants, SETEX, a go-redis Set or
// SetNX with an expiration that is not the constant 0 (or KeepTTL), a
// SetArgs with a TTL or ExpireAt, or a redigo SET with EX, PX, EXAT or
// PXAT.
func (c *Call) Expires(f *flow.Func) bool {
	if c.Kind != Redis || c.Via != nil {
		return false
	}
	switch {
	case expiryOps[c.Op], c.Op == "SetEX":
		return true
	case c.Op == "Set" || c.Op == "SetNX":
		if c.Reply {
			return redigoFlag(f, c.Args, "EX", "PX", "EXAT", "PXAT")
		}
		return len(c.Args) >= 3 && nonZero(f, c.Args[2])
	case c.Op == "SetArgs":
		if len(c.Args) < 3 {
			return false
		}
		lit := f.CompositeLit(c.Args[2])
		if lit == nil {
			return true // built out of sight: do not guess that it has none
		}
		return fieldSet(f, lit, "TTL") || fieldSet(f, lit, "ExpireAt")
	}
	return false
}

// CreatesWithExpiry reports whether a Redis call creates its key with a
// time to live only when the key is absent, so that an INCR after it
// cannot create a key without one: SETNX with an expiration, SetArgs
// with Mode "NX" and a TTL, a redigo SET ... EX w NX.
func (c *Call) CreatesWithExpiry(f *flow.Func) bool {
	if !c.Expires(f) {
		return false
	}
	switch c.Op {
	case "SetNX":
		return true
	case "Set":
		return c.Reply && redigoFlag(f, c.Args, "NX")
	case "SetArgs":
		lit := f.CompositeLit(c.Args[2])
		if lit == nil {
			return false
		}
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Mode" {
					mode, ok := f.ConstString(kv.Value)
					return ok && strings.EqualFold(mode, "NX")
				}
			}
		}
	}
	return false
}

// nonZero reports whether a duration argument may be other than 0 and
// KeepTTL (-1): a non-constant value, or a positive constant.
func nonZero(f *flow.Func, e ast.Expr) bool {
	tv, ok := f.Info.Types[e]
	if !ok || tv.Value == nil {
		return true
	}
	return constant.Sign(tv.Value) > 0
}

// redigoFlag reports whether a redigo command's arguments hold one of the
// constant words flags (case-insensitive).
func redigoFlag(f *flow.Func, args []ast.Expr, flags ...string) bool {
	for _, a := range args {
		s, ok := f.ConstString(a)
		if !ok {
			continue
		}
		for _, flag := range flags {
			if strings.EqualFold(s, flag) {
				return true
			}
		}
	}
	return false
}

// fieldSet reports whether a struct literal gives field a value that is
// not the constant zero.
func fieldSet(f *flow.Func, lit *ast.CompositeLit, field string) bool {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
			if tv, ok := f.Info.Types[kv.Value]; ok && tv.Value != nil {
				return constant.Sign(tv.Value) != 0
			}
			return true
		}
	}
	return false
}
