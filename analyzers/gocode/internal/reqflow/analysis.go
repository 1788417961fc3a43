package reqflow

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/incrkey"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// pkgFlow is the state of one package's analysis.
type pkgFlow struct {
	info          *types.Info
	realIP        string // the middleware that rewrites r.RemoteAddr, when the package uses one
	ginEngine     bool   // the package creates a gin engine (gin.New, gin.Default)
	ginTrusted    bool   // SetTrustedProxies or TrustedPlatform is set
	echoEngine    bool   // the package creates an echo instance (echo.New)
	echoExtractor bool   // Echo.IPExtractor is set
	funcs         map[*types.Func]*summary
	order         []*summary
	sources       map[ast.Node]*Source
	verified      map[sourceName]bool    // sources an authentication step checks somewhere in the package
	counterCalls  map[*ast.CallExpr]bool // counterCall's answers
}

// summary is what one function of the package does with request values.
type summary struct {
	fn        *types.Func
	name      string
	limitFunc bool // named for limiting: limitctx.Named
	f         *flow.Func
	params    map[types.Object]int
	returns   []val
	keyParams map[paramRef]keyParam

	indexed bool   // direct and edges are set
	direct  []sink // the counter keys of the body's own store calls
	edges   []edge // the body's calls of the package's functions
}

// paramRef names a parameter a function counts under: its value, or,
// for a parameter of function type, what calling it returns (a key
// function: RateLimit(rdb, func(r *http.Request) string {...})).
type paramRef struct {
	index  int
	result bool
}

// keyParam is a parameter the function counts a limit under.
type keyParam struct {
	what  string
	time  bool
	limit bool // the counter is known to count a rate limit
}

// sink is an expression a limit is counted under.
type sink struct {
	expr ast.Expr
	// fnResult: expr is a function, and what it returns is counted under.
	fnResult bool
	what     string
	time     bool
	limit    bool // the counter is known to count a rate limit
}

// maxRounds bounds the fixpoint over the package's summaries: enough for
// a value passed down a chain of helpers.
const maxRounds = 8

// Flows returns the request values that reach a counter key in the
// package, in source order. Test files are left out: a test that builds
// an engine or keys a counter on a header says nothing of production.
func Flows(fset *token.FileSet, all []*ast.File, info *types.Info) []*Flow {
	var files []*ast.File
	for _, f := range all {
		if !strings.HasSuffix(fset.File(f.Pos()).Name(), "_test.go") {
			files = append(files, f)
		}
	}
	p := &pkgFlow{
		info:         info,
		funcs:        make(map[*types.Func]*summary),
		sources:      make(map[ast.Node]*Source),
		verified:     make(map[sourceName]bool),
		counterCalls: make(map[*ast.CallExpr]bool),
	}
	p.settings(files)
	for fd := range flow.FuncDecls(files) {
		obj, _ := info.Defs[fd.Name].(*types.Func)
		if obj == nil {
			continue
		}
		s := &summary{fn: obj, name: fd.Name.Name, limitFunc: limitctx.Named(fd), f: flow.New(info, fd.Body), params: make(map[types.Object]int)}
		i := 0
		for _, field := range fd.Type.Params.List {
			if len(field.Names) == 0 {
				i++
			}
			for _, id := range field.Names {
				if v := info.Defs[id]; v != nil {
					s.params[v] = i
				}
				i++
			}
		}
		p.funcs[obj] = s
		p.order = append(p.order, s)
	}
	for round, changed := 0, true; changed && round < maxRounds; round++ {
		changed = false
		for _, s := range p.order {
			if p.summarize(s) {
				changed = true
			}
		}
	}
	for _, s := range p.order {
		p.collectVerified(s)
	}
	var out []*Flow
	for _, s := range p.order {
		out = append(out, p.flows(s)...)
	}
	return out
}

// settings reads the package's proxy settings: middleware that rewrites
// the peer address, gin's trusted proxies, echo's IP extractor. Whether a
// gin or echo helper trusts forwarding headers is known only where the
// package creates the engine: a package of handlers whose engine is set up
// elsewhere is given the benefit of the doubt.
func (p *pkgFlow) settings(files []*ast.File) {
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			switch path := flow.ImportPath(p.info, sel); {
			case sel.Sel.Name == "RealIP" && (path == "github.com/go-chi/chi/v5/middleware" || path == "github.com/go-chi/chi/middleware"):
				p.realIP = "chi's middleware.RealIP"
			case sel.Sel.Name == "ProxyHeaders" && path == "github.com/gorilla/handlers":
				p.realIP = "gorilla's handlers.ProxyHeaders"
			case (sel.Sel.Name == "New" || sel.Sel.Name == "Default") && path == ginPkg:
				p.ginEngine = true
			case sel.Sel.Name == "New" && (path == echoPkg || path == echoPkgV3):
				p.echoEngine = true
			case (sel.Sel.Name == "SetTrustedProxies" || sel.Sel.Name == "TrustedPlatform") && p.declaredIn(sel, ginPkg):
				p.ginTrusted = true
			case sel.Sel.Name == "IPExtractor" && (p.declaredIn(sel, echoPkg) || p.declaredIn(sel, echoPkgV3)):
				p.echoExtractor = true
			}
			return true
		})
	}
}

// declaredIn reports whether the method or field sel names is declared
// in the package at path. Without type information (the package did not
// load) the name alone is taken: these settings only silence findings.
func (p *pkgFlow) declaredIn(sel *ast.SelectorExpr, path string) bool {
	obj := p.info.Uses[sel.Sel]
	if obj == nil {
		return true
	}
	return obj.Pkg() != nil && obj.Pkg().Path() == path
}

func (p *pkgFlow) tracker(s *summary) *tracker {
	return &tracker{a: p, f: s.f, params: s.params, seen: make(map[types.Object]bool), carrierMemo: make(map[val]carrierSet)}
}

// summarize recomputes what s returns and which of its parameters it
// counts under; it reports whether anything changed.
func (p *pkgFlow) summarize(s *summary) bool {
	t := p.tracker(s)
	var returns []val
	walkOwn(s.f.Body, func(n ast.Node) {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok {
			return
		}
		for _, r := range ret.Results {
			for _, v := range t.values(r) {
				if !t.verified(v, ret.Pos()) {
					returns = merge(returns, []val{v})
				}
			}
		}
	})
	keyParams := make(map[paramRef]keyParam)
	for _, sk := range p.sinks(s) {
		for _, v := range t.sinkValues(sk) {
			if v.src != nil || t.verified(v, sk.expr.Pos()) {
				continue
			}
			ref := paramRef{v.param, v.result}
			kp := keyParams[ref]
			keyParams[ref] = keyParam{what: sk.what, time: kp.time || v.time || sk.time, limit: kp.limit || sk.limit}
		}
	}
	changed := !reflect.DeepEqual(returns, s.returns) || !reflect.DeepEqual(keyParams, s.keyParams)
	s.returns, s.keyParams = returns, keyParams
	return changed
}

// sinks returns the counter keys in s's body and the arguments it passes
// to the package's functions that count under them (as their summaries
// stand now).
func (p *pkgFlow) sinks(s *summary) []sink {
	p.index(s)
	out := slices.Clone(s.direct)
	for _, e := range s.edges {
		for _, callee := range e.callees {
			refs := slices.SortedFunc(maps.Keys(callee.keyParams), func(a, b paramRef) int {
				return cmp.Or(cmp.Compare(a.index, b.index), cmp.Compare(b2i(a.result), b2i(b.result)))
			})
			for _, ref := range refs {
				kp := callee.keyParams[ref]
				if ref.index < len(e.call.Args) {
					out = append(out, sink{expr: e.call.Args[ref.index], fnResult: ref.result, what: kp.what, time: kp.time, limit: kp.limit || e.limit})
				}
			}
		}
	}
	return out
}

// edge is a call of the package's functions.
type edge struct {
	call    *ast.CallExpr
	callees []*summary
	limit   bool // the caller is limit code or compares what the call returns
}

// index finds, once, what in s's body does not change while the summaries
// are computed: its own counter keys (parsing their SQL) and its calls of
// the package's functions.
func (p *pkgFlow) index(s *summary) {
	if s.indexed {
		return
	}
	s.indexed = true
	var calls []*store.Call
	ast.Inspect(s.f.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if c := store.Classify(p.info, call); c != nil {
			calls = append(calls, c)
			keys := incrkey.Keys(s.f, c)
			limit := len(keys) > 0 && p.limitCounter(s, c, keys)
			for _, k := range keys {
				s.direct = append(s.direct, sink{expr: k, what: describeCall(c), limit: limit})
			}
			return true
		}
		if callees := p.callees(call); len(callees) > 0 {
			s.edges = append(s.edges, edge{call: call, callees: callees, limit: s.limitFunc || p.compared(s, call)})
		}
		return true
	})
	s.direct = append(s.direct, p.logSinks(s, calls)...)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// callees returns the summaries of the package's functions that call may
// run: the function or method it names, or, for a method of an interface,
// the package's methods of that name on types that implement it (a
// Limiter interface whose Redis implementation is in the package).
func (p *pkgFlow) callees(call *ast.CallExpr) []*summary {
	fn := flow.Callee(p.info, call)
	if fn == nil {
		return nil
	}
	if s := p.funcs[fn.Origin()]; s != nil {
		return []*summary{s}
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	iface, ok := sig.Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var out []*summary
	for _, s := range p.order {
		m := s.fn
		msig := m.Type().(*types.Signature)
		if m.Name() != fn.Name() || msig.Recv() == nil {
			continue
		}
		recv := msig.Recv().Type()
		if types.Implements(recv, iface) || types.Implements(types.NewPointer(recv), iface) {
			out = append(out, s)
		}
	}
	return out
}

func describeCall(c *store.Call) string {
	switch c.Kind {
	case store.Redis:
		return "the key of a Redis " + c.Op
	case store.SQL:
		return "a key parameter of a SQL counter write"
	}
	return "a Key value of a DynamoDB UpdateItem"
}

// flows returns the request values s counts a limit under. A value that
// reaches the same sink both as a time and as a plain value is a time
// (RL007): one flow per source and sink, whatever the order of the paths.
func (p *pkgFlow) flows(s *summary) []*Flow {
	t := p.tracker(s)
	var out []*Flow
	seen := make(map[[2]ast.Node]*Flow)
	login := p.readsPassword(s)
	for _, sk := range p.sinks(s) {
		if !sk.limit {
			continue // a counter of something else: page views, stock
		}
		for _, v := range t.sinkValues(sk) {
			if v.src == nil {
				continue
			}
			if (v.src.Kind == Body || v.src.Kind == Form) && counterkey.IsLoginName(v.src.Field) && (login || v.src.login) {
				continue // a login's attempts per account: the account is the point
			}
			k := [2]ast.Node{v.src.Node, sk.expr}
			if fl := seen[k]; fl != nil {
				fl.Time = fl.Time || v.time || sk.time
				continue
			}
			verified := v.src.Kind != Forwarded && (p.verified[sourceKey(v.src)] || t.verified(v, sk.expr.Pos()))
			fl := &Flow{Source: v.src, Sink: sk.expr, What: sk.what, Time: v.time || sk.time, Verified: verified}
			seen[k] = fl
			out = append(out, fl)
		}
	}
	return out
}

// readsPassword reports whether s handles a login or a password reset:
// its name or body names a password or a one-time code (req.Password,
// r.FormValue("password"), bcrypt.CompareHashAndPassword, VerifyOTP).
func (p *pkgFlow) readsPassword(s *summary) bool {
	found := counterkey.MentionsPassword(s.name)
	ast.Inspect(s.f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			found = found || counterkey.MentionsPassword(n.Name)
		case *ast.BasicLit:
			found = found || n.Kind == token.STRING && counterkey.MentionsPassword(n.Value)
		}
		return !found
	})
	return found
}

// collectVerified records the named sources that an authentication step
// in s checks, so that the same header or cookie read elsewhere in the
// package (a handler behind this middleware) counts as verified.
func (p *pkgFlow) collectVerified(s *summary) {
	t := p.tracker(s)
	walkAll(s.f.Body, func(n ast.Node) {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || !t.rejects(ifs.Body) {
			return
		}
		for _, v := range t.candidates(ifs.Cond) {
			if v.src.Field != "" && v.src.Kind != Forwarded && t.checks(ifs.Cond, t.carriers(v), 0) {
				p.verified[sourceKey(v.src)] = true
			}
		}
	})
}

// sourceName is a named request value: the X-API-Key header, the sid
// cookie.
type sourceName struct {
	kind  Kind
	field string // lower case
}

func sourceKey(s *Source) sourceName {
	return sourceName{s.Kind, strings.ToLower(s.Field)}
}

// walkOwn calls fn for every node of body outside function literals.
func walkOwn(body ast.Node, fn func(ast.Node)) {
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if n != nil {
			fn(n)
		}
		return true
	})
}

// walkAll calls fn for every node of body, function literals included
// (middleware is mostly a closure).
func walkAll(body ast.Node, fn func(ast.Node)) {
	ast.Inspect(body, func(n ast.Node) bool {
		if n != nil {
			fn(n)
		}
		return true
	})
}

// within reports whether pos lies in n.
func within(n ast.Node, pos token.Pos) bool {
	return n != nil && n.Pos() <= pos && pos < n.End()
}
