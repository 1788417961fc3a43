package rl014

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL014"

// Analyzer reports 429 responses the application writes without a
// Retry-After header.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

// helper is what a function of the module does with the response it is
// given: it sets Retry-After, or it writes its parameter Status as the
// response's status (a respond(w, status, body) helper) in the form of
// Framework.
type helper struct {
	RetryAfter bool
	Status     int // -1: none
	Framework  string
}

const (
	nethttp = "net/http"
	ginPkg  = "github.com/gin-gonic/gin"
	echoPkg = "github.com/labstack/echo/v4"
	fiberV2 = "github.com/gofiber/fiber/v2"
	fiberV3 = "github.com/gofiber/fiber/v3"
)

// framework names the web framework of an import path ("" for none).
func framework(path string) string {
	switch path {
	case nethttp:
		return "net/http"
	case ginPkg:
		return "gin"
	case echoPkg, "github.com/labstack/echo":
		return "echo"
	case fiberV2, fiberV3:
		return "fiber"
	}
	return ""
}

// statusMethods are the response methods of gin's Context and echo's
// Context whose first argument is the status.
var statusMethods = map[string]map[string]bool{
	"gin": {
		"JSON": true, "IndentedJSON": true, "SecureJSON": true, "JSONP": true, "AsciiJSON": true, "PureJSON": true,
		"XML": true, "YAML": true, "TOML": true, "ProtoBuf": true, "String": true, "HTML": true, "Data": true,
		"DataFromReader": true, "Render": true, "Status": true, "AbortWithStatus": true, "AbortWithStatusJSON": true,
		"AbortWithStatusPureJSON": true, "AbortWithError": true,
	},
	"echo": {
		"JSON": true, "JSONPretty": true, "JSONBlob": true, "JSONP": true, "JSONPBlob": true, "XML": true,
		"XMLPretty": true, "XMLBlob": true, "String": true, "HTML": true, "HTMLBlob": true, "Blob": true,
		"Stream": true, "NoContent": true, "Render": true,
	},
	"fiber": {"Status": true, "SendStatus": true},
}

// site is a place where the application answers with a status.
type site struct {
	node   ast.Node
	status ast.Expr // nil for an error value that is a 429 (echo.ErrTooManyRequests)
	fw     string
	err    bool // an error value the framework's error handler answers
	via    *types.Func
}

// statusWrite returns the status write that call is: w.WriteHeader(s),
// http.Error(w, msg, s), a framework's response method, an error
// constructor (echo.NewHTTPError, fiber.NewError), or a call of a
// function of the module that writes its parameter as the status.
func (c *checker) statusWrite(f *flow.Func, call *ast.CallExpr) *site {
	fn := flow.Callee(f.Info, call)
	if fn == nil {
		return unloadedStatusWrite(f, call)
	}
	if fn.Pkg() == nil {
		return nil
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil {
		return nil
	}
	fw := framework(fn.Pkg().Path())
	arg := func(i int) ast.Expr {
		if i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	switch {
	case fn.Name() == "WriteHeader" && sig.Recv() != nil && sig.Params().Len() == 1 && len(call.Args) == 1:
		if fw == "" || fw == "gin" {
			fw = "net/http" // a ResponseWriter of the module or a framework's
		}
		return &site{node: call, status: arg(0), fw: fw}
	case fw == "net/http" && sig.Recv() == nil && fn.Name() == "Error":
		return &site{node: call, status: arg(2), fw: fw}
	case fw == "echo" && sig.Recv() == nil && fn.Name() == "NewHTTPError",
		fw == "fiber" && sig.Recv() == nil && fn.Name() == "NewError":
		return &site{node: call, status: arg(0), fw: fw, err: true}
	case fw != "" && sig.Recv() != nil && statusMethods[fw][fn.Name()]:
		return &site{node: call, status: arg(0), fw: fw}
	}
	if fw == "" {
		if h := c.helper(fn); h != nil && h.Status >= 0 {
			return &site{node: call, status: arg(h.Status), fw: h.Framework, via: fn.Origin()}
		}
	}
	return nil
}

// unloadedStatusWrite recognises a framework's response method on a
// context whose package did not load (dependencies missing from the
// module cache), by the import path of the type the receiver is declared
// with (c *gin.Context), and http.Error's and the error constructors'
// package by the import path.
func unloadedStatusWrite(f *flow.Func, call *ast.CallExpr) *site {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return nil
	}
	name := sel.Sel.Name
	if p := f.ImportPath(sel); p != "" {
		switch fw := framework(p); {
		case fw == "echo" && name == "NewHTTPError", fw == "fiber" && name == "NewError":
			return &site{node: call, status: call.Args[0], fw: fw, err: true}
		}
		return nil
	}
	path, _ := f.TypeSource(sel.X)
	if fw := framework(path); fw != "" && fw != "net/http" && statusMethods[fw][name] {
		return &site{node: call, status: call.Args[0], fw: fw}
	}
	return nil
}

// errorValue reports the framework's 429 error variables
// (echo.ErrTooManyRequests, fiber.ErrTooManyRequests).
func errorValue(f *flow.Func, e ast.Expr) string {
	var obj types.Object
	switch e := e.(type) {
	case *ast.SelectorExpr:
		obj = f.Info.Uses[e.Sel]
	default:
		return ""
	}
	v, ok := obj.(*types.Var)
	if !ok || v.Pkg() == nil || v.Name() != "ErrTooManyRequests" {
		return ""
	}
	switch fw := framework(v.Pkg().Path()); fw {
	case "echo", "fiber":
		return fw
	}
	return ""
}

type checker struct {
	pass    *analysis.Pass
	res     *summary.Result
	pkgFlow *flow.Func // the package's context, for looking functions up
	helpers map[*types.Func]*helper
	// handled is set when the package installs an error handler that
	// sets Retry-After: the 429 errors get it there.
	handled bool
	// callbacks are the package's functions used as values (a
	// LimitReached handler stored in a field), when the package names
	// Retry-After somewhere: whoever calls them may set it first.
	callbacks map[*types.Func]bool
}

func run(pass *analysis.Pass) (any, error) {
	res := summary.Of(pass)
	c := &checker{pass: pass, res: res, pkgFlow: res.NewFlow(nil), helpers: make(map[*types.Func]*helper)}
	c.handled = c.errorHandlerSetsRetryAfter()
	c.callbacks = callbacks(pass)
	for _, fn := range res.Funcs() {
		c.check(fn)
	}
	return nil, nil
}

// helper reads what fn, a function of the module whose body the summary
// pass knows, does with a response; nil for any other function.
func (c *checker) helper(fn *types.Func) *helper {
	fn = fn.Origin()
	if h, ok := c.helpers[fn]; ok {
		return h
	}
	sf := summary.Lookup(c.pkgFlow, fn)
	if sf == nil {
		c.helpers[fn] = nil
		return nil
	}
	h := &helper{Status: -1}
	c.helpers[fn] = h // a recursive call sees what is known so far
	f := sf.Flow
	params := paramIndex(f, sf.Decl)
	ast.Inspect(f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if c.setsRetryAfter(f, n) {
				h.RetryAfter = true
			}
			if s := c.statusWrite(f, n); s != nil && s.status != nil && !s.err && h.Status < 0 {
				if i, ok := params[f.Object(ast.Unparen(s.status))]; ok {
					h.Status, h.Framework = i, s.fw
				}
			}
		case *ast.AssignStmt:
			if c.assignsRetryAfter(f, n) {
				h.RetryAfter = true
			}
		}
		return true
	})
	return h
}

func paramIndex(f *flow.Func, fd *ast.FuncDecl) map[types.Object]int {
	out := make(map[types.Object]int)
	i := 0
	for _, field := range fd.Type.Params.List {
		if len(field.Names) == 0 {
			i++
		}
		for _, id := range field.Names {
			if obj := f.Info.Defs[id]; obj != nil {
				out[obj] = i
			}
			i++
		}
	}
	return out
}

// isRetryAfter reports whether e is the header name Retry-After: a
// constant of that text (in any case), or, when its value is not known
// (a constant of a package that did not load, a configurable name), an
// expression named for it (httphdr.RetryAfter, h.RetryAfterHeader).
func isRetryAfter(f *flow.Func, e ast.Expr) bool {
	if s, ok := f.ConstString(e); ok {
		return strings.EqualFold(strings.TrimSpace(s), "Retry-After")
	}
	name := strings.ToLower(types.ExprString(e))
	return strings.Contains(strings.NewReplacer("-", "", "_", "").Replace(name), "retryafter")
}

// setsRetryAfter reports whether call sets the Retry-After header:
// http.Header's Set or Add (w.Header().Set, c.Writer.Header().Set,
// c.Response().Header().Set), gin's c.Header, fiber's c.Set and
// c.Append, or a function of the module that does.
func (c *checker) setsRetryAfter(f *flow.Func, call *ast.CallExpr) bool {
	fn := flow.Callee(f.Info, call)
	if fn == nil {
		// A context whose package did not load: c.Header or c.Set by
		// the import path of the type c is declared with.
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || len(call.Args) < 2 || !isRetryAfter(f, call.Args[0]) {
			return false
		}
		path, _ := f.TypeSource(sel.X)
		switch fw := framework(path); {
		case fw == "gin" && sel.Sel.Name == "Header", fw == "fiber" && (sel.Sel.Name == "Set" || sel.Sel.Name == "Append"):
			return true
		}
		return sel.Sel.Name == "Set" || sel.Sel.Name == "Add" // Header().Set of a response whose type did not load
	}
	if fn.Pkg() == nil {
		return false
	}
	if len(call.Args) >= 2 && isRetryAfter(f, call.Args[0]) {
		switch fw := framework(fn.Pkg().Path()); {
		case fw == "net/http" && flow.RecvName(fn) == "Header" && (fn.Name() == "Set" || fn.Name() == "Add"):
			return true
		case fw == "gin" && fn.Name() == "Header":
			return true
		case fw == "fiber" && (fn.Name() == "Set" || fn.Name() == "Append"):
			return true
		}
	}
	for _, callee := range f.Callees(call) {
		if h := c.helper(callee); h != nil && h.RetryAfter {
			return true
		}
	}
	return false
}

// assignsRetryAfter reports w.Header()["Retry-After"] = []string{...}.
func (c *checker) assignsRetryAfter(f *flow.Func, as *ast.AssignStmt) bool {
	for _, l := range as.Lhs {
		ix, ok := ast.Unparen(l).(*ast.IndexExpr)
		if !ok || !isRetryAfter(f, ix.Index) {
			continue
		}
		if named, ok := types.Unalias(f.Info.TypeOf(ix.X)).(*types.Named); ok && named.Obj().Pkg() != nil &&
			named.Obj().Pkg().Path() == nethttp && named.Obj().Name() == "Header" {
			return true
		}
	}
	return false
}

// errorHandlerSetsRetryAfter reports whether the package installs an
// error handler (echo's HTTPErrorHandler, fiber's Config.ErrorHandler)
// that sets Retry-After.
func (c *checker) errorHandlerSetsRetryAfter() bool {
	found := false
	for _, file := range c.pass.Files {
		f := c.res.NewFlow(nil)
		ast.Inspect(file, func(n ast.Node) bool {
			var value ast.Expr
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok && sel.Sel.Name == "HTTPErrorHandler" && i < len(n.Rhs) {
						value = n.Rhs[i]
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && (id.Name == "ErrorHandler" || id.Name == "HTTPErrorHandler") {
					value = n.Value
				}
			}
			if value != nil && c.handlerSetsRetryAfter(f, value) {
				found = true
			}
			return !found
		})
	}
	return found
}

func (c *checker) handlerSetsRetryAfter(f *flow.Func, e ast.Expr) bool {
	if lit, ok := ast.Unparen(e).(*ast.FuncLit); ok {
		lf := c.res.NewFlow(lit.Body)
		return flow.Contains(lit.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				return c.setsRetryAfter(lf, n)
			case *ast.AssignStmt:
				return c.assignsRetryAfter(lf, n)
			}
			return false
		})
	}
	if fn := flow.FuncOf(f.Info, e); fn != nil {
		h := c.helper(fn)
		return h != nil && h.RetryAfter
	}
	return false
}

// check reports fn's 429 answers that no Retry-After precedes.
func (c *checker) check(fn *summary.Func) {
	f := fn.Flow
	parents := fn.Parents()
	var sets []ast.Node
	var sites []*site
	ast.Inspect(f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if c.setsRetryAfter(f, n) {
				sets = append(sets, n)
			}
			if s := c.statusWrite(f, n); s != nil && s.status != nil && is429(f, s.status) {
				sites = append(sites, s)
			}
		case *ast.AssignStmt:
			if c.assignsRetryAfter(f, n) {
				sets = append(sets, n)
			}
		case *ast.SelectorExpr:
			if fw := errorValue(f, n); fw != "" {
				sites = append(sites, &site{node: n, fw: fw, err: true})
			}
		}
		return true
	})
	for _, s := range sites {
		if s.err && c.handled || c.precededBySet(parents, sets, s.node) {
			continue
		}
		if s.via != nil {
			if h := c.helper(s.via); h != nil && h.RetryAfter {
				continue // the helper sets it before it writes the status
			}
		}
		if c.helperOfCallers(fn, s) || fn.Obj != nil && c.callbacks[fn.Obj] {
			continue
		}
		diag.Report(c.pass, id, rules.Low, s.node, message(s))
	}
}

// is429 reports whether the status expression is the constant 429.
func is429(f *flow.Func, e ast.Expr) bool {
	tv, ok := f.Info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	return tv.Value.String() == "429"
}

// precededBySet reports whether a Retry-After set comes before node on a
// path to it: earlier in the function, in the same function literal, and
// not in a branch that excludes node's (the other arm of an if or
// another case of a switch).
func (c *checker) precededBySet(parents map[ast.Node]ast.Node, sets []ast.Node, node ast.Node) bool {
	for _, s := range sets {
		if s.Pos() >= node.Pos() || enclosingLit(parents, s) != enclosingLit(parents, node) {
			continue
		}
		if !exclusive(parents, s, node) {
			return true
		}
	}
	return false
}

func enclosingLit(parents map[ast.Node]ast.Node, n ast.Node) ast.Node {
	for p := parents[n]; p != nil; p = parents[p] {
		if lit, ok := p.(*ast.FuncLit); ok {
			return lit
		}
	}
	return nil
}

func inside(n, outer ast.Node) bool {
	return outer != nil && outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

// exclusive reports whether set and node lie in arms of one if or switch
// that exclude each other.
func exclusive(parents map[ast.Node]ast.Node, set, node ast.Node) bool {
	child := set
	for p := parents[set]; p != nil; child, p = p, parents[p] {
		switch p := p.(type) {
		case *ast.IfStmt:
			if child == p.Body && p.Else != nil && inside(node, p.Else) {
				return true
			}
		case *ast.CaseClause, *ast.CommClause:
			body := parents[p]
			if inside(node, body) && !inside(node, p) {
				return true
			}
		}
		if inside(node, p) {
			return false
		}
	}
	return false
}

// callbacks returns the package's functions used as values, when a
// string constant of the package names Retry-After (a configurable
// header name whose default it is); nil otherwise.
func callbacks(pass *analysis.Pass) map[*types.Func]bool {
	named := false
	out := make(map[*types.Func]bool)
	for _, file := range pass.Files {
		parents := flow.Parents(file)
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(n.Value); err == nil && strings.EqualFold(s, "Retry-After") {
					named = true
				}
			case *ast.Ident:
				fn, ok := pass.TypesInfo.Uses[n].(*types.Func)
				if !ok || fn.Pkg() != pass.Pkg {
					return true
				}
				if call, ok := parents[n].(*ast.CallExpr); ok && call.Fun == n {
					return true
				}
				out[fn] = true
			}
			return true
		})
	}
	if !named {
		return nil
	}
	return out
}

// helperOfCallers reports whether the 429 is written by a helper on the
// response it is given (not a handler), whose callers in the package set
// Retry-After before they call it.
func (c *checker) helperOfCallers(fn *summary.Func, s *site) bool {
	if fn.Obj == nil || handlerSignature(fn.Obj) {
		return false
	}
	for _, caller := range c.res.Funcs() {
		f := caller.Flow
		var sets []ast.Node
		var calls []*ast.CallExpr
		ast.Inspect(f.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if c.setsRetryAfter(f, n) {
					sets = append(sets, n)
				}
				for _, callee := range f.Callees(n) {
					if callee.Origin() == fn.Obj {
						calls = append(calls, n)
					}
				}
			case *ast.AssignStmt:
				if c.assignsRetryAfter(f, n) {
					sets = append(sets, n)
				}
			}
			return true
		})
		for _, call := range calls {
			if c.precededBySet(caller.Parents(), sets, call) {
				return true
			}
		}
	}
	return false
}

// handlerSignature reports whether fn is shaped like a handler of
// net/http, gin, echo or fiber: it answers the request itself.
func handlerSignature(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	p := sig.Params()
	switch p.Len() {
	case 1:
		fw, _ := typeFramework(p.At(0).Type())
		return fw == "gin" || fw == "echo" || fw == "fiber"
	case 2:
		fw, name := typeFramework(p.At(0).Type())
		fw2, name2 := typeFramework(p.At(1).Type())
		return fw == "net/http" && name == "ResponseWriter" && fw2 == "net/http" && name2 == "Request"
	}
	return false
}

func typeFramework(t types.Type) (string, string) {
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return "", ""
	}
	return framework(named.Obj().Pkg().Path()), named.Obj().Name()
}

// fixes are the forms that set the header, by framework.
var fixes = map[string]string{
	"net/http": `w.Header().Set("Retry-After", strconv.Itoa(seconds)) before writing the status`,
	"gin":      `c.Header("Retry-After", strconv.Itoa(seconds)) before writing the status`,
	"echo":     `c.Response().Header().Set("Retry-After", strconv.Itoa(seconds)) before writing the status`,
	"fiber":    `c.Set("Retry-After", strconv.Itoa(seconds)) before sending the status`,
}

func message(s *site) string {
	fix := fixes[s.fw]
	if fix == "" {
		fix = fixes["net/http"]
	}
	what := "this 429 response"
	switch {
	case s.err:
		what = "this 429 error"
		fix = strings.TrimSuffix(strings.TrimSuffix(fix, " before writing the status"), " before sending the status") + " before returning it, or in the error handler"
	case s.via != nil:
		what = "this 429 response, written by " + diag.FuncName(s.via) + ","
	}
	return what + " carries no Retry-After header, so clients cannot tell when to come back and retry at once, hammering the service that is shedding load; set " + fix
}
