package reqflow

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/incrkey"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// Input is one package to analyze.
type Input struct {
	Fset  *token.FileSet
	Files []*ast.File
	Info  *types.Info
	// Funcs are the package's function declarations with a body, with
	// their flows (built in the summary pass's context, which resolves
	// interface calls to their implementations).
	Funcs []Func
	// External returns what a function of another package does with
	// request values, nil when nothing is known.
	External func(fn *types.Func) *Summary
	// Settings, when not nil, replace the package's own proxy settings:
	// the module's, where the gin engine or the trusted proxies may be set
	// up in another package.
	Settings *Settings
	// Proxy is what the configuration governing the package says of the
	// proxies in front of it: the header the edge writes is no client
	// value, and of a split X-Forwarded-For the entries the trusted
	// proxies wrote (the Hops right-most, at least the last) are not.
	Proxy config.TrustedProxy
}

// Func is a function declaration of the package.
type Func struct {
	Decl *ast.FuncDecl
	Obj  *types.Func
	Flow *flow.Func
}

// Result is what Analyze found.
type Result struct {
	// Flows are the request values that reach a counter key, in source
	// order.
	Flows []*Flow
	// Summaries describe the package's functions that return request
	// values, count a limit under a parameter or only check a value's
	// form, for the packages that call them.
	Summaries map[*types.Func]*Summary
}

// Settings are the proxy settings a package makes: a middleware that
// rewrites the peer address, gin's trusted proxies, echo's IP extractor.
type Settings struct {
	RealIP        string // the middleware that rewrites r.RemoteAddr, when one is used
	GinEngine     bool   // a gin engine is created (gin.New, gin.Default)
	GinTrusted    bool   // SetTrustedProxies or TrustedPlatform is set
	EchoEngine    bool   // an echo instance is created (echo.New)
	EchoExtractor bool   // Echo.IPExtractor is set
}

// Merge adds o's settings to s.
func (s *Settings) Merge(o Settings) {
	if s.RealIP == "" {
		s.RealIP = o.RealIP
	}
	s.GinEngine = s.GinEngine || o.GinEngine
	s.GinTrusted = s.GinTrusted || o.GinTrusted
	s.EchoEngine = s.EchoEngine || o.EchoEngine
	s.EchoExtractor = s.EchoExtractor || o.EchoExtractor
}

// Summary is what a function does with request values, in a form that
// other packages (and analysis facts) can hold.
type Summary struct {
	Returns    []Return
	KeyParams  []KeyParam
	FormatOnly bool // it only checks the form of its arguments (formatOnly)
}

// Return is a value a function returns: a request value it reads
// (Source), or one of its parameters passed through (Param).
type Return struct {
	Param  int // -1 for a Source
	Result bool
	Time   bool
	Split  bool
	Source *SourceInfo
}

// SourceInfo describes a request value a function reads.
type SourceInfo struct {
	Kind   Kind
	Field  string
	Via    string
	Helper string // the function that reads it, as messages name it
	Login  bool
	// At is where it is read; token.NoPos in analysis facts.
	At token.Pos
}

// KeyParam is a parameter a function counts a limit under.
type KeyParam struct {
	Index  int
	Result bool // what the parameter (a function) returns
	What   string
	Time   bool
	Limit  bool
	// At is the counter; token.NoPos in analysis facts.
	At token.Pos
}

// pkgFlow is the state of one package's analysis.
type pkgFlow struct {
	info         *types.Info
	set          Settings
	proxy        config.TrustedProxy
	external     func(*types.Func) *Summary
	funcs        map[*types.Func]*summary
	extern       map[*types.Func]*summary // summaries of other packages' functions, converted
	order        []*summary
	sources      map[ast.Node]*Source
	foreign      map[foreignKey]*Source // sources read by other packages' helpers, per call
	verified     map[sourceName]bool    // sources an authentication step checks somewhere in the package
	counterCalls map[*ast.CallExpr]bool // counterCall's answers
}

// foreignKey names a source a helper of another package reads, as one
// call of it (or a reference to it) returns it.
type foreignKey struct {
	node ast.Node
	src  *Source
}

// summary is what one function does with request values.
type summary struct {
	fn         *types.Func
	name       string
	limitFunc  bool // named for limiting: limitctx.Named
	f          *flow.Func
	params     map[types.Object]int
	returns    []val
	keyParams  map[paramRef]keyParam
	external   bool // a function of another package: returns and keyParams only
	formatOnly bool // external: it only checks the form of its arguments

	indexed bool   // direct and edges are set
	direct  []sink // the counter keys of the body's own store calls
	edges   []edge // the body's calls of functions with summaries
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
	limit bool      // the counter is known to count a rate limit
	at    token.Pos // the counter
}

// sink is an expression a limit is counted under.
type sink struct {
	expr ast.Expr
	// fnResult: expr is a function, and what it returns is counted under.
	fnResult bool
	what     string
	time     bool
	limit    bool      // the counter is known to count a rate limit
	at       token.Pos // the counter, when in a callee
	via      string    // the callee expr is passed to
}

// maxRounds bounds the fixpoint over the package's summaries: enough for
// a value passed down a chain of helpers.
const maxRounds = 8

// Analyze follows the request values of one package into counter keys.
// Test files are left out: a test that builds an engine or keys a counter
// on a header says nothing of production.
func Analyze(in *Input) *Result {
	p := &pkgFlow{
		info:         in.Info,
		proxy:        in.Proxy,
		external:     in.External,
		funcs:        make(map[*types.Func]*summary),
		extern:       make(map[*types.Func]*summary),
		sources:      make(map[ast.Node]*Source),
		foreign:      make(map[foreignKey]*Source),
		verified:     make(map[sourceName]bool),
		counterCalls: make(map[*ast.CallExpr]bool),
	}
	var files []*ast.File
	for _, f := range in.Files {
		if !isTest(in.Fset, f) {
			files = append(files, f)
		}
	}
	if in.Settings != nil {
		p.set = *in.Settings
	} else {
		p.set = ReadSettings(in.Info, files)
	}
	for _, fn := range in.Funcs {
		fd := fn.Decl
		if fn.Obj == nil || isTest(in.Fset, fd) {
			continue
		}
		s := &summary{fn: fn.Obj, name: fd.Name.Name, limitFunc: limitctx.Named(fd), f: fn.Flow, params: make(map[types.Object]int)}
		i := 0
		for _, field := range fd.Type.Params.List {
			if len(field.Names) == 0 {
				i++
			}
			for _, id := range field.Names {
				if v := in.Info.Defs[id]; v != nil {
					s.params[v] = i
				}
				i++
			}
		}
		p.funcs[fn.Obj] = s
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
	res := &Result{Summaries: make(map[*types.Func]*Summary)}
	for _, s := range p.order {
		res.Flows = append(res.Flows, p.flows(s)...)
		if sum := p.export(s); sum != nil {
			res.Summaries[s.fn] = sum
		}
	}
	return res
}

func isTest(fset *token.FileSet, n ast.Node) bool {
	f := fset.File(n.Pos())
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// export turns s into a Summary, nil when it says nothing.
func (p *pkgFlow) export(s *summary) *Summary {
	out := &Summary{FormatOnly: len(s.params) > 0 && p.formatOnly(s)}
	for _, r := range s.returns {
		ret := Return{Param: r.param, Result: r.result, Time: r.time, Split: r.split}
		if r.src != nil {
			ret.Param = -1
			ret.Source = &SourceInfo{Kind: r.src.Kind, Field: r.src.Field, Via: r.src.Via, Helper: r.src.Helper, Login: r.src.login, At: r.src.Node.Pos()}
			if r.src.Helper == "" {
				ret.Source.Helper = funcName(s.fn)
			} else {
				ret.Source.At = r.src.At
			}
		}
		out.Returns = append(out.Returns, ret)
	}
	refs := slices.SortedFunc(maps.Keys(s.keyParams), compareRefs)
	for _, ref := range refs {
		kp := s.keyParams[ref]
		out.KeyParams = append(out.KeyParams, KeyParam{Index: ref.index, Result: ref.result, What: kp.what, Time: kp.time, Limit: kp.limit, At: kp.at})
	}
	if len(out.Returns) == 0 && len(out.KeyParams) == 0 && !out.FormatOnly {
		return nil
	}
	return out
}

// funcName names a function for messages: pkg.Func or pkg.Type.Method.
func funcName(fn *types.Func) string { return diag.FuncName(fn) }

func compareRefs(a, b paramRef) int {
	return cmp.Or(cmp.Compare(a.index, b.index), cmp.Compare(b2i(a.result), b2i(b.result)))
}

// externalSummary converts the summary of another package's function,
// once.
func (p *pkgFlow) externalSummary(fn *types.Func) *summary {
	if s, ok := p.extern[fn]; ok {
		return s
	}
	var s *summary
	if p.external != nil {
		if sum := p.external(fn); sum != nil {
			s = &summary{fn: fn, name: fn.Name(), external: true, formatOnly: sum.FormatOnly, keyParams: make(map[paramRef]keyParam)}
			for _, r := range sum.Returns {
				v := val{param: r.Param, result: r.Result, time: r.Time, split: r.Split}
				if r.Source != nil {
					v.param = -1
					v.src = &Source{Kind: r.Source.Kind, Field: r.Source.Field, Via: r.Source.Via, Helper: r.Source.Helper, At: r.Source.At, login: r.Source.Login}
				}
				s.returns = append(s.returns, v)
			}
			for _, kp := range sum.KeyParams {
				s.keyParams[paramRef{kp.Index, kp.Result}] = keyParam{what: kp.What, time: kp.Time, limit: kp.Limit, at: kp.At}
			}
		}
	}
	p.extern[fn] = s
	return s
}

// foreignSource returns the Source for a value a helper of another
// package reads and node (its call) returns: one per node and source, at
// the node.
func (p *pkgFlow) foreignSource(node ast.Node, src *Source) *Source {
	k := foreignKey{node, src}
	if s := p.foreign[k]; s != nil {
		return s
	}
	s := *src
	s.Node = node
	p.foreign[k] = &s
	return &s
}

// ReadSettings reads the proxy settings of a package's files: middleware
// that rewrites the peer address, gin's trusted proxies, echo's IP
// extractor. Whether a gin or echo helper trusts forwarding headers is
// known only where the engine is created: a package of handlers whose
// engine is set up elsewhere is given the benefit of the doubt, unless the
// whole module is analyzed and its settings are merged (Input.Settings).
func ReadSettings(info *types.Info, files []*ast.File) Settings {
	var set Settings
	for _, file := range files {
		imports := fileImports(file)
		ast.Inspect(file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			path := flow.ImportPath(info, sel)
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && path == "" && info.Uses[id] == nil && info.Defs[id] == nil {
				path = imports[id.Name] // a package that did not load
			}
			switch {
			case sel.Sel.Name == "RealIP" && (path == "github.com/go-chi/chi/v5/middleware" || path == "github.com/go-chi/chi/middleware"):
				set.RealIP = "chi's middleware.RealIP"
			case sel.Sel.Name == "ProxyHeaders" && path == "github.com/gorilla/handlers":
				set.RealIP = "gorilla's handlers.ProxyHeaders"
			case (sel.Sel.Name == "New" || sel.Sel.Name == "Default") && path == ginPkg:
				set.GinEngine = true
			case sel.Sel.Name == "New" && (path == echoPkg || path == echoPkgV3):
				set.EchoEngine = true
			case (sel.Sel.Name == "SetTrustedProxies" || sel.Sel.Name == "TrustedPlatform") && declaredIn(info, sel, ginPkg):
				set.GinTrusted = true
			case sel.Sel.Name == "IPExtractor" && (declaredIn(info, sel, echoPkg) || declaredIn(info, sel, echoPkgV3)):
				set.EchoExtractor = true
			}
			return true
		})
	}
	return set
}

// fileImports maps the package names a file imports to their paths.
func fileImports(file *ast.File) map[string]string {
	out := make(map[string]string)
	for _, spec := range file.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		name := flow.PackageName(path)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		out[name] = path
	}
	return out
}

// declaredIn reports whether the method or field sel names is declared
// in the package at path. Without type information (the package did not
// load) the name alone is taken: these settings only silence findings.
func declaredIn(info *types.Info, sel *ast.SelectorExpr, path string) bool {
	obj := info.Uses[sel.Sel]
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
			kp, seen := keyParams[ref]
			at := kp.at
			if !seen {
				at = sk.at
			}
			keyParams[ref] = keyParam{what: sk.what, time: kp.time || v.time || sk.time, limit: kp.limit || sk.limit, at: at}
		}
	}
	changed := !reflect.DeepEqual(returns, s.returns) || !reflect.DeepEqual(keyParams, s.keyParams)
	s.returns, s.keyParams = returns, keyParams
	return changed
}

// sinks returns the counter keys in s's body and the arguments it passes
// to functions that count under them (as their summaries stand now).
func (p *pkgFlow) sinks(s *summary) []sink {
	p.index(s)
	out := slices.Clone(s.direct)
	for _, e := range s.edges {
		for _, callee := range e.callees {
			refs := slices.SortedFunc(maps.Keys(callee.keyParams), compareRefs)
			for _, ref := range refs {
				kp := callee.keyParams[ref]
				if ref.index < len(e.call.Args) {
					out = append(out, sink{expr: e.call.Args[ref.index], fnResult: ref.result, what: kp.what, time: kp.time, limit: kp.limit || e.limit, at: kp.at, via: funcName(callee.fn)})
				}
			}
		}
	}
	return out
}

// edge is a call of a function with a summary.
type edge struct {
	call    *ast.CallExpr
	callees []*summary
	limit   bool // the caller is limit code or compares what the call returns
}

// index finds, once, what in s's body does not change while the summaries
// are computed: its own counter keys (parsing their SQL) and its calls of
// functions with summaries.
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
		if c := store.Classify(s.f, call); c != nil {
			calls = append(calls, c)
			keys := incrkey.Keys(s.f, c)
			limit := len(keys) > 0 && p.limitCounter(s, c, keys)
			at, via := c.Expr.Pos(), ""
			if c.Via != nil {
				via = funcName(c.Via.Func)
				if c.Via.At.IsValid() {
					at = c.Via.At
				}
			}
			for _, k := range keys {
				s.direct = append(s.direct, sink{expr: k, what: describeCall(c), limit: limit, at: at, via: via})
			}
			return true
		}
		if callees := p.callees(s.f, call); len(callees) > 0 {
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

// callees returns the summaries of the functions that call may run: those
// the context of f resolves it to (the function or method it names, an
// interface method's implementations in the module), else, for a method
// of an interface, the package's methods of that name on types that
// implement it (a Limiter interface whose Redis implementation is in the
// package).
func (p *pkgFlow) callees(f *flow.Func, call *ast.CallExpr) []*summary {
	var out []*summary
	for _, fn := range f.Callees(call) {
		if s := p.summaryOf(fn); s != nil {
			out = append(out, s)
		}
	}
	if len(out) > 0 {
		return out
	}
	fn := flow.Callee(p.info, call)
	if fn == nil {
		return nil
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	iface, ok := sig.Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
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

// summaryOf returns the summary of fn: the package's, or another
// package's converted.
func (p *pkgFlow) summaryOf(fn *types.Func) *summary {
	fn = fn.Origin()
	if s := p.funcs[fn]; s != nil {
		return s
	}
	return p.externalSummary(fn)
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
			fl := &Flow{Source: v.src, Sink: sk.expr, What: sk.what, Time: v.time || sk.time, Verified: verified, Counter: sk.at, Via: sk.via}
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
