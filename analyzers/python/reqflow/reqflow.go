// Package reqflow follows client-controlled request values to the keys and
// windows of rate-limit counters across the functions, classes and modules
// of a Python project. RL007 and RL008 share it.
//
// A source is a value the client chooses: a header, query parameter, body
// field or cookie read from a Flask or Starlette/FastAPI request, or a
// FastAPI handler parameter bound to one. A sink is a value a counter is
// counted under: the key of a counter increment (DynamoDB update_item with
// ADD, Redis INCR or a sliding-log sorted set, a SQL increment), a window
// value of one (sorted-set scores, DynamoDB expression values), or a
// limiter library's key function.
//
// Values are followed through assignments, formatting, string methods,
// subscripts, arithmetic and hashing, into the parameters of the
// project's functions and methods that pass them on to a sink and out of
// the ones that return a source (helpers in other modules, FastAPI
// dependencies), and into helpers that are handed the request itself
// (def client_ip(request)). Summaries of what each function does with its
// parameters and what it returns are computed to a fixpoint over the
// project's call graph. Any other call ends a value: its result is the
// server's data (a lookup).
package reqflow

import (
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// Kind is where a client-controlled value comes from.
type Kind int

// Kinds of sources.
const (
	Header    Kind = iota + 1 // a request header other than a forwarding one
	Forwarded                 // X-Forwarded-For, X-Real-IP, Forwarded, or a helper that trusts them
	Query                     // a query parameter
	Body                      // a body, form or JSON field
	Cookie                    // a cookie
)

// Source is a place where a client-controlled value enters the code.
type Source struct {
	Node  *pyast.Node // the read, or the handler parameter bound to it
	Kind  Kind
	Field string // the header, parameter or field name, "" when unknown
	Via   string // the FastAPI dependency or helper that reads it, if any
	// Path lists the calls the value is returned through, from the read
	// outwards (the helper's call in each caller).
	Path []Step
}

// Step is one place a value passes on its way.
type Step struct {
	Node *pyast.Node
	What string
}

// Describe names the source for a message: "the X-API-Key header".
func (s *Source) Describe() string {
	d := s.describe()
	if s.Via != "" {
		d += " (read by " + s.Via + ")"
	}
	return d
}

func (s *Source) describe() string {
	if s.Field == "" {
		return map[Kind]string{Header: "a request header", Forwarded: "a forwarding header", Query: "a query parameter", Body: "the request body", Cookie: "a cookie"}[s.Kind]
	}
	switch s.Kind {
	case Forwarded:
		if strings.EqualFold(s.Field, "X-Forwarded-For") {
			return "the first X-Forwarded-For entry"
		}
		return "the " + s.Field + " header"
	case Query:
		return "the query parameter " + s.Field
	case Body:
		return "the body field " + s.Field
	case Cookie:
		return "the " + s.Field + " cookie"
	}
	return "the " + s.Field + " header"
}

// TimeLike reports whether the source's name says it holds a time.
func (s *Source) TimeLike() bool {
	return counterkey.IsTimeField(s.Field)
}

// Role is what a sink does with its value.
type Role int

// Roles of sinks.
const (
	Key    Role = iota + 1 // the value names the counter
	Window                 // the value positions the count in time
)

// Sink is a value a rate-limit counter is counted under.
type Sink struct {
	Node *pyast.Node // the expression passed
	Role Role
	What string // "the Key of update_item", "argument client_key of is_rate_limited"
	// Call is the datastore call that counts, nil when the sink is an
	// argument of a project function that passes it on to one.
	Call *pyfile.Call
	// Path lists, for an argument, the places the value goes from here
	// to the datastore call that counts it.
	Path []Step
	// Limit is set when the counter is known to count a rate limit (see
	// limitCounter); a page-view counter keyed by a request value is not
	// a bypass.
	Limit bool
}

// Flow is a client-controlled value that reaches a sink.
type Flow struct {
	Source *Source
	Sink   Sink
	// Time is set when the value was converted to a time or used in
	// arithmetic on its way, or its name says it is a time.
	Time bool
	// Verified is set when an authentication step checked the value (or
	// authenticated the handler, for sources other than forwarding
	// headers) before the sink.
	Verified bool
}

// Flows returns the flows whose source is in f, computed once for f's
// whole project.
func Flows(f *pyfile.File) []Flow {
	p := f.Project()
	if p == nil {
		return nil
	}
	byFile := p.Memo("reqflow.Flows", func() any { return newAnalysis(p).run() }).(map[*pyfile.File][]Flow)
	return byFile[f]
}

// webFrameworks are the packages that hand requests to the code.
var webFrameworks = []string{"flask", "quart", "fastapi", "starlette", "werkzeug", "slowapi", "flask_limiter", "fastapi_limiter"}

// webFile reports whether f imports a web framework: its module can
// route requests, configure proxies and limiters.
func webFile(f *pyfile.File) bool {
	for _, q := range f.Imports {
		root, _, _ := strings.Cut(q, ".")
		if slices.Contains(webFrameworks, root) {
			return true
		}
	}
	return false
}

// Steps returns the flow's path in execution order: the read, the calls
// that return the value, the calls it is passed to, and the datastore call
// that counts it; nil when the read and the count sit in one function.
func (fl Flow) Steps() []Step {
	if len(fl.Source.Path) == 0 && len(fl.Sink.Path) == 0 {
		return nil
	}
	out := []Step{{Node: fl.Source.Node, What: "the client's value is read here"}}
	for i := len(fl.Source.Path) - 1; i >= 0; i-- {
		out = append(out, fl.Source.Path[i])
	}
	if len(fl.Sink.Path) == 0 || fl.Sink.Path[0].Node != fl.Sink.Node {
		what := "it becomes " + fl.Sink.What
		if fl.Sink.Call != nil && fl.Sink.Call.Node == fl.Sink.Node {
			what = "it is counted here"
		}
		out = append(out, Step{Node: fl.Sink.Node, What: what})
	}
	return append(out, fl.Sink.Path...)
}
