// Package rl014 implements RL014 rate-limit-response-without-retry-after
// for Python: 429 responses built without a Retry-After header, and
// flask-limiter or slowapi limiters whose headers are off.
package rl014

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
)

// Rule is RL014 for Python.
var Rule = &pyrule.Rule{ID: "RL014", Run: run}

const (
	msg        = "this 429 response carries no Retry-After header, so clients cannot tell when to come back and retry at once, hammering the service that is shedding load; send Retry-After with the seconds until the window resets (headers={\"Retry-After\": str(seconds)})"
	abortMsg   = "abort(429) sends a 429 without a Retry-After header, so clients cannot tell when to come back and retry at once; raise werkzeug's TooManyRequests(retry_after=seconds) or abort with a response that sets Retry-After"
	limiterMsg = "this Limiter sends its 429s without Retry-After (and without the X-RateLimit headers): headers are off by default; pass headers_enabled=True (or set RATELIMIT_HEADERS_ENABLED)"
)

// httpExceptions are the exception classes whose status_code builds the
// response.
var httpExceptions = []string{"fastapi.HTTPException", "fastapi.exceptions.HTTPException", "starlette.exceptions.HTTPException"}

// responses maps response classes to the position of their status
// argument and of their headers argument.
var responses = map[string][2]int{
	"fastapi.responses.JSONResponse": {1, 2}, "fastapi.responses.Response": {1, 2}, "fastapi.Response": {1, 2},
	"fastapi.responses.PlainTextResponse": {1, 2}, "fastapi.responses.HTMLResponse": {1, 2}, "fastapi.responses.ORJSONResponse": {1, 2},
	"starlette.responses.JSONResponse": {1, 2}, "starlette.responses.Response": {1, 2}, "starlette.responses.PlainTextResponse": {1, 2},
	"flask.Response": {1, 2}, "werkzeug.Response": {1, 2}, "werkzeug.wrappers.Response": {1, 2}, "flask.make_response": {1, 2},
}

// limiters are the limiter classes whose headers are off by default.
var limiters = map[string]bool{
	"flask_limiter.Limiter": true, "flask_limiter.extension.Limiter": true, "slowapi.Limiter": true, "slowapi.extension.Limiter": true,
}

func run(pass *pyrule.Pass) {
	f := pass.File
	handled := retryAfterHandled(f.Project())
	pyfile.Walk(f.Root, func(n *pyast.Node) bool {
		switch n.Type() {
		case "call":
			checkCall(pass, n, handled)
		case "return_statement":
			if !handled {
				checkTuple(pass, n)
			}
		case "assignment":
			if !handled {
				checkStatusAssignment(pass, n)
			}
		}
		return true
	})
}

func checkCall(pass *pyrule.Pass, call *pyast.Node, handled bool) {
	f := pass.File
	s := f.ScopeOf(call)
	callee := call.ChildByFieldName("function")
	q := f.Qualified(callee)
	switch {
	case limiters[q]:
		if !headersEnabled(f.Project(), s, call) {
			pass.Report(call, 0, limiterMsg)
		}
		return
	case handled:
		return
	case q == "flask.abort" || q == "werkzeug.exceptions.abort" || q == "quart.abort":
		if status429(s, arg(f, call, 0, "code")) {
			pass.Report(call, 0, abortMsg)
		}
	case q == "werkzeug.exceptions.TooManyRequests":
		if f.Keyword(call, "retry_after") == nil {
			pass.Report(call, 0, abortMsg)
		}
	case isHTTPException(s, call):
		if status429(s, arg(f, call, 0, "status_code")) && arg(f, call, 2, "headers") == nil {
			pass.Report(call, 0, msg)
		}
	default:
		if pos, ok := responses[q]; ok && status429(s, statusArg(f, call, pos[0])) && arg(f, call, pos[1], "headers") == nil {
			pass.Report(call, 0, msg)
		}
	}
}

// statusArg returns a response's status: status_code= (Starlette),
// status= (Flask), or its positional argument.
func statusArg(f *pyfile.File, call *pyast.Node, pos int) *pyast.Node {
	if v := f.Keyword(call, "status"); v != nil {
		return v
	}
	return arg(f, call, pos, "status_code")
}

// isHTTPException reports whether call builds an HTTPException: the
// class itself, a project subclass, or super().__init__ in a subclass.
func isHTTPException(s *pyfile.Scope, call *pyast.Node) bool {
	callee := call.ChildByFieldName("function")
	f := s.File()
	for _, q := range httpExceptions {
		if f.Qualified(callee) == q {
			return true
		}
	}
	if c := s.Resolve(callee).Class; c != nil {
		return derivesHTTPException(c)
	}
	if callee.Type() == "attribute" && f.Text(callee.ChildByFieldName("attribute")) == "__init__" {
		obj := callee.ChildByFieldName("object")
		if obj.Type() == "call" && f.Text(obj.ChildByFieldName("function")) == "super" {
			if fn := s.Func(); fn != nil && fn.Class() != nil {
				return derivesHTTPException(fn.Class())
			}
		}
	}
	return false
}

func derivesHTTPException(c *pyfile.Class) bool {
	for _, q := range httpExceptions {
		if c.Derives(q) {
			return true
		}
	}
	return false
}

// arg returns a call's keyword argument name, or its positional argument
// at pos, or nil.
func arg(f *pyfile.File, call *pyast.Node, pos int, name string) *pyast.Node {
	if v := f.Keyword(call, name); v != nil {
		return v
	}
	args := call.ChildByFieldName("arguments")
	if args == nil {
		return nil
	}
	i := 0
	for _, a := range args.NamedChildren() {
		switch a.Type() {
		case "keyword_argument", "comment":
			continue
		case "list_splat", "dictionary_splat":
			return nil
		}
		if i == pos {
			return a
		}
		i++
	}
	return nil
}

// status429 reports whether n is the status 429.
func status429(s *pyfile.Scope, n *pyast.Node) bool {
	if n == nil {
		return false
	}
	if v, ok := s.Int(n); ok {
		return v == 429
	}
	text := n.Text()
	return strings.Contains(text, "TOO_MANY_REQUESTS") || strings.Contains(text, "HTTP_429")
}

// checkTuple judges return body, 429 (Flask): a third element carries
// headers.
func checkTuple(pass *pyrule.Pass, ret *pyast.Node) {
	if ret.NamedChildCount() == 0 {
		return
	}
	v := ret.NamedChild(0)
	if v.Type() != "expression_list" && v.Type() != "tuple" || v.NamedChildCount() != 2 {
		return
	}
	if status429(pass.File.ScopeOf(ret), v.NamedChild(1)) {
		pass.Report(v, 0, msg)
	}
}

// checkStatusAssignment judges resp.status_code = 429 in a function that
// writes no Retry-After.
func checkStatusAssignment(pass *pyrule.Pass, n *pyast.Node) {
	f := pass.File
	left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
	if left == nil || left.Type() != "attribute" || right == nil {
		return
	}
	if attr := f.Text(left.ChildByFieldName("attribute")); attr != "status_code" && attr != "status" {
		return
	}
	s := f.ScopeOf(n)
	if !status429(s, right) || !webResponse(s, left.ChildByFieldName("object")) {
		return
	}
	if fn := f.EnclosingFunc(n); fn != nil && mentionsRetryAfter(fn.Body()) {
		return
	}
	pass.Report(n, 0, msg)
}

// webResponse reports whether n holds a response of the web framework:
// what jsonify, make_response or a response class returns (not a test's
// fake of an HTTP client's response).
func webResponse(s *pyfile.Scope, n *pyast.Node) bool {
	v := s.Value(n)
	if v == nil || v.Type() != "call" {
		return false
	}
	q := s.File().Qualified(v.ChildByFieldName("function"))
	_, ok := responses[q]
	return ok || q == "flask.jsonify" || q == "quart.jsonify"
}

// mentionsRetryAfter reports whether a string under n names the header.
func mentionsRetryAfter(n *pyast.Node) bool {
	found := false
	pyfile.Walk(n, func(m *pyast.Node) bool {
		if m.Type() == "string" && strings.Contains(strings.ToLower(m.Text()), "retry-after") {
			found = true
		}
		return !found
	})
	return found
}

// headersEnabled reports whether a Limiter sends its headers: its own
// headers_enabled=True, or the RATELIMIT_HEADERS_ENABLED setting set true
// anywhere in the project.
func headersEnabled(p *pyfile.Project, s *pyfile.Scope, call *pyast.Node) bool {
	if v := s.File().Keyword(call, "headers_enabled"); v != nil {
		return v.Type() != "false"
	}
	if p == nil {
		return false
	}
	return p.Memo("rl014.headersSetting", func() any {
		for _, f := range p.Files() {
			found := false
			pyfile.Walk(f.Root, func(n *pyast.Node) bool {
				if n.Type() == "assignment" && strings.Contains(f.Text(n.ChildByFieldName("left")), "RATELIMIT_HEADERS_ENABLED") {
					if r := n.ChildByFieldName("right"); r != nil && r.Type() != "false" {
						found = true
					}
				}
				if n.Type() == "pair" && strings.Contains(f.Text(n.ChildByFieldName("key")), "RATELIMIT_HEADERS_ENABLED") {
					if v := n.ChildByFieldName("value"); v != nil && v.Type() != "false" {
						found = true
					}
				}
				return !found
			})
			if found {
				return true
			}
		}
		return false
	}).(bool)
}

// registrations are the calls and decorators that install an error
// handler or a middleware.
var registrations = []string{"exception_handler", "errorhandler", "app_errorhandler", "after_request", "middleware",
	"add_exception_handler", "register_error_handler", "add_middleware", "after_app_request"}

// retryAfterHandled reports whether the project sets Retry-After in an
// error handler or middleware, so that the 429s it builds get one there.
func retryAfterHandled(p *pyfile.Project) bool {
	if p == nil {
		return false
	}
	return p.Memo("rl014.handled", func() any {
		registered := make(map[string]bool) // names passed to a registration call
		for _, f := range p.Files() {
			pyfile.Walk(f.Root, func(n *pyast.Node) bool {
				if n.Type() == "call" && registration(f, n.ChildByFieldName("function")) {
					if args := n.ChildByFieldName("arguments"); args != nil {
						for _, a := range args.NamedChildren() {
							registered[a.Text()] = true
						}
					}
				}
				return true
			})
		}
		for _, f := range p.Files() {
			for _, fn := range f.Functions() {
				if !mentionsRetryAfter(fn.Body()) {
					continue
				}
				if registered[fn.Name()] || fn.Class() != nil && (registered[fn.Class().Name()] || fn.Class().Derives("starlette.middleware.base.BaseHTTPMiddleware")) {
					return true
				}
				for _, d := range fn.Decorators() {
					if d.Type() == "call" {
						d = d.ChildByFieldName("function")
					}
					if registration(f, d) {
						return true
					}
				}
			}
		}
		return false
	}).(bool)
}

// registration reports whether an expression names a registration
// method (app.exception_handler, app.add_middleware).
func registration(f *pyfile.File, n *pyast.Node) bool {
	if n == nil || n.Type() != "attribute" {
		return false
	}
	name := f.Text(n.ChildByFieldName("attribute"))
	for _, r := range registrations {
		if name == r {
			return true
		}
	}
	return false
}
