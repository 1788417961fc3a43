package rl016

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/dynamo"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/ddbexpr"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL016"

// Analyzer reports DynamoDB expressions that DynamoDB rejects at run time.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

const (
	ddbV1    = "github.com/aws/aws-sdk-go/service/dynamodb"
	ddbV2    = "github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbTypes = "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	valuesField = "ExpressionAttributeValues"
	namesField  = "ExpressionAttributeNames"
)

// exprFields are the expression fields, in the order they are checked.
var exprFields = []string{"KeyConditionExpression", "UpdateExpression", "ConditionExpression", "FilterExpression", "ProjectionExpression"}

func isExprField(name string) bool {
	for _, f := range exprFields {
		if f == name {
			return true
		}
	}
	return false
}

// inputTypes are the structs that carry expressions: the operation inputs
// and the actions of a write transaction (and TransactGetItems' Get).
var inputTypes = map[string]bool{
	"UpdateItemInput": true, "PutItemInput": true, "DeleteItemInput": true,
	"GetItemInput": true, "QueryInput": true, "ScanInput": true,
	"Update": true, "Put": true, "Delete": true, "ConditionCheck": true, "Get": true,
}

// isInputType reports whether t (or *t) is one of the SDKs' expression
// carrying structs.
func isInputType(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	switch named.Obj().Pkg().Path() {
	case ddbV1, ddbV2, ddbTypes:
		_, isStruct := named.Underlying().(*types.Struct)
		return isStruct && inputTypes[named.Obj().Name()]
	}
	return false
}

// unloadedInput reports whether lit is an expression-carrying input of an
// SDK package that did not load (dependencies missing from the module
// cache): dynamodb.UpdateItemInput{...} recognised by its import path.
func (c *checker) unloadedInput(lit *ast.CompositeLit) bool {
	if t := c.f.Info.TypeOf(lit); t != nil && t != types.Typ[types.Invalid] {
		return false
	}
	sel, ok := lit.Type.(*ast.SelectorExpr)
	if !ok || !inputTypes[sel.Sel.Name] {
		return false
	}
	switch c.f.ImportPath(sel) {
	case ddbV1, ddbV2, ddbTypes:
		return true
	}
	return false
}

func run(pass *analysis.Pass) (any, error) {
	res := summary.Of(pass)
	lits := make(map[*ast.BasicLit]bool)
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Body == nil {
					continue
				}
				fn := res.Func(d)
				c := &checker{
					pass:      pass,
					f:         fn.Flow,
					parents:   fn.Parents(),
					inLimiter: fn.Limit,
					seen:      make(map[ast.Expr]bool),
					lits:      lits,
				}
				c.check(d.Body)
			case *ast.GenDecl:
				// Package-level inputs: each expression on its own; the
				// placeholders are not judged (anything may change them).
				c := &checker{
					pass:    pass,
					f:       res.NewFlow(nil),
					parents: flow.Parents(d),
					seen:    make(map[ast.Expr]bool),
					lits:    lits,
				}
				c.check(d)
			}
		}
	}
	return nil, nil
}

type checker struct {
	pass      *analysis.Pass
	f         *flow.Func
	parents   map[ast.Node]ast.Node
	inLimiter bool
	seen      map[ast.Expr]bool      // expression values already checked
	lits      map[*ast.BasicLit]bool // literals already judged in the package
}

// expr is one constant expression given to an input field.
type expr struct {
	field string
	value ast.Expr // the field's value
	text  string
	lit   *ast.BasicLit // the string literal, when its bytes are text's
	refs  ddbexpr.Refs
	upd   *ddbexpr.Update
	err   error // the parse error
	ok    bool  // parsed
}

func (c *checker) check(root ast.Node) {
	var lits []*ast.CompositeLit
	var sets []*ast.AssignStmt
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if isInputType(c.f.Info.TypeOf(n)) || c.unloadedInput(n) {
				lits = append(lits, n)
			}
		case *ast.AssignStmt:
			sets = append(sets, n)
		}
		return true
	})
	for _, lit := range lits {
		c.checkInput(lit)
	}
	// Field assignments on inputs that are not a visible literal
	// (a parameter, a helper's result): each expression on its own.
	for _, as := range sets {
		if len(as.Lhs) != len(as.Rhs) {
			continue
		}
		for i, l := range as.Lhs {
			sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
			if !ok || !isExprField(sel.Sel.Name) || !isInputType(c.f.Info.TypeOf(sel.X)) || c.seen[as.Rhs[i]] {
				continue
			}
			c.seen[as.Rhs[i]] = true
			if e := c.parse(sel.Sel.Name, as.Rhs[i]); e != nil {
				c.checkExpr(e, c.severity(nil, []*expr{e}), nil)
			}
		}
	}
}

// checkInput checks the expressions of one input literal and, when the
// input is visible (built and used only here), its placeholders.
func (c *checker) checkInput(lit *ast.CompositeLit) {
	in, obj := c.resolve(lit)
	var exprs []*expr
	complete := true // every expression field is absent or one parsed constant
	for _, field := range exprFields {
		vals := in.Fields[field]
		if !in.Set(field) {
			continue
		}
		if len(vals) != 1 {
			complete = false
		}
		for _, v := range vals {
			if c.seen[v] {
				complete = false // checked with another input
				continue
			}
			c.seen[v] = true
			e := c.parse(field, v)
			if e == nil || !e.ok {
				complete = false
			}
			if e != nil {
				exprs = append(exprs, e)
			}
		}
	}
	if len(exprs) == 0 {
		return
	}
	visible := complete && c.f.Body != nil && c.visible(lit, obj)
	names := c.namesMap(in, visible)
	sev := c.severity(in, exprs)
	for _, e := range exprs {
		c.checkExpr(e, sev, names)
	}
	if visible {
		c.checkPlaceholders(in, exprs, sev, valuesField, func(r ddbexpr.Refs) []string { return r.Values })
		c.checkPlaceholders(in, exprs, sev, namesField, func(r ddbexpr.Refs) []string { return r.Names })
	}
}

// resolve returns the input with its later field assignments when the
// literal is the only value of a local variable.
func (c *checker) resolve(lit *ast.CompositeLit) (*store.Input, types.Object) {
	if id := c.definedVar(lit); id != nil {
		if in := store.ResolveInput(c.f, id); in != nil && in.Lit == lit {
			return in, c.f.Object(id)
		}
	}
	return store.ResolveInput(c.f, lit), nil
}

// definedVar returns the identifier of the local variable that lit (or
// &lit) is assigned to, or nil.
func (c *checker) definedVar(lit *ast.CompositeLit) *ast.Ident {
	var n ast.Node = lit
	if u, ok := c.parents[n].(*ast.UnaryExpr); ok && u.Op == token.AND {
		n = u
	}
	return c.definedIdent(c.parents[n], n)
}

// parse reads a constant expression value; it returns nil when the value
// is not constant.
func (c *checker) parse(field string, v ast.Expr) *expr {
	s, ok := c.f.ConstString(v)
	if !ok {
		return nil
	}
	e := &expr{field: field, value: v, text: s, lit: exactLit(c.f, v, s)}
	var err error
	switch field {
	case "UpdateExpression":
		e.upd, err = ddbexpr.ParseUpdate(s)
		if err == nil {
			e.refs = e.upd.Refs()
		}
	case "ConditionExpression", "FilterExpression":
		_, e.refs, err = ddbexpr.ParseConditionRefs(s)
	case "KeyConditionExpression":
		_, e.refs, err = ddbexpr.ParseConditionRefs(s)
		if err == nil {
			_, err = ddbexpr.ParseKeyCondition(s)
		}
	case "ProjectionExpression":
		_, e.refs, err = ddbexpr.ParseProjectionRefs(s)
	}
	if err != nil {
		// Reported by checkExpr once the severity is known.
		e.refs, e.upd, e.err = ddbexpr.Refs{}, nil, err
		return e
	}
	e.ok = true
	return e
}

// exactLit returns the string literal of v (v itself or aws.String's
// argument) when its source bytes between the quotes are s, so that
// offsets into s are offsets into the source.
func exactLit(f *flow.Func, v ast.Expr, s string) *ast.BasicLit {
	v = ast.Unparen(v)
	if call, ok := v.(*ast.CallExpr); ok && len(call.Args) == 1 {
		fn := flow.Callee(f.Info, call)
		if fn == nil || fn.Name() != "String" || fn.Pkg() == nil || !strings.HasSuffix(fn.Pkg().Path(), "/aws") {
			return nil
		}
		v = ast.Unparen(call.Args[0])
	}
	// Text kept in a package-level variable: its literal.
	v = ast.Unparen(f.ConstSource(v))
	lit, ok := v.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING || len(lit.Value) < 2 || lit.Value[1:len(lit.Value)-1] != s {
		return nil
	}
	if lit.Value[0] == '"' {
		if u, err := strconv.Unquote(lit.Value); err != nil || u != s {
			return nil
		}
	}
	if strings.ContainsAny(s, "\r\n") {
		return nil
	}
	return lit
}

// span is a source range that is not a whole node.
type span struct{ pos, end token.Pos }

func (s span) Pos() token.Pos { return s.pos }
func (s span) End() token.Pos { return s.end }

// at returns the source range of s[off:off+n] when the literal maps onto
// the text, and the whole value otherwise.
func (e *expr) at(off, n int) ast.Node {
	if e.lit == nil || off < 0 || off+n > len(e.text) {
		return e.value
	}
	p := e.lit.Pos() + 1 + token.Pos(off)
	return span{p, p + token.Pos(n)}
}

// severity is high in a rate-limit path: limiter code, or an input whose
// table, expressions or attribute names speak of counters and limits.
func (c *checker) severity(in *store.Input, exprs []*expr) rules.Severity {
	if c.inLimiter {
		return rules.High
	}
	for _, e := range exprs {
		if limitctx.Text(withoutPlaceholders(e.text)) {
			return rules.High
		}
	}
	if in != nil {
		if limitctx.Text(textOf(c.f, in.One("TableName"))) {
			return rules.High
		}
		entries, _ := dynamo.MapEntries(c.f, in, namesField)
		for _, v := range entries {
			if s, ok := c.f.ConstString(v); ok && limitctx.Text(s) {
				return rules.High
			}
		}
	}
	return rules.Medium
}

// withoutPlaceholders drops the :value and #name placeholders of an
// expression, whose names say nothing (#n, :n).
func withoutPlaceholders(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		if b[i] != '#' && b[i] != ':' {
			continue
		}
		for ; i < len(b) && (b[i] == '#' || b[i] == ':' || isWord(b[i])); i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

func isWord(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// textOf is the constant value of e, or its source text.
func textOf(f *flow.Func, e ast.Expr) string {
	if e == nil {
		return ""
	}
	if s, ok := f.ConstString(e); ok {
		return s
	}
	return types.ExprString(e)
}

const rejected = "so DynamoDB rejects every call with a ValidationException"

// checkExpr reports what is wrong with one expression on its own: syntax,
// reserved words, and an update's conflicting paths. names resolves
// #placeholders when ExpressionAttributeNames is visible.
func (c *checker) checkExpr(e *expr, sev rules.Severity, names map[string]string) {
	if e.lit != nil {
		// A literal in a package-level variable that several inputs use
		// is judged once.
		if c.lits[e.lit] {
			return
		}
		c.lits[e.lit] = true
	}
	if e.err != nil {
		var msg string
		if pe, ok := e.err.(*ddbexpr.Error); ok && pe.Kind == ddbexpr.Arithmetic {
			op := "+"
			if pe.Offset < len(e.text) {
				op = e.text[pe.Offset : pe.Offset+1]
			}
			msg = fmt.Sprintf("%s %q uses arithmetic (%s), which DynamoDB conditions do not support, %s; precompute the value in code and compare with one :value (for example n < :limit)", e.field, e.text, op, rejected)
			diag.Report(c.pass, id, sev, e.at(pe.Offset, 1), msg)
			return
		}
		detail := e.err.Error()
		if pe, ok := e.err.(*ddbexpr.Error); ok {
			detail = pe.Msg
		}
		msg = fmt.Sprintf("%s %q is not a valid DynamoDB expression (%s), %s; correct the expression", e.field, e.text, detail, rejected)
		var node ast.Node = e.value
		if e.lit != nil {
			node = e.lit
		}
		diag.Report(c.pass, id, sev, node, msg)
		return
	}
	reported := make(map[string]bool)
	for _, w := range e.refs.Reserved {
		key := strings.ToLower(w.Text)
		if reported[key] {
			continue
		}
		reported[key] = true
		ph := "#" + w.Text
		diag.Report(c.pass, id, sev, e.at(w.Offset, len(w.Text)), fmt.Sprintf(
			"%s uses %q as an attribute name, but %s is a DynamoDB reserved word, %s; write %s in the expression and add ExpressionAttributeNames {%q: %q}",
			e.field, w.Text, strings.ToUpper(w.Text), rejected, ph, ph, w.Text))
	}
	if e.upd != nil {
		c.checkPaths(e, sev, names)
	}
}

// checkPaths reports an update that writes the same or overlapping
// document paths, once per second path.
func (c *checker) checkPaths(e *expr, sev rules.Severity, names map[string]string) {
	done := make(map[int]bool)
	for _, cf := range e.upd.Conflicts(names) {
		off := cf.Second.Offset()
		if done[off] {
			continue
		}
		done[off] = true
		first, second := cf.First.Resolve(names), cf.Second.Resolve(names)
		var what string
		switch cf.Kind {
		case ddbexpr.Duplicate:
			what = fmt.Sprintf("updates %s twice", first)
		case ddbexpr.Overlap:
			what = fmt.Sprintf("updates the overlapping paths %s and %s", first, second)
		default:
			what = fmt.Sprintf("uses %s and %s, one as a map and one as a list", first, second)
		}
		diag.Report(c.pass, id, sev, e.at(off, len(cf.Second.String())), fmt.Sprintf(
			"UpdateExpression %q %s, %s; write each attribute path once and do not update a path together with a path inside it",
			e.text, what, rejected))
	}
}

// namesMap returns the constant entries of a visible
// ExpressionAttributeNames literal, or nil.
func (c *checker) namesMap(in *store.Input, visible bool) map[string]string {
	if !visible {
		return nil
	}
	lit := c.mapLit(in, namesField)
	if lit == nil {
		return nil
	}
	out := make(map[string]string)
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		k, ok1 := c.f.ConstString(kv.Key)
		v, ok2 := c.f.ConstString(kv.Value)
		if ok1 && ok2 {
			out[k] = v
		}
	}
	return out
}

// mapLit returns the map literal given to field when the function shows
// all of it: the field is given once, by a literal or by a local
// variable that holds a literal and is used nowhere else. Every key must
// be a constant.
func (c *checker) mapLit(in *store.Input, field string) *ast.CompositeLit {
	v := in.One(field)
	if v == nil {
		return nil
	}
	v = ast.Unparen(v)
	if obj := c.f.Object(v); obj != nil {
		defs := c.f.Defs(obj)
		uses := c.f.Uses(obj)
		if len(defs) != 1 || len(uses) != 1 || uses[0] != v {
			return nil
		}
		v = ast.Unparen(defs[0])
	}
	lit, ok := v.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	t := c.f.Info.TypeOf(lit)
	if t == nil {
		return nil
	}
	if _, isMap := t.Underlying().(*types.Map); !isMap {
		return nil
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil
		}
		if _, ok := c.f.ConstString(kv.Key); !ok {
			return nil
		}
	}
	return lit
}

// checkPlaceholders compares the placeholders the expressions use with
// the keys of a visible map (or its absence).
func (c *checker) checkPlaceholders(in *store.Input, exprs []*expr, sev rules.Severity, field string, used func(ddbexpr.Refs) []string) {
	var lit *ast.CompositeLit
	defined := make(map[string]ast.Expr)
	if in.Set(field) {
		lit = c.mapLit(in, field)
		if lit == nil {
			return
		}
		for _, elt := range lit.Elts {
			kv := elt.(*ast.KeyValueExpr)
			k, _ := c.f.ConstString(kv.Key)
			defined[k] = kv.Key
		}
	} else if len(in.Fields[field]) > 0 {
		return // given as nil: not judged
	}
	kind := ":value"
	if field == namesField {
		kind = "#name"
	}
	usedBy := make(map[string]bool)
	for _, e := range exprs {
		for _, ph := range used(e.refs) {
			if usedBy[ph] {
				continue
			}
			usedBy[ph] = true
			if _, ok := defined[ph]; ok {
				continue
			}
			where := "does not define it"
			if lit == nil {
				where = "is not given"
			}
			diag.Report(c.pass, id, sev, e.at(e.refs.First(ph), len(ph)), fmt.Sprintf(
				"%s uses the %s placeholder %s but %s %s, %s; define %s in %s",
				e.field, kind, ph, field, where, rejected, ph, field))
		}
	}
	keys := make([]string, 0, len(defined))
	for k := range defined {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return defined[keys[i]].Pos() < defined[keys[j]].Pos() })
	for _, k := range keys {
		if usedBy[k] {
			continue
		}
		diag.Report(c.pass, id, sev, defined[k], fmt.Sprintf(
			"%s defines %s but no expression of this input uses it, %s; remove %s or use it in the expression",
			field, k, rejected, k))
	}
}

// visible reports whether the input is built and used only where this
// function shows it: the literal (or the variable holding it) only reaches
// DynamoDB calls, directly or inside a bigger literal, and its
// ExpressionAttributeValues/Names are not touched after it is built.
func (c *checker) visible(lit *ast.CompositeLit, obj types.Object) bool {
	if obj != nil {
		return c.varReachesStore(obj, 0)
	}
	return c.reachesStore(lit, 0)
}

// reachesStore reports whether n flows, through &, literal elements and
// local variables used nowhere else, only into a DynamoDB call's input.
func (c *checker) reachesStore(n ast.Node, depth int) bool {
	if depth > 6 {
		return false
	}
	for {
		switch p := c.parents[n].(type) {
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return false
			}
			n = p
		case *ast.KeyValueExpr:
			if p.Value != n {
				return false
			}
			n = p
		case *ast.CompositeLit:
			n = p
		case *ast.CallExpr:
			for _, a := range p.Args {
				if ast.Unparen(a) == n {
					sc := store.Classify(c.f, p)
					return sc != nil && sc.Kind == store.DynamoDB
				}
			}
			return false
		case *ast.AssignStmt, *ast.ValueSpec:
			// Only a literal may be named by a variable: a copy of a
			// variable gets field assignments the literal does not see.
			x := n
			if u, ok := x.(*ast.UnaryExpr); ok {
				x = ast.Unparen(u.X)
			}
			if _, ok := x.(*ast.CompositeLit); !ok {
				return false
			}
			id := c.definedIdent(p, n)
			if id == nil {
				return false
			}
			obj := c.f.Object(id)
			return obj != nil && len(c.f.Defs(obj)) == 1 && c.varReachesStore(obj, depth+1)
		default:
			return false
		}
	}
}

// definedIdent returns the variable that n is assigned to in p.
func (c *checker) definedIdent(p ast.Node, n ast.Node) *ast.Ident {
	switch p := p.(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return nil
		}
		for i, r := range p.Rhs {
			if ast.Unparen(r) == n {
				id, _ := ast.Unparen(p.Lhs[i]).(*ast.Ident)
				return id
			}
		}
	case *ast.ValueSpec:
		if len(p.Names) != len(p.Values) {
			return nil
		}
		for i, r := range p.Values {
			if ast.Unparen(r) == n {
				return p.Names[i]
			}
		}
	}
	return nil
}

// varReachesStore checks every use of an input variable: field accesses
// (but ExpressionAttributeValues/Names only as assignment targets) and
// flows into DynamoDB calls.
func (c *checker) varReachesStore(obj types.Object, depth int) bool {
	if len(c.f.Defs(obj)) != 1 {
		return false
	}
	for _, u := range c.f.Uses(obj) {
		if sel, ok := c.parents[u].(*ast.SelectorExpr); ok && sel.X == u {
			if sel.Sel.Name != valuesField && sel.Sel.Name != namesField {
				continue
			}
			if as, ok := c.parents[sel].(*ast.AssignStmt); ok && isLhs(as, sel) {
				continue
			}
			return false
		}
		if !c.reachesStore(u, depth) {
			return false
		}
	}
	return true
}

func isLhs(as *ast.AssignStmt, e ast.Expr) bool {
	for _, l := range as.Lhs {
		if ast.Unparen(l) == e {
			return true
		}
	}
	return false
}
