// Package rl008 implements RL008 spoofable-limit-key for Python: rate-limit
// keys taken from forwarding headers or from request values that no
// authentication step checked, and limiter helpers that key on the first
// X-Forwarded-For entry.
package rl008

import (
	"fmt"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/analyzers/python/reqflow"
)

// Rule is RL008 for Python.
var Rule = &pyrule.Rule{ID: "RL008", Run: run}

// spoofableKeyFuncs are limiter key functions that read X-Forwarded-For.
var spoofableKeyFuncs = map[string]bool{
	"slowapi.util.get_ipaddr": true, "flask_limiter.util.get_ipaddr": true,
}

func run(pass *pyrule.Pass) {
	reported := make(map[*pyast.Node]bool)
	for _, fl := range reqflow.Flows(pass.File) {
		if fl.Sink.Role != reqflow.Key || fl.Time || fl.Verified || reported[fl.Source.Node] {
			continue
		}
		reported[fl.Source.Node] = true
		pass.ReportFlow(fl.Source.Node, 0, message(fl.Source), steps(fl), pyrule.Related{Node: fl.Sink.Node, Message: "the limit is counted under this value (" + fl.Sink.What + ")"})
	}
	checkHelpers(pass)
}

// steps returns a flow's path for the report.
func steps(fl reqflow.Flow) []pyrule.Related {
	return pyrule.Steps(fl.Steps(), func(s reqflow.Step) *pyast.Node { return s.Node }, func(s reqflow.Step) string { return s.What })
}

func message(src *reqflow.Source) string {
	if src.Kind == reqflow.Forwarded {
		return fmt.Sprintf("the rate-limit key comes from %s, which the client writes itself, so every request can claim a new address and reset its limit; key on the peer address as seen by your trusted proxy (the right-most untrusted X-Forwarded-For hop) or on the authenticated principal", src.Describe())
	}
	return fmt.Sprintf("the rate-limit key comes from %s, which nothing authenticates before the limit is counted, so a client resets its limit by sending a new value; verify it first (reject unknown keys) and key the limit on the authenticated principal", src.Describe())
}

// checkHelpers reports limiter libraries configured to key on the first
// X-Forwarded-For entry: slowapi's get_ipaddr as a key_func, and
// fastapi-limiter's default identifier.
func checkHelpers(pass *pyrule.Pass) {
	f := pass.File
	var init *pyast.Node
	perRouteDefault := false
	pyfile.Walk(f.Root, func(n *pyast.Node) bool {
		switch n.Type() {
		case "keyword_argument":
			if f.Text(n.ChildByFieldName("name")) == "key_func" && spoofableKeyFuncs[f.Qualified(n.ChildByFieldName("value"))] {
				pass.Report(n, 0, "the limiter keys on get_ipaddr, which returns the first X-Forwarded-For entry that the client writes itself, so every request can claim a new address and reset its limit; use get_remote_address behind a proxy that overwrites the peer address, or key on the authenticated principal")
			}
		case "call":
			switch f.Qualified(n.ChildByFieldName("function")) {
			case "fastapi_limiter.FastAPILimiter.init":
				if f.Keyword(n, "identifier") == nil {
					init = n
				}
			case "fastapi_limiter.depends.RateLimiter":
				if f.Keyword(n, "identifier") == nil {
					perRouteDefault = true
				}
			}
		}
		return true
	})
	if init != nil && (perRouteDefault || !usesRateLimiter(f)) {
		pass.Report(init, 0, "FastAPILimiter.init without identifier= keys every limit on the first X-Forwarded-For entry, which the client writes itself, so every request can claim a new address and reset its limit; pass an identifier that returns the authenticated principal or the peer address as seen by your trusted proxy")
	}
}

// usesRateLimiter reports whether the file builds fastapi-limiter
// RateLimiter dependencies.
func usesRateLimiter(f *pyfile.File) bool {
	found := false
	pyfile.Walk(f.Root, func(n *pyast.Node) bool {
		if n.Type() == "call" && f.Qualified(n.ChildByFieldName("function")) == "fastapi_limiter.depends.RateLimiter" {
			found = true
		}
		return !found
	})
	return found
}
