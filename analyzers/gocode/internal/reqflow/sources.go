package reqflow

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/internal/reqheaders"
)

const (
	ginPkg    = "github.com/gin-gonic/gin"
	echoPkg   = "github.com/labstack/echo/v4"
	echoPkgV3 = "github.com/labstack/echo"
)

// header returns the source of a read at node of one of the named
// headers (a constant name, or the names a loop ranges over): a
// forwarding header if any is one, else another client header. Identity
// headers that an authenticating gateway writes, the address headers a
// platform writes, and the header the configuration says the edge writes
// (trusted-proxy.header, compared case-insensitively) are no source.
func (t *tracker) header(node ast.Node, names []string) *Source {
	var client []string
	for _, n := range names {
		if edge := t.a.proxy.Header; edge != "" && strings.EqualFold(edge, n) {
			continue
		}
		switch reqheaders.Classify(n) {
		case reqheaders.Forwarding:
			return &Source{Node: node, Kind: Forwarded, Field: n}
		case reqheaders.Client:
			client = append(client, n)
		}
	}
	if len(names) > 0 && len(client) == 0 {
		return nil
	}
	return &Source{Node: node, Kind: Header, Field: strings.Join(client, " or ")}
}

// headerNames returns the header names e stands for: a constant, or the
// constants of a literal list a loop variable ranges over.
func (t *tracker) headerNames(e ast.Expr) []string {
	if s, ok := t.f.ConstString(e); ok {
		return []string{s}
	}
	obj := t.f.Object(e)
	if obj == nil {
		return nil
	}
	var out []string
	for _, d := range t.f.Defs(obj) {
		lit, ok := ast.Unparen(d).(*ast.CompositeLit)
		if !ok {
			return nil
		}
		for _, elt := range lit.Elts {
			s, ok := t.f.ConstString(elt)
			if !ok {
				return nil
			}
			out = append(out, s)
		}
	}
	return out
}

// isRequest reports whether t is net/http.Request or a pointer to it.
func isRequest(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Request"
}

// requestField reports whether e is r.<field> of a *http.Request.
func (t *tracker) requestField(e ast.Expr, field string) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == field && isRequest(t.f.Info.TypeOf(sel.X))
}

// sourceOf returns the request value e reads, or nil; one Source per
// node, so that origins compare by identity.
func (t *tracker) sourceOf(e ast.Expr) *Source {
	if s, ok := t.a.sources[e]; ok {
		return s
	}
	s := t.source(e)
	t.a.sources[e] = s
	return s
}

// derived returns the Source for node, a named part (a field, a map
// entry) of a request value of kind k; login marks a field of a login
// form.
func (p *pkgFlow) derived(node ast.Node, k Kind, field string, login bool) *Source {
	if s := p.sources[node]; s != nil {
		return s
	}
	s := &Source{Node: node, Kind: k, Field: field, login: login}
	p.sources[node] = s
	return s
}

// entry returns the Source for node, one entry (described by via) of
// src, a split forwarding header.
func (p *pkgFlow) entry(node ast.Node, src *Source, via string) *Source {
	if s := p.sources[node]; s != nil {
		return s
	}
	s := &Source{Node: node, Kind: src.Kind, Field: src.Field, Via: via}
	p.sources[node] = s
	return s
}

// source recognises a request read.
func (t *tracker) source(e ast.Expr) *Source {
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if !isRequest(t.f.Info.TypeOf(e.X)) {
			return nil
		}
		switch e.Sel.Name {
		case "Body":
			return &Source{Node: e, Kind: Body}
		case "Form", "PostForm", "MultipartForm":
			return &Source{Node: e, Kind: Form}
		case "RemoteAddr":
			if t.a.set.RealIP != "" {
				return &Source{Node: e, Kind: Forwarded, Via: "r.RemoteAddr, which " + t.a.set.RealIP + " rewrites from X-Forwarded-For or X-Real-IP"}
			}
		}
	case *ast.IndexExpr:
		if t.requestField(e.X, "Header") {
			return t.header(e, t.headerNames(e.Index))
		}
	case *ast.CallExpr:
		return t.callSource(e)
	}
	return nil
}

func (t *tracker) callSource(call *ast.CallExpr) *Source {
	fn := flow.Callee(t.f.Info, call)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if fn == nil {
		// A framework that did not load: the receiver's declared type
		// (c *gin.Context) names it.
		if path, typ := t.f.TypeSource(sel.X); typ == "Context" {
			name := func() string {
				if len(call.Args) == 0 {
					return ""
				}
				s, _ := t.f.ConstString(call.Args[0])
				return s
			}
			switch path {
			case ginPkg:
				return t.ginSource(call, sel.Sel.Name, name)
			case echoPkg, echoPkgV3:
				return t.echoSource(call, sel.Sel.Name, name)
			}
		}
		return nil
	}
	if fn.Pkg() == nil {
		return nil
	}
	name := func() string {
		if len(call.Args) == 0 {
			return ""
		}
		s, _ := t.f.ConstString(call.Args[0])
		return s
	}
	recv := flow.RecvName(fn)
	switch path := fn.Pkg().Path(); {
	case path == "net/http" && recv == "Header":
		if (fn.Name() == "Get" || fn.Name() == "Values") && t.requestField(sel.X, "Header") {
			return t.header(call, t.headerNames(call.Args[0]))
		}
	case path == "net/http" && recv == "Request":
		switch fn.Name() {
		case "FormValue", "PostFormValue":
			return &Source{Node: call, Kind: Form, Field: name()}
		case "Cookie":
			return &Source{Node: call, Kind: Cookie, Field: name()}
		case "Cookies":
			return &Source{Node: call, Kind: Cookie}
		case "UserAgent":
			return &Source{Node: call, Kind: Header, Field: "User-Agent"}
		}
	case path == "net/url" && recv == "URL":
		if fn.Name() == "Query" && t.requestField(sel.X, "URL") {
			return &Source{Node: call, Kind: Query}
		}
	case path == "net/url" && recv == "Values":
		if fn.Name() == "Get" {
			for _, v := range t.values(sel.X) {
				if v.src != nil && v.src.Field == "" && (v.src.Kind == Query || v.src.Kind == Form) {
					return &Source{Node: call, Kind: v.src.Kind, Field: name()}
				}
			}
		}
	case path == ginPkg && recv == "Context":
		return t.ginSource(call, fn.Name(), name)
	case (path == echoPkg || path == echoPkgV3) && recv == "Context":
		return t.echoSource(call, fn.Name(), name)
	}
	return nil
}

func (t *tracker) ginSource(call *ast.CallExpr, method string, name func() string) *Source {
	switch method {
	case "GetHeader":
		if len(call.Args) == 0 {
			return nil
		}
		return t.header(call, t.headerNames(call.Args[0]))
	case "Query", "DefaultQuery", "GetQuery", "QueryArray", "GetQueryArray", "QueryMap":
		return &Source{Node: call, Kind: Query, Field: name()}
	case "PostForm", "DefaultPostForm", "GetPostForm", "PostFormArray":
		return &Source{Node: call, Kind: Form, Field: name()}
	case "Cookie":
		return &Source{Node: call, Kind: Cookie, Field: name()}
	case "ClientIP":
		if t.a.set.GinEngine && !t.a.set.GinTrusted {
			return &Source{Node: call, Kind: Forwarded, Via: "gin's c.ClientIP(), which trusts X-Forwarded-For from any proxy until SetTrustedProxies is called"}
		}
	case "ShouldBindHeader", "BindHeader":
		return &Source{Node: call, Kind: Header}
	case "ShouldBindQuery", "BindQuery":
		return &Source{Node: call, Kind: Query}
	case "ShouldBind", "ShouldBindJSON", "ShouldBindXML", "ShouldBindYAML", "ShouldBindWith",
		"ShouldBindBodyWith", "Bind", "BindJSON", "BindXML", "BindYAML", "MustBindWith":
		return &Source{Node: call, Kind: Body}
	}
	return nil
}

func (t *tracker) echoSource(call *ast.CallExpr, method string, name func() string) *Source {
	switch method {
	case "QueryParam", "QueryParams", "QueryString":
		return &Source{Node: call, Kind: Query, Field: name()}
	case "FormValue", "FormParams":
		return &Source{Node: call, Kind: Form, Field: name()}
	case "Cookie", "Cookies":
		return &Source{Node: call, Kind: Cookie, Field: name()}
	case "RealIP":
		if t.a.set.EchoEngine && !t.a.set.EchoExtractor {
			return &Source{Node: call, Kind: Forwarded, Via: "echo's c.RealIP(), which reads X-Forwarded-For and X-Real-IP unless Echo.IPExtractor is set"}
		}
	case "Bind":
		return &Source{Node: call, Kind: Body}
	}
	return nil
}
