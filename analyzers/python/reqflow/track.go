package reqflow

import (
	"slices"
	"strconv"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
)

// origin is where a tracked value comes from: a request source, or a
// parameter of the function being summarized.
type origin struct {
	src   *Source
	param string // the parameter's name when src is nil
}

// value is a tracked value.
type value struct {
	origin
	time  bool // converted to a time or used in arithmetic
	split bool // a list of hops split from a forwarding header
}

// tracker follows values through one function body.
type tracker struct {
	a       *analysis
	f       *pyfile.File
	fn      *pyfile.Func
	vars    map[string][]*value // the values each name may hold
	lookups map[string]origin   // names holding a lookup of a tracked value
	// verifiedAt holds, per origin, the earliest byte offset at which an
	// authentication step has checked it.
	verifiedAt map[origin]uint32
	trusted    bool // the handler is authenticated
}

func newTracker(a *analysis, fn *pyfile.Func) *tracker {
	return &tracker{a: a, f: fn.File, fn: fn,
		vars: make(map[string][]*value), lookups: make(map[string]origin), verifiedAt: make(map[origin]uint32)}
}

// seedParams tracks every parameter as itself (for summaries) and binds
// FastAPI parameters to their sources.
func (t *tracker) seedParams(summarize bool) {
	role := t.a.roles[t.fn]
	pathParams := t.a.pathParams[t.fn]
	for _, p := range t.fn.Params() {
		if p.Star || t.isRequestParam(p) {
			continue
		}
		if role != 0 {
			src, auth := t.paramSource(p, pathParams)
			if auth {
				t.trusted = true
			}
			if src != nil {
				t.vars[p.Name] = []*value{{origin: origin{src: src}}}
				continue
			}
		}
		if summarize {
			t.vars[p.Name] = []*value{{origin: origin{param: p.Name}}}
		}
	}
	if t.a.authDecorated(t.fn) {
		t.trusted = true
	}
}

// isRequestParam reports whether a parameter is the request object.
func (t *tracker) isRequestParam(p pyfile.Param) bool {
	name := p.Node
	if p.Node.Type() != "identifier" {
		name = nil
		for _, c := range p.Node.NamedChildren() {
			if c.Type() == "identifier" {
				name = c
				break
			}
		}
	}
	return name != nil && t.fn.Scope.KindOf(name) == pyfile.Request
}

// propagate tracks assignments until nothing changes.
func (t *tracker) propagate() {
	for changed := true; changed; {
		changed = false
		for _, sn := range t.a.nodes(t.fn) {
			n := sn.node
			var left, right *pyast.Node
			switch sn.typ {
			case "expression_statement":
				changed = t.cursorLookup(n) || changed
				continue
			case "assignment", "augmented_assignment":
				left, right = n.ChildByFieldName("left"), n.ChildByFieldName("right")
			case "named_expression":
				left, right = n.ChildByFieldName("name"), n.ChildByFieldName("value")
			default:
				continue
			}
			if left == nil || right == nil {
				continue
			}
			vs := t.values(right)
			var lookup *origin
			if o, ok := t.queryLookup(right); ok {
				lookup, vs = &o, nil // the row found, not the value
			} else if len(vs) == 0 {
				if o, ok := t.looksUp(right); ok {
					lookup = &o
				} else if o, ok := t.fromLookup(right); ok {
					lookup = &o
				}
			}
			for _, name := range targets(t.f, left) {
				for _, v := range vs {
					if !slices.ContainsFunc(t.vars[name], v.same) {
						t.vars[name] = append(t.vars[name], v)
						changed = true
					}
				}
				if lookup != nil {
					if _, ok := t.lookups[name]; !ok {
						t.lookups[name] = *lookup
						changed = true
					}
				}
			}
		}
	}
}

// targets lists the plain names an assignment target binds.
func targets(f *pyfile.File, n *pyast.Node) []string {
	switch n.Type() {
	case "identifier":
		return []string{f.Text(n)}
	case "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list":
		var out []string
		for i := 0; i < int(n.NamedChildCount()); i++ {
			out = append(out, targets(f, n.NamedChild(i))...)
		}
		return out
	}
	return nil
}

// statementTypes are the nodes the tracker looks at.
var statementTypes = map[string]bool{
	"assignment": true, "augmented_assignment": true, "named_expression": true, "expression_statement": true,
	"if_statement": true, "elif_clause": true, "call": true, "return_statement": true,
}

// typedNode is a node with its type, read once.
type typedNode struct {
	node *pyast.Node
	typ  string
}

// nodes returns the nodes of fn's body the tracker looks at, not those of
// nested functions, lambdas or classes, in source order; the list is
// built once per function.
func (a *analysis) nodes(fn *pyfile.Func) []typedNode {
	k := fn
	if ns, ok := a.bodies[k]; ok {
		return ns
	}
	body := fn.Body()
	ns := []typedNode{}
	pyfile.Walk(body, func(n *pyast.Node) bool {
		t := n.Type()
		switch t {
		case "function_definition", "lambda", "class_definition":
			return n.Equal(body)
		}
		if statementTypes[t] {
			ns = append(ns, typedNode{n, t})
		}
		return true
	})
	a.bodies[k] = ns
	return ns
}

// carryMethods are the methods whose result still is the client's value.
var carryMethods = map[string]bool{
	"strip": true, "lstrip": true, "rstrip": true, "lower": true, "upper": true, "casefold": true,
	"replace": true, "removeprefix": true, "removesuffix": true, "encode": true, "decode": true,
	"split": true, "rsplit": true, "partition": true, "rpartition": true, "get": true,
	"hexdigest": true, "digest": true, "format": true, "title": true,
}

// timeConversions turn a client value into a time.
var timeConversions = map[string]bool{
	"datetime.datetime.fromtimestamp": true, "datetime.datetime.utcfromtimestamp": true,
	"datetime.datetime.fromisoformat": true, "datetime.datetime.strptime": true,
	"datetime.date.fromtimestamp": true, "datetime.date.fromisoformat": true,
	"dateutil.parser.parse": true, "dateutil.parser.isoparse": true,
}

// value returns the tracked value expression n carries, or nil.
func (t *tracker) value(n *pyast.Node) *value {
	if n == nil {
		return nil
	}
	if src := t.requestSource(n); src != nil {
		return &value{origin: origin{src: src}}
	}
	switch n.Type() {
	case "identifier":
		if vs := t.vars[t.f.Text(n)]; len(vs) > 0 {
			return vs[0]
		}
		return nil
	case "parenthesized_expression", "await", "interpolation", "expression_statement":
		if n.NamedChildCount() > 0 {
			return t.value(n.NamedChild(0))
		}
	case "string", "concatenated_string", "tuple", "list", "conditional_expression", "boolean_operator", "dictionary", "pair", "argument_list", "keyword_argument":
		for i := 0; i < int(n.NamedChildCount()); i++ {
			c := n.NamedChild(i)
			if n.Type() == "pair" && c.Equal(n.ChildByFieldName("key")) {
				continue
			}
			if n.Type() == "keyword_argument" && c.Equal(n.ChildByFieldName("name")) {
				continue
			}
			if v := t.value(c); v != nil {
				return v
			}
		}
	case "binary_operator":
		left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
		op := t.f.Text(n.ChildByFieldName("operator"))
		if op == "%" && (left.Type() == "string" || left.Type() == "concatenated_string") {
			return t.value(right) // %-formatting
		}
		v := t.value(left)
		if v == nil {
			v = t.value(right)
		}
		if v != nil && op != "+" {
			c := *v
			c.time = true
			return &c
		}
		return v
	case "subscript":
		container := n.ChildByFieldName("value")
		v := t.value(container)
		if v == nil {
			return nil
		}
		if v.split && v.src != nil && v.src.Kind == Forwarded && t.trustedHop(n.ChildByFieldName("subscript")) {
			return nil // the hop the trusted proxies wrote
		}
		c := *v
		c.split = false
		return &c
	case "attribute":
		return t.value(n.ChildByFieldName("object"))
	case "call":
		return t.callValue(n)
	}
	return nil
}

// trustedHop reports whether the index into a split X-Forwarded-For
// picks an entry the trusted proxies wrote: with trusted-proxy.hops = N
// configured, one of the N right-most (xff.split(",")[-N] is the client
// address the outermost proxy saw); without, the right-most one, which
// the nearest proxy appends.
func (t *tracker) trustedHop(index *pyast.Node) bool {
	hops := max(t.f.Config().TrustedProxy.Hops, 1)
	k, err := strconv.Atoi(strings.TrimPrefix(t.f.Text(index), "-"))
	return err == nil && strings.HasPrefix(t.f.Text(index), "-") && k >= 1 && k <= hops
}

// same reports whether two values are alike.
func (v *value) same(w *value) bool { return *v == *w }

// values returns every tracked value expression n may carry: all the
// parts of a string, tuple or concatenation, all the values a name may
// hold.
func (t *tracker) values(n *pyast.Node) []*value {
	if n == nil {
		return nil
	}
	var out []*value
	add := func(vs ...*value) {
		for _, v := range vs {
			if v != nil && !slices.ContainsFunc(out, v.same) {
				out = append(out, v)
			}
		}
	}
	switch n.Type() {
	case "identifier":
		add(t.vars[t.f.Text(n)]...)
		return out
	case "string", "concatenated_string", "interpolation", "tuple", "list", "dictionary", "pair", "parenthesized_expression":
		if t.requestSource(n) == nil {
			for i := 0; i < int(n.NamedChildCount()); i++ {
				c := n.NamedChild(i)
				if n.Type() == "pair" && c.Equal(n.ChildByFieldName("key")) {
					continue
				}
				add(t.values(c)...)
			}
			return out
		}
	case "binary_operator":
		left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
		op := t.f.Text(n.ChildByFieldName("operator"))
		if op == "%" && (left.Type() == "string" || left.Type() == "concatenated_string") {
			return t.values(right)
		}
		for _, v := range append(t.values(left), t.values(right)...) {
			if op != "+" {
				c := *v
				c.time = true
				v = &c
			}
			add(v)
		}
		return out
	}
	add(t.value(n))
	return out
}

// callValue returns the tracked value a call returns: a string method of
// a tracked value, formatting, a conversion, a hash, or a same-file
// function that returns a source.
func (t *tracker) callValue(n *pyast.Node) *value {
	fn := n.ChildByFieldName("function")
	args := n.ChildByFieldName("arguments")
	q := t.f.Qualified(fn)
	switch {
	case timeConversions[q]:
		if v := t.value(args); v != nil {
			c := *v
			c.time = true
			return &c
		}
		return nil
	case strings.HasPrefix(q, "hashlib."), q == "zlib.crc32", q == "base64.b64encode", q == "urllib.parse.quote":
		return t.value(args)
	}
	if s, site := t.summaryOf(n); s != nil {
		if s.returns == nil {
			// A helper that builds a key from its argument passes the
			// argument's value on.
			for _, p := range s.fn.Params() {
				if s.passes[p.Name] {
					if v := t.value(site.Arg(p.Name)); v != nil {
						return v
					}
				}
			}
			return nil
		}
		// The helper returns a request value: the caller holds it now.
		src := *s.returns
		src.Path = append([]Step{{Node: n, What: "returned by " + s.fn.QualName()}}, src.Path...)
		if len(src.Path) > 8 {
			src.Path = src.Path[:8]
		}
		return &value{origin: origin{src: t.a.returnedAt(n, &src)}}
	}
	switch fn.Type() {
	case "identifier":
		name := t.f.Text(fn)
		if _, local := t.f.Imports[name]; local {
			return nil
		}
		switch name {
		case "str", "int", "float", "bytes", "abs", "round":
			if t.fn.Scope.Value(fn) == nil {
				return t.value(firstArg(n))
			}
		}
	case "attribute":
		obj := fn.ChildByFieldName("object")
		method := t.f.Text(fn.ChildByFieldName("attribute"))
		if (obj.Type() == "string" || obj.Type() == "concatenated_string") && (method == "format" || method == "join") {
			return t.value(args)
		}
		if !carryMethods[method] {
			return nil
		}
		v := t.value(obj)
		if v == nil {
			return nil
		}
		c := *v
		c.split = method == "split" || method == "rsplit"
		return &c
	}
	return nil
}

// cursorLookup records `cur.execute("SELECT ... WHERE key = %s", (key,))`
// as a lookup held by the cursor. It reports whether that is new.
func (t *tracker) cursorLookup(stmt *pyast.Node) bool {
	call := stmt.NamedChild(0)
	for call != nil && call.Type() == "await" {
		call = call.NamedChild(0)
	}
	c, ok := t.fn.Scope.DatastoreCall(call)
	if !ok || c.Store() != "sql" || t.counts(call) {
		return false
	}
	recv := call.ChildByFieldName("function").ChildByFieldName("object")
	if recv.Type() != "identifier" {
		return false
	}
	if _, done := t.lookups[t.f.Text(recv)]; done {
		return false
	}
	if v := t.value(call.ChildByFieldName("arguments")); v != nil {
		t.lookups[t.f.Text(recv)] = v.origin
		return true
	}
	return false
}

// fromLookup reports whether n reads a name that holds a lookup
// (row = cur.fetchone() after the cursor looked the key up).
func (t *tracker) fromLookup(n *pyast.Node) (origin, bool) {
	var o origin
	found := false
	pyfile.Walk(n, func(m *pyast.Node) bool {
		if m.Type() == "identifier" && !found {
			o, found = t.lookups[t.f.Text(m)]
		}
		return !found
	})
	return o, found
}

// rowTakers are the methods that take the row a query found.
var rowTakers = map[string]bool{
	"first": true, "one": true, "one_or_none": true, "scalar": true, "scalar_one": true, "scalar_one_or_none": true,
	"get": true, "last": true, "exists": true, "afirst": true, "aget": true, "aexists": true,
}

// queryLookup reports whether n takes the row of a query filtered on a
// tracked value: session.exec(select(K).where(K.key == key)).first(),
// K.objects.filter(key=key).first(). Its result says whether the value is
// known, as a lookup's does.
func (t *tracker) queryLookup(n *pyast.Node) (origin, bool) {
	for n.Type() == "await" && n.NamedChildCount() > 0 {
		n = n.NamedChild(0)
	}
	fn := n.ChildByFieldName("function")
	if n.Type() != "call" || fn == nil || fn.Type() != "attribute" || !rowTakers[t.f.Text(fn.ChildByFieldName("attribute"))] {
		return origin{}, false
	}
	var o origin
	found := false
	pyfile.Walk(fn.ChildByFieldName("object"), func(m *pyast.Node) bool {
		switch {
		case found:
		case m.Type() == "call" && t.counts(m):
			return false
		case m.Type() == "argument_list": // the filter's arguments, not the session it runs on
			pyfile.Walk(m, func(a *pyast.Node) bool {
				if !found && a.Type() == "identifier" {
					if v := t.value(a); v != nil {
						o, found = v.origin, true
					}
				}
				return !found
			})
		}
		return !found
	})
	return o, found
}

// looksUp reports whether n is a lookup keyed by a tracked value:
// accounts.get(key), API_KEYS[key], await verify(key).
func (t *tracker) looksUp(n *pyast.Node) (origin, bool) {
	for n.Type() == "await" || n.Type() == "parenthesized_expression" {
		if n.NamedChildCount() == 0 {
			return origin{}, false
		}
		n = n.NamedChild(0)
	}
	if t.counts(n) {
		return origin{}, false
	}
	switch n.Type() {
	case "call":
		if v := t.value(n.ChildByFieldName("arguments")); v != nil {
			return v.origin, true
		}
	case "subscript":
		if v := t.value(n.ChildByFieldName("subscript")); v != nil {
			return v.origin, true
		}
	}
	return origin{}, false
}

// returnedAt returns the one Source for a request value that the call n
// returns: the first src given for n.
func (a *analysis) returnedAt(n *pyast.Node, src *Source) *Source {
	if prev, ok := a.returned[n]; ok && prev.Node == src.Node {
		return prev
	}
	a.returned[n] = src
	return src
}
