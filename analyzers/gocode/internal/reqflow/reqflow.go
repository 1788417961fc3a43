// Package reqflow follows request values (headers, query parameters, form
// and body fields, cookies, forwarding headers and the framework helpers
// that read them) into the keys of rate-limit counters, for RL007 and
// RL008.
//
// Values are followed within a package: through assignments, string
// building (+, fmt.Sprint*, strings, strconv, encoders and hashes),
// conversions, struct fields of decoded bodies, into the parameters of the
// package's functions that pass them on to a counter and out of the
// package's functions that return them. Any other call stops a value:
// what a lookup returns is the server's data.
package reqflow

import (
	"go/ast"
	"strings"
)

// Kind is where in the request a value comes from.
type Kind int

// Source kinds.
const (
	Header    Kind = iota + 1 // a request header other than the forwarding ones
	Forwarded                 // X-Forwarded-For, X-Real-IP, Forwarded, or a helper that trusts them
	Query                     // a query parameter
	Form                      // a form field
	Body                      // the request body or a field of it
	Cookie                    // a cookie
)

// Source is a place where a handler reads a client-controlled value.
type Source struct {
	Node  ast.Node
	Kind  Kind
	Field string // the header, parameter or cookie name, when constant
	Via   string // the helper that reads it: "gin's c.ClientIP()"
	// login is set on a body field whose struct also has a password
	// field: a login form.
	login bool
}

// Describe names the source for a message: "the X-API-Key header".
func (s *Source) Describe() string {
	if s.Via != "" {
		return s.Via
	}
	if s.Field == "" {
		return map[Kind]string{Header: "a request header", Forwarded: "a forwarding header", Query: "a query parameter", Form: "a form field", Body: "the request body", Cookie: "a cookie"}[s.Kind]
	}
	switch s.Kind {
	case Forwarded:
		if strings.EqualFold(s.Field, "X-Forwarded-For") {
			return "the first X-Forwarded-For entry"
		}
		return "the " + s.Field + " header"
	case Header:
		return "the " + s.Field + " header"
	case Query:
		return "the " + s.Field + " query parameter"
	case Form:
		return "the " + s.Field + " form field"
	case Cookie:
		return "the " + s.Field + " cookie"
	case Body:
		return "the " + s.Field + " field of the request body"
	}
	return "the request body"
}

// Flow is a request value that reaches a counter key.
type Flow struct {
	Source *Source
	// Sink is the expression at the counter (or at the call of a
	// function of the package that counts under its argument).
	Sink ast.Expr
	// What describes the sink: "the key of a Redis Incr".
	What string
	// Time is set when the value is used as a time: parsed as one,
	// converted to one, or put through window arithmetic.
	Time bool
	// Verified is set when an authentication step checked the value
	// before the limit is counted (never for forwarding headers).
	Verified bool
}
