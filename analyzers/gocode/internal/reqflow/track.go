package reqflow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// val is one origin a value may carry: a request source or a parameter of
// the function being tracked.
type val struct {
	src    *Source
	param  int  // the parameter's index, -1 for a source
	result bool // the parameter is a function: this is what it returns
	time   bool // used as a time: parsed or converted to one, or window arithmetic
	split  bool // a list of a source's comma-separated entries
}

func (v val) withTime(on bool) val {
	v.time = v.time || on
	return v
}

// tracker evaluates the expressions of one function.
type tracker struct {
	a      *pkgFlow
	f      *flow.Func
	params map[types.Object]int
	seen   map[types.Object]bool
	depth  int

	carrierMemo map[val]carrierSet
}

const maxDepth = 24

// values returns the origins e may carry.
func (t *tracker) values(e ast.Expr) []val {
	if e == nil || t.depth > maxDepth {
		return nil
	}
	t.depth++
	defer func() { t.depth-- }()
	e = ast.Unparen(e)
	if src := t.sourceOf(e); src != nil {
		return []val{{src: src, param: -1, time: counterkey.IsTimeField(src.Field)}}
	}
	switch e := e.(type) {
	case *ast.Ident:
		return t.ident(e)
	case *ast.BinaryExpr:
		return t.binary(e)
	case *ast.UnaryExpr:
		return t.values(e.X)
	case *ast.StarExpr:
		return t.values(e.X)
	case *ast.TypeAssertExpr:
		return t.values(e.X)
	case *ast.KeyValueExpr:
		return t.values(e.Value)
	case *ast.CompositeLit:
		var out []val
		for _, elt := range e.Elts {
			out = merge(out, t.values(elt))
		}
		return out
	case *ast.SelectorExpr:
		return t.selector(e)
	case *ast.IndexExpr:
		return t.index(e)
	case *ast.SliceExpr:
		return t.slice(e)
	case *ast.CallExpr:
		return t.call(e)
	}
	return nil
}

func (t *tracker) ident(id *ast.Ident) []val {
	obj := t.f.Object(id)
	if obj == nil {
		return nil
	}
	return t.object(obj)
}

// object returns the origins a variable may hold: all its definitions'.
func (t *tracker) object(obj types.Object) []val {
	if i, ok := t.params[obj]; ok {
		return []val{{param: i}}
	}
	if t.seen[obj] {
		return nil
	}
	t.seen[obj] = true
	defer delete(t.seen, obj)
	var out []val
	for _, d := range t.f.Defs(obj) {
		out = merge(out, t.values(d))
	}
	return out
}

func (t *tracker) binary(e *ast.BinaryExpr) []val {
	vs := merge(t.values(e.X), t.values(e.Y))
	if len(vs) == 0 {
		return nil
	}
	if e.Op == token.ADD && isString(t.f.Info.TypeOf(e)) {
		return vs // concatenation
	}
	if flow.IsComparison(e.Op) || e.Op == token.LAND || e.Op == token.LOR {
		return nil
	}
	// Arithmetic on a request value is window arithmetic when the other
	// operand speaks of time: a duration, a window, a number of seconds.
	timeOp := t.timeish(e.X) || t.timeish(e.Y)
	for i := range vs {
		vs[i] = vs[i].withTime(timeOp)
	}
	return vs
}

// timeish reports whether e speaks of time: a time.Duration, a name that
// says window, bucket, interval, seconds..., or a constant of 60, 3600,
// 86400 or 1000 (seconds in a minute, milliseconds in a second).
func (t *tracker) timeish(e ast.Expr) bool {
	if tv, ok := t.f.Info.Types[e]; ok {
		if n, ok := tv.Type.(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" {
			return true
		}
		if tv.Value != nil {
			switch tv.Value.ExactString() {
			case "60", "3600", "86400", "1000", "1000000", "1000000000":
				return true
			}
			return false
		}
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			found = found || durationName(n.Name)
		case *ast.SelectorExpr:
			found = found || durationName(n.Sel.Name)
		}
		return !found
	})
	return found
}

// durationWords name a span of time.
var durationWords = map[string]bool{
	"window": true, "interval": true, "period": true, "second": true, "seconds": true,
	"minute": true, "minutes": true, "hour": true, "hours": true, "day": true, "days": true,
	"duration": true, "ttl": true, "ms": true, "millis": true,
}

// durationName reports whether an operand's name says it is a span of
// time (window, interval, seconds) or a time itself.
func durationName(name string) bool {
	if counterkey.IsTimeField(name) {
		return true
	}
	for _, w := range counterkey.Words(name) {
		if durationWords[w] {
			return true
		}
	}
	return false
}

func (t *tracker) selector(e *ast.SelectorExpr) []val {
	if _, ok := t.f.Info.Uses[e.Sel].(*types.Func); ok {
		return nil // a method value
	}
	if flow.ImportPath(t.f.Info, e) != "" {
		return nil // a package-level name
	}
	vs := t.values(e.X)
	for i, v := range vs {
		if v.src != nil && v.src.Kind == Body && v.src.Field == "" {
			// A field of a decoded body: name it.
			vs[i].src = t.a.derived(e, Body, e.Sel.Name, hasPasswordField(t.f.Info.TypeOf(e.X)))
			vs[i].time = vs[i].time || counterkey.IsTimeField(e.Sel.Name)
		}
	}
	return vs
}

// hasPasswordField reports whether t is a struct (or a pointer to one)
// with a field that names a password or a one-time code: a login form.
func hasPasswordField(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if counterkey.MentionsPassword(st.Field(i).Name()) {
			return true
		}
	}
	return false
}

func (t *tracker) index(e *ast.IndexExpr) []val {
	vs := t.values(e.X)
	if len(vs) == 0 {
		return nil
	}
	if isMap(t.f.Info.TypeOf(e.X)) {
		// url.Values["name"] and similar: the entry of a request map.
		if s, ok := t.f.ConstString(e.Index); ok {
			for i, v := range vs {
				if v.src != nil && v.src.Field == "" {
					vs[i].src = t.a.derived(e, v.src.Kind, s, false)
				}
			}
		}
		return vs
	}
	trusted, entry := t.hop(e)
	var out []val
	for _, v := range vs {
		if v.split && v.src != nil && v.src.Kind == Forwarded {
			if trusted {
				continue // an entry the trusted proxies wrote
			}
			if entry != "" && v.src.Helper == "" {
				v.src = t.a.entry(e, v.src, entry)
			}
		}
		v.split = false
		out = append(out, v)
	}
	return out
}

// hop reports whether the index into a split X-Forwarded-For picks an
// entry the trusted proxies wrote, as the Python engine judges
// xff.split(",")[i]: with trusted-proxy.hops = N configured, one of the N
// right-most (parts[len(parts)-N] is the client address the outermost
// proxy saw); without, the right-most one, which the nearest proxy
// appends. An entry counted from the left (parts[0], parts[1]) is the
// client's to write, and so is one further left than the proxies reach:
// entry then describes it ("" for the first entry, which the header's
// own description names). An index that is neither (a loop walking the
// chain from the right past the trusted proxies) is taken as the
// proxies' entry.
func (t *tracker) hop(e *ast.IndexExpr) (trusted bool, entry string) {
	if tv, ok := t.f.Info.Types[e.Index]; ok && tv.Value != nil {
		n, err := strconv.Atoi(tv.Value.ExactString())
		if err != nil || n == 0 {
			return false, ""
		}
		return false, "the " + ordinal(n+1) + " X-Forwarded-For entry"
	}
	k, ok := t.fromRight(e.X, e.Index, 0)
	if !ok {
		return true, ""
	}
	hops := max(t.a.proxy.Hops, 1)
	if k >= 1 && k <= hops {
		return true, ""
	}
	written := "the one the nearest proxy appends (trusted-proxy.hops is not set)"
	if t.a.proxy.Hops > 1 {
		written = fmt.Sprintf("the %d your trusted proxies append (trusted-proxy.hops = %d)", hops, hops)
	}
	return false, "the " + ordinal(k) + " X-Forwarded-For entry from the right, beyond " + written
}

// ordinal writes n as 1st, 2nd, 3rd, 4th, ...
func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// fromRight returns k when index is len(list)-k with a constant k,
// directly or through local variables (n := len(parts); parts[n-2]).
func (t *tracker) fromRight(list, index ast.Expr, depth int) (int, bool) {
	if depth > 4 {
		return 0, false
	}
	index = ast.Unparen(index)
	if id, ok := index.(*ast.Ident); ok {
		if obj := t.f.Object(id); obj != nil {
			if defs := t.f.Defs(obj); len(defs) == 1 {
				return t.fromRight(list, defs[0], depth+1)
			}
		}
		return 0, false
	}
	b, ok := index.(*ast.BinaryExpr)
	if !ok || b.Op != token.SUB || !t.isLen(b.X, list, depth) {
		return 0, false
	}
	tv, ok := t.f.Info.Types[b.Y]
	if !ok || tv.Value == nil {
		return 0, false
	}
	k, err := strconv.Atoi(tv.Value.ExactString())
	return k, err == nil
}

// isLen reports whether e is len(list), directly or through a local
// variable.
func (t *tracker) isLen(e, list ast.Expr, depth int) bool {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok && depth <= 4 {
		if obj := t.f.Object(id); obj != nil {
			if defs := t.f.Defs(obj); len(defs) == 1 {
				return t.isLen(defs[0], list, depth+1)
			}
		}
		return false
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	if b, ok := t.f.Info.Uses[id].(*types.Builtin); !ok || b.Name() != "len" {
		return false
	}
	a, l := t.f.Object(call.Args[0]), t.f.Object(list)
	return a != nil && a == l || types.ExprString(call.Args[0]) == types.ExprString(list)
}

func (t *tracker) slice(e *ast.SliceExpr) []val {
	vs := t.values(e.X)
	if e.Low == nil || !t.afterLastComma(e.Low) {
		return vs
	}
	// s[strings.LastIndex(s, ",")+1:]: the right-most hop.
	var out []val
	for _, v := range vs {
		if v.src == nil || v.src.Kind != Forwarded {
			out = append(out, v)
		}
	}
	return out
}

// afterLastComma reports whether e is, directly or through a variable,
// strings.LastIndex(...)+1 or strings.LastIndexByte(...)+1.
func (t *tracker) afterLastComma(e ast.Expr) bool {
	found := false
	var visit func(e ast.Expr, depth int)
	visit = func(e ast.Expr, depth int) {
		if depth > 4 || found {
			return
		}
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if fn := flow.Callee(t.f.Info, n); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "strings" &&
					(fn.Name() == "LastIndex" || fn.Name() == "LastIndexByte" || fn.Name() == "LastIndexAny") {
					found = true
				}
			case *ast.Ident:
				if obj := t.f.Object(n); obj != nil {
					for _, d := range t.f.Defs(obj) {
						visit(d, depth+1)
					}
				}
			}
			return !found
		})
	}
	visit(e, 0)
	return found
}

// propagating are the functions whose result carries their arguments'
// origins: string building, parsing, encoding and hashing (a hashed
// header is still the client's choice).
var propagating = map[string]bool{
	"fmt.Sprintf": true, "fmt.Sprint": true, "fmt.Sprintln": true, "fmt.Fprintf": true, "fmt.Fprint": true,
	"strconv.Itoa": true, "strconv.FormatInt": true, "strconv.FormatUint": true,
	"strconv.FormatFloat": true, "strconv.Atoi": true, "strconv.ParseInt": true,
	"strconv.ParseUint": true, "strconv.ParseFloat": true, "strconv.Quote": true,
	"strings.Join": true, "strings.TrimSpace": true, "strings.ToLower": true,
	"strings.ToUpper": true, "strings.Trim": true, "strings.TrimPrefix": true,
	"strings.TrimSuffix": true, "strings.TrimLeft": true, "strings.TrimRight": true,
	"strings.ReplaceAll": true, "strings.Replace": true, "strings.Repeat": true,
	"strings.Clone": true, "strings.ToValidUTF8": true, "strings.Title": true,
	"strings.Cut": true, "strings.CutPrefix": true, "strings.CutSuffix": true,
	"bytes.TrimSpace": true, "bytes.ToLower": true,
	"path.Join": true, "net/url.QueryEscape": true, "net/url.PathEscape": true,
	"net.SplitHostPort": true, "net.ParseIP": true, "net/netip.ParseAddr": true,
	"net/netip.ParseAddrPort": true, "net/netip.MustParseAddr": true,
	"io.ReadAll": true, "io/ioutil.ReadAll": true, "encoding/json.Unmarshal": true,
	"encoding/json.NewDecoder": true, "encoding/xml.Unmarshal": true,
	"crypto/sha256.Sum256": true, "crypto/sha1.Sum": true, "crypto/md5.Sum": true,
	"crypto/sha512.Sum512": true, "encoding/hex.EncodeToString": true,
	"hash/crc32.ChecksumIEEE": true,
}

// splitting are the functions that cut a value into its entries.
var splitting = map[string]bool{
	"strings.Split": true, "strings.SplitN": true, "strings.Fields": true,
	"strings.FieldsFunc": true, "strings.SplitAfter": true,
}

// timeConversions turn a client value into a time.
var timeConversions = map[string]bool{
	"time.Parse": true, "time.ParseInLocation": true, "time.Unix": true,
	"time.UnixMilli": true, "time.UnixMicro": true, "time.ParseDuration": true,
}

func (t *tracker) call(call *ast.CallExpr) []val {
	info := t.f.Info
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return t.values(call.Args[0]) // a conversion
	}
	if obj := t.f.Object(call.Fun); obj != nil {
		if i, ok := t.params[obj]; ok {
			return []val{{param: i, result: true}} // keyFn(r): a key function passed in
		}
	}
	if sums := t.a.callees(t.f, call); len(sums) > 0 {
		var out []val
		for _, sum := range sums {
			out = merge(out, t.through(call, sum))
		}
		return out
	}
	fn := flow.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	qual := fn.Pkg().Path() + "." + fn.Name()
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	method := isSel && flow.RecvName(fn) != ""
	switch {
	case !method && propagating[qual]:
		return t.args(call, false)
	case !method && splitting[qual]:
		vs := t.args(call, false)
		for i := range vs {
			vs[i].split = true
		}
		return vs
	case !method && timeConversions[qual]:
		return t.args(call, true)
	case method && (qual == "strings.String" || qual == "bytes.String" || qual == "bytes.Bytes"):
		return t.values(sel.X) // b.String() of a builder the value was written to
	case method && (fn.Pkg().Path() == "strings" || fn.Pkg().Path() == "bytes") && strings.HasPrefix(fn.Name(), "Write"):
		return t.args(call, false) // b.WriteString(x): defines b
	case method && (fn.Pkg().Path() == "net" || fn.Pkg().Path() == "net/netip"):
		// ip.String(), addr.Prefix(64), addr.Unmap() of a client address.
		return t.values(sel.X)
	case method && fn.Pkg().Path() == "time":
		// t.Unix(), t.Truncate(w), t.Add(d) of a client time.
		return withTime(t.values(sel.X), true)
	case method && (qual == "encoding/json.Decode" || qual == "encoding/xml.Decode"):
		return t.values(sel.X)
	case method && fn.Pkg().Path() == "net/http" && flow.RecvName(fn) == "Cookie" && fn.Name() == "String":
		return t.values(sel.X)
	}
	return nil
}

// args returns the origins of a call's arguments.
func (t *tracker) args(call *ast.CallExpr, asTime bool) []val {
	var out []val
	for _, a := range call.Args {
		out = merge(out, t.values(a))
	}
	return withTime(out, asTime)
}

// through returns what a call of a function of the package returns: its
// returned sources, and the origins of the arguments it passes through.
func (t *tracker) through(call *ast.CallExpr, sum *summary) []val {
	var out []val
	for _, r := range sum.returns {
		if r.param < 0 {
			if sum.external && r.src != nil {
				r.src = t.a.foreignSource(call, r.src)
			}
			out = merge(out, []val{r})
			continue
		}
		if r.param < len(call.Args) {
			arg := call.Args[r.param]
			vs := t.values(arg)
			if r.result {
				vs = t.funcResults(arg)
			}
			out = merge(out, withTime(vs, r.time))
		}
	}
	return out
}

func withTime(vs []val, on bool) []val {
	for i := range vs {
		vs[i] = vs[i].withTime(on)
	}
	return vs
}

// merge appends the origins of b that a does not hold yet.
func merge(a, b []val) []val {
	for _, v := range b {
		if !slices.Contains(a, v) {
			a = append(a, v)
		}
	}
	return a
}

// isMap reports whether t is a map type; t may be nil (no type
// information for the expression).
func isMap(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Map)
	return ok
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// sinkValues returns the origins counted under sk: those of its
// expression, or of what the function it names returns.
func (t *tracker) sinkValues(sk sink) []val {
	if sk.fnResult {
		return t.funcResults(sk.expr)
	}
	return t.values(sk.expr)
}

// funcResults returns the origins of what the function e returns: a
// function literal's return values, a function of the package's returned
// sources, a variable holding a literal, or a parameter of function type
// passed on.
func (t *tracker) funcResults(e ast.Expr) []val {
	if t.depth > maxDepth {
		return nil
	}
	t.depth++
	defer func() { t.depth-- }()
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		var out []val
		walkOwn(e.Body, func(n ast.Node) {
			if ret, ok := n.(*ast.ReturnStmt); ok {
				for _, r := range ret.Results {
					out = merge(out, t.values(r))
				}
			}
		})
		return out
	case *ast.Ident, *ast.SelectorExpr:
		if obj := t.f.Object(e); obj != nil {
			if i, ok := t.params[obj]; ok {
				return []val{{param: i, result: true}}
			}
			var out []val
			for _, d := range t.f.Defs(obj) {
				out = merge(out, t.funcResults(d))
			}
			return out
		}
		fn := flow.FuncOf(t.f.Info, e)
		if fn == nil {
			return nil
		}
		var out []val
		if s := t.a.summaryOf(fn); s != nil {
			for _, r := range s.returns {
				if r.src != nil {
					if s.external {
						r.src = t.a.foreignSource(e, r.src)
					}
					out = merge(out, []val{r})
				}
			}
		}
		return out
	}
	return nil
}
