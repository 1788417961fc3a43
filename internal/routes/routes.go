// Package routes is the language-neutral map of an application's HTTP
// routes and the rate limit that covers each, which the engines build
// (FastAPI, Flask, net/http, chi, gin, echo), RL015 judges, and `rlcheck
// routes` prints.
package routes

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/safetext"
)

// How says what kind of limit covers a route.
type How string

// Kinds of limits.
const (
	None       How = "none"       // no limit applies
	Decorator  How = "decorator"  // @limiter.limit("5/minute") on the handler
	Dependency How = "dependency" // a limiter dependency of the route, its router or its app
	Middleware How = "middleware" // a limiter middleware or before-request hook of the app
	Inline     How = "inline"     // the handler (or a function it calls) counts and decides itself
	Default    How = "default"    // the limiter library's default limits for every route
	Exempt     How = "exempt"     // exempted from the limiter (@limiter.exempt)
)

// Route is one route of an application.
type Route struct {
	Method   string           `json:"method"` // GET, POST, ..., * for any
	Path     string           `json:"path"`   // with the prefixes of its routers
	Handler  string           `json:"handler"`
	Location finding.Location `json:"location"` // the handler's definition
	Group    string           `json:"group"`    // the router, blueprint or app the route is registered on
	Limit    How              `json:"limit"`
	By       string           `json:"by,omitempty"` // what applies the limit: "limiter.limit(\"5/minute\")"
}

// Limited reports whether a limit covers the route.
func (r Route) Limited() bool { return r.Limit != None && r.Limit != Exempt }

// Ignored reports whether the route is one no limit is expected on:
// exempt, a health, readiness or metrics endpoint (a path whose last
// segment is health, healthz, ready, readyz, live, livez, ping, status or
// metrics), or a logout, which only ends the caller's own session.
func (r Route) Ignored() bool {
	if r.Limit == Exempt {
		return true
	}
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	switch strings.ToLower(segs[len(segs)-1]) {
	case "health", "healthz", "ready", "readyz", "live", "livez", "ping", "status", "metrics",
		"logout", "signout", "sign_out", "log_out", "sign-out", "log-out":
		return true
	}
	return false
}

// Sort orders routes by path, method and location.
func Sort(rs []Route) {
	slices.SortStableFunc(rs, func(a, b Route) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Method, b.Method),
			cmp.Compare(a.Location.Path, b.Location.Path), cmp.Compare(a.Location.Start.Line, b.Location.Start.Line))
	})
}

// Unlimited returns the routes RL015 reports: in a group (a router,
// blueprint or app) where at least two other routes are limited and the
// limited routes are at least half of the routes judged (not ignored),
// each judged route without a limit. A group with no limits at all, or
// with one limited route among many, is left alone: the application does
// not limit routes one by one there.
func Unlimited(rs []Route) []Route {
	groups := make(map[string][]Route)
	var order []string
	for _, r := range rs {
		if _, ok := groups[r.Group]; !ok {
			order = append(order, r.Group)
		}
		groups[r.Group] = append(groups[r.Group], r)
	}
	var out []Route
	for _, g := range order {
		judged, limited := 0, 0
		for _, r := range groups[g] {
			if r.Ignored() {
				continue
			}
			judged++
			if r.Limited() {
				limited++
			}
		}
		if limited < 2 || 2*limited < judged {
			continue
		}
		for _, r := range groups[g] {
			if !r.Ignored() && !r.Limited() {
				out = append(out, r)
			}
		}
	}
	return out
}

// Text writes the routes as a table: method, path, limit, handler and
// where it is defined.
func Text(w io.Writer, rs []Route) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "METHOD\tPATH\tLIMIT\tHANDLER\tLOCATION")
	for _, r := range rs {
		limit := string(r.Limit)
		if r.By != "" {
			limit += " (" + r.By + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s:%d\n", safetext.Line(r.Method), safetext.Line(r.Path), safetext.Line(limit),
			safetext.Line(r.Handler), safetext.Line(r.Location.Path), r.Location.Start.Line)
	}
	return tw.Flush()
}

// JSON writes the routes as a JSON document: {"routes": [...]}.
func JSON(w io.Writer, rs []Route) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if rs == nil {
		rs = []Route{}
	}
	return enc.Encode(struct {
		Routes []Route `json:"routes"`
	}{rs})
}
