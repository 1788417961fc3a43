package reqflow

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// formatPkgs check a value's form, not who sent it: a check with them is
// not authentication.
var formatPkgs = map[string]bool{
	"strings": true, "bytes": true, "strconv": true, "regexp": true,
	"unicode": true, "unicode/utf8": true, "net": true, "net/netip": true,
	"net/mail": true, "net/url": true, "fmt": true, "path": true, "errors": true,
	"time": true, "encoding/hex": true, "encoding/base64": true,
	"github.com/google/uuid": true,
}

// verified reports whether an authentication step in the function checks
// v before pos: an if (or a case of a switch) that checks a lookup of the
// value and rejects (return, Abort, panic) with a status other than 429,
// an if whose checked branch holds pos, or a verifier called as a
// statement of its own.
func (t *tracker) verified(v val, pos token.Pos) bool {
	if v.src != nil && v.src.Kind == Forwarded {
		return false
	}
	carriers := t.carriers(v)
	found := false
	walkAll(t.f.Body, func(n ast.Node) {
		if found || n.Pos() >= pos {
			return
		}
		switch n := n.(type) {
		case *ast.IfStmt:
			if (t.rejects(n.Body) || within(n.Body, pos)) && t.checks(n.Cond, carriers, 0) {
				found = true
			}
		case *ast.CaseClause:
			// switch { case !ok: return } after switch _, ok := keys[k]
			body := &ast.BlockStmt{List: n.Body}
			for _, e := range n.List {
				if t.rejects(body) && t.checks(e, carriers, 0) {
					found = true
				}
			}
		case *ast.ExprStmt:
			call, ok := n.X.(*ast.CallExpr)
			if ok && verifierName(call) && t.argsMention(call, carriers) && !t.counts(call) {
				found = true
			}
		}
	})
	return found
}

// carrierSet is what a check may mention to check a value: the variables
// that hold it, and the request reads of its source.
type carrierSet struct {
	vars map[types.Object]bool
	src  *Source
}

// carriers returns the variables of the function that hold v, computed
// once per origin and tracker.
func (t *tracker) carriers(v val) carrierSet {
	key := val{src: v.src, param: v.param, result: v.result}
	if c, ok := t.carrierMemo[key]; ok {
		return c
	}
	c := carrierSet{vars: make(map[types.Object]bool), src: v.src}
	t.carrierMemo[key] = c // the map fills below
	for obj, i := range t.params {
		if v.src == nil && i == v.param {
			c.vars[obj] = true
		}
	}
	for _, obj := range t.f.Vars() {
		if errorOrBool(obj.Type()) {
			continue // the err or ok of a call that also returned the value
		}
		for _, w := range t.object(obj) {
			if w.src == v.src && (v.src != nil || w.param == v.param && w.result == v.result) {
				c.vars[obj] = true
				break
			}
		}
	}
	return c
}

// errorOrBool reports whether t is error or bool: never a limit key.
func errorOrBool(t types.Type) bool {
	if t == nil {
		return false
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		return b.Kind() == types.Bool || b.Kind() == types.UntypedBool
	}
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// mentions reports whether e reads a carrier.
func (t *tracker) mentions(e ast.Node, c carrierSet) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.Ident:
			found = c.vars[t.f.Info.Uses[n]]
		case ast.Expr:
			if c.src != nil {
				if s := t.sourceOf(n); s != nil && s.Kind == c.src.Kind && strings.EqualFold(s.Field, c.src.Field) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func (t *tracker) argsMention(call *ast.CallExpr, c carrierSet) bool {
	for _, a := range call.Args {
		if t.mentions(a, c) {
			return true
		}
	}
	return false
}

// checks reports whether cond checks a carrier against the server's
// data: a lookup (a map index or a call other than a format check, a
// counter or a limiter) of it, an equality with a non-constant value, or
// a variable that holds such a lookup (ok, err, the account found).
// A presence or format test (key == "", len(key) == 0,
// strings.HasPrefix(key, "sk_")) is not a check.
func (t *tracker) checks(cond ast.Expr, c carrierSet, depth int) bool {
	if depth > 3 {
		return false
	}
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr, *ast.IndexExpr:
			found = t.lookup(n.(ast.Expr), c)
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				found = t.mentions(n.X, c) && t.secret(n.Y) || t.mentions(n.Y, c) && t.secret(n.X)
			}
		case *ast.Ident:
			obj := t.f.Object(n)
			if obj == nil || c.vars[obj] {
				return true
			}
			for _, d := range t.f.Defs(obj) {
				if t.lookup(d, c) || t.checks(d, c, depth+1) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// lookup reports whether e looks a carrier up: m[key], or a call that
// takes it (in its arguments or its receiver chain) and is no format
// check, counter write or limiter of the package. Datastore reads are
// lookups: an API key found in Postgres or Redis is authenticated.
func (t *tracker) lookup(e ast.Expr, c carrierSet) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		return isMap(t.f.Info.TypeOf(e.X)) && t.mentions(e.Index, c)
	case *ast.CallExpr:
		// The value may sit in the receiver chain:
		// db.QueryRowContext(ctx, q, key).Scan(&owner).
		if !t.mentions(e, c) || t.sourceOf(e) != nil {
			return false // the read of the value is no check of it
		}
		if tv, ok := t.f.Info.Types[e.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
			return false
		}
		if t.counts(e) {
			return false // the count itself, not a lookup
		}
		fn := flow.Callee(t.f.Info, e)
		if fn == nil {
			return true
		}
		if fn.Pkg() != nil && formatPkgs[fn.Pkg().Path()] {
			return false
		}
		if callee := t.a.summaryOf(fn); callee != nil && t.a.formatOnly(callee) {
			return false // looksLikeKey(k): a format check of the package
		}
		return true
	}
	return false
}

// secret reports whether e is compared with a carrier as a credential:
// not a constant, nil or a length.
func (t *tracker) secret(e ast.Expr) bool {
	e = ast.Unparen(e)
	if tv, ok := t.f.Info.Types[e]; ok && (tv.Value != nil || tv.IsNil()) {
		return false
	}
	if call, ok := e.(*ast.CallExpr); ok {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "len" {
			return false
		}
	}
	return true
}

// rejects reports whether block ends the request (return, Abort*, panic,
// a fatal log) with something other than 429 or a server error: a 503 on
// a failed read is an outage path, not authentication.
func (t *tracker) rejects(block *ast.BlockStmt) bool {
	ends := false
	walkOwn(block, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.ReturnStmt:
			ends = true
		case *ast.CallExpr:
			name := ""
			switch fun := ast.Unparen(n.Fun).(type) {
			case *ast.Ident:
				name = fun.Name
			case *ast.SelectorExpr:
				name = fun.Sel.Name
			}
			if name == "panic" || strings.HasPrefix(name, "Abort") || strings.HasPrefix(name, "Fatal") {
				ends = true
			}
		}
	})
	return ends && !limitctx.MentionsStatus(t.f.Info, block, limitctx.Is429) && !mentionsTooMany(block) &&
		!limitctx.MentionsStatus(t.f.Info, block, limitctx.Is5xx)
}

// mentionsTooMany reports whether block names a too-many-requests error
// (echo.ErrTooManyRequests, ErrRateLimited).
func mentionsTooMany(block ast.Node) bool {
	found := false
	ast.Inspect(block, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			l := strings.ToLower(id.Name)
			found = found || strings.Contains(l, "toomany") || strings.Contains(l, "ratelimit")
		}
		return !found
	})
	return found
}

// verifierVerbs open the name of a verifier called as a statement:
// verifyKey(k), mustAuthenticate(k), requireSession(c).
var verifierVerbs = map[string]bool{
	"verify": true, "validate": true, "authenticate": true, "authorize": true,
	"auth": true, "require": true, "ensure": true, "must": true,
}

// verifierName reports whether call names a verifier: its name starts
// with verify, validate, authenticate, authorize, require, ensure or must
// (recordAuthAttempt does not).
func verifierName(call *ast.CallExpr) bool {
	name := ""
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		name = fun.Name
	case *ast.SelectorExpr:
		name = fun.Sel.Name
	}
	words := counterkey.Words(name)
	return len(words) > 0 && verifierVerbs[words[0]]
}

// candidates returns the sources a condition reads, directly or through
// the variables and lookups it mentions.
func (t *tracker) candidates(cond ast.Expr) []val {
	var out []val
	ast.Inspect(cond, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		if id, ok := e.(*ast.Ident); ok {
			if obj := t.f.Object(id); obj != nil {
				out = merge(out, t.values(id))
				for _, d := range t.f.Defs(obj) {
					if call, ok := ast.Unparen(d).(*ast.CallExpr); ok {
						for _, a := range call.Args {
							out = merge(out, t.values(a))
						}
					}
					if ix, ok := ast.Unparen(d).(*ast.IndexExpr); ok {
						out = merge(out, t.values(ix.Index))
					}
				}
			}
			return true
		}
		if s := t.sourceOf(e); s != nil {
			out = merge(out, []val{{src: s, param: -1}})
		}
		return true
	})
	var srcs []val
	for _, v := range out {
		if v.src != nil {
			srcs = append(srcs, v)
		}
	}
	return srcs
}

// formatOnly reports whether a function of the package only checks the
// form of its arguments: it checks something (a length, a comparison, a
// format package), looks nothing up (no map index, no call but builtins,
// conversions and format packages) and compares with constants only.
func (p *pkgFlow) formatOnly(s *summary) bool {
	if s.external {
		return s.formatOnly
	}
	if s.f.Body == nil {
		return false
	}
	only, checks := true, false
	ast.Inspect(s.f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			if isMap(p.info.TypeOf(n.X)) {
				only = false
			}
		case *ast.CallExpr:
			if tv, ok := p.info.Types[n.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
				checks = checks || tv.IsBuiltin()
				return true
			}
			fn := flow.Callee(p.info, n)
			only = only && fn != nil && fn.Pkg() != nil && formatPkgs[fn.Pkg().Path()]
			checks = true
		case *ast.BinaryExpr:
			if flow.IsComparison(n.Op) {
				checks = true
			}
			if n.Op == token.EQL || n.Op == token.NEQ {
				x, y := p.info.Types[n.X], p.info.Types[n.Y]
				// An equality with a non-constant (a secret, a stored key)
				// is a check of identity.
				if x.Value == nil && y.Value == nil && !x.IsNil() && !y.IsNil() {
					only = false
				}
			}
		}
		return only
	})
	return only && checks
}

// counts reports whether call, or a call in its receiver chain or
// arguments, writes a counter, reads one (its key or SQL text speaks of a
// limit) or calls a limiter of the package.
func (t *tracker) counts(call *ast.CallExpr) bool {
	return flow.Contains(call, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return false
		}
		if sc := store.Classify(t.f, c); sc != nil {
			return t.a.counterCall(t.f, sc)
		}
		for _, s := range t.a.callees(t.f, c) {
			if len(s.keyParams) > 0 {
				return true
			}
		}
		return false
	})
}
