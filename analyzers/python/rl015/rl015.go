// Package rl015 implements RL015 route-without-rate-limit for Python: a
// FastAPI or Flask route without a rate limit among neighbours (the routes
// of the same router, blueprint or app) that have one.
package rl015

import (
	"fmt"

	"github.com/rlcheck/rlcheck/analyzers/python/pyroutes"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/internal/routes"
)

// Rule is RL015 for Python.
var Rule = &pyrule.Rule{ID: "RL015", Run: run}

func run(pass *pyrule.Pass) {
	p := pass.File.Project()
	if p == nil {
		return
	}
	all := pyroutes.Find(p)
	plain := make([]routes.Route, len(all))
	for i, r := range all {
		plain[i] = r.Route
	}
	limited := make(map[string]int)
	judged := make(map[string]int)
	for _, r := range plain {
		if !r.Ignored() {
			judged[r.Group]++
			if r.Limited() {
				limited[r.Group]++
			}
		}
	}
	unlimited := make(map[routeKey]bool)
	for _, r := range routes.Unlimited(plain) {
		unlimited[key(r)] = true
	}
	for _, r := range all {
		if r.File != pass.File || !unlimited[key(r.Route)] {
			continue
		}
		pass.Report(r.Decorator, 0, fmt.Sprintf(
			"%s %s has no rate limit while %d of the %d routes of %s have one, so it is the route an attacker uses to get around them; apply the same limit (a limiter decorator or dependency), or mark it exempt if it is meant to be unlimited",
			r.Method, r.Path, limited[r.Group], judged[r.Group], r.Group))
	}
}

type routeKey struct {
	method, path, handler, file string
	line                        int
}

func key(r routes.Route) routeKey {
	return routeKey{r.Method, r.Path, r.Handler, r.Location.Path, r.Location.Start.Line}
}
