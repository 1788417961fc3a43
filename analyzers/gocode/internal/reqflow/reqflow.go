// Package reqflow follows request values (headers, query parameters, form
// and body fields, cookies, forwarding headers and the framework helpers
// that read them) into the keys of rate-limit counters, for RL007 and
// RL008.
//
// Values are followed through assignments, string building (+,
// fmt.Sprint*, strings, strconv, encoders and hashes), conversions, struct
// fields of decoded bodies, into the parameters of functions that pass
// them on to a counter and out of functions that return them: those of
// the package, and those of other packages through their summaries
// (Summary, which the summary pass carries as analysis facts or across the
// whole module). Any other call stops a value: what a lookup returns is
// the server's data.
package reqflow

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/internal/reqsource"
)

// Kind is where in the request a value comes from.
type Kind = reqsource.Kind

// Source kinds.
const (
	Header    = reqsource.Header
	Forwarded = reqsource.Forwarded
	Query     = reqsource.Query
	Form      = reqsource.Form
	Body      = reqsource.Body
	Cookie    = reqsource.Cookie
)

// Source is a place where a handler reads a client-controlled value.
type Source struct {
	Node  ast.Node
	Kind  Kind
	Field string // the header, parameter or cookie name, when constant
	Via   string // the framework helper that reads it: "gin's c.ClientIP()"
	// Helper is the function of another package that reads the value
	// and returns it ("utils.ClientIP"); Node is then the call of it.
	Helper string
	// At is where Helper reads the value, token.NoPos when unknown (the
	// helper is known from an analysis fact).
	At token.Pos
	// login is set on a body field whose struct also has a password
	// field: a login form.
	login bool
}

// Describe names the source for a message: "the X-API-Key header", "the
// first X-Forwarded-For entry (read by utils.ClientIP)".
func (s *Source) Describe() string { return reqsource.ReadBy(s.describe(), s.Helper) }

func (s *Source) describe() string {
	if s.Via != "" {
		return s.Via
	}
	return reqsource.Describe(s.Kind, s.Field)
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
	// Counter is where the limit is counted when that is in another
	// function than Sink (token.NoPos when unknown), and Via the function
	// Sink passes the value to.
	Counter token.Pos
	Via     string
}

// Related returns the related locations of a finding on the flow: the
// sink, described by reaches ("the limit is counted under this value"),
// and, when the value crosses functions (a helper of another package
// reads it, a function of the module counts it), the steps of its way as
// flow steps instead.
func (fl *Flow) Related(reaches string) []analysis.RelatedInformation {
	at := reaches + " (" + fl.What + ")"
	if fl.Source.Helper == "" && fl.Via == "" {
		return []analysis.RelatedInformation{diag.Related(fl.Sink, at)}
	}
	var steps []analysis.RelatedInformation
	if fl.Source.Helper != "" {
		if fl.Source.At.IsValid() {
			steps = append(steps, diag.StepAt(fl.Source.At, fl.Source.describe()+" is read here, in "+fl.Source.Helper))
		}
		steps = append(steps, diag.Step(fl.Source.Node, fl.Source.Helper+" returns it"))
	} else {
		steps = append(steps, diag.Step(fl.Source.Node, "the value is read here"))
	}
	if fl.Via != "" {
		at = reaches + ", passed to " + fl.Via + " (" + fl.What + ")"
	}
	steps = append(steps, diag.Step(fl.Sink, at))
	if fl.Counter.IsValid() && (fl.Counter < fl.Sink.Pos() || fl.Counter >= fl.Sink.End()) {
		steps = append(steps, diag.StepAt(fl.Counter, "the counter"))
	}
	return steps
}
