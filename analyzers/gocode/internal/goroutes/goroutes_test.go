package goroutes_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/goroutes"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/routes"
)

// load maps the routes of the fixture packages matching pattern, analyzed
// as one module.
func load(t *testing.T, pattern string, declared goroutes.Declared) []goroutes.Route {
	t.Helper()
	gopath, err := filepath.Abs(filepath.Join("..", "..", "..", "..", "testdata", "gosrc"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOPROXY=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil || len(pkgs) == 0 || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("%s: %v", pattern, err)
	}
	res := summary.NewModule(pkgs).Of(pkgs[0].Types)
	return goroutes.Find(pkgs[0].Fset, res, declared)
}

func table(rs []goroutes.Route) string {
	plain := make([]routes.Route, len(rs))
	for i, r := range rs {
		plain[i] = r.Route
	}
	routes.Sort(plain)
	var b strings.Builder
	for _, r := range plain {
		fmt.Fprintln(&b, strings.TrimSpace(fmt.Sprintf("%s | %s %s | %s %s", r.Group, r.Method, r.Path, r.Limit, r.By)))
	}
	return b.String()
}

// TestFixtures maps RL015's fixtures: every framework's registrations,
// prefixes, mounts and limits.
func TestFixtures(t *testing.T) {
	want := trimLines(`
		r (rl015/sparse) | GET /a | none
		mux (rl015/sparse) | GET /a | none
		r (rl015/sparse) | GET /about | none
		e (rl015/echoapp) | POST /account/email | middleware middleware.RateLimiter
		e (rl015/echoapp) | PUT /account/password | middleware middleware.RateLimiter
		r (rl015/chiapp) | GET /admin/users | middleware httprate.LimitByIP
		http.DefaultServeMux (net/http) | * /api/export | inline stdmux.export
		http.DefaultServeMux (net/http) | * /api/import | none
		r (rl015/chiapp) | GET /api/items | middleware httprate.LimitByIP
		r (rl015/chiapp) | DELETE /api/items/{id} | none
		r (rl015/gorilla) | POST /api/orders | middleware Middleware.Handle
		r (rl015/gorilla) | DELETE /api/orders/{id} | middleware Middleware.Handle
		r (rl015/gorilla) | GET /api/orders/{id} | middleware Middleware.Handle
		http.DefaultServeMux (net/http) | * /api/search | inline init (func literal)
		r (rl015/ginapp) | POST /api/transfer | middleware ginapp.RateLimit
		r (rl015/ginapp) | POST /api/withdraw | none
		r (rl015/ginapp) | POST /auth/login | middleware ginapp.RateLimit
		r (rl015/ginapp) | POST /auth/otp | middleware ginapp.RateLimit
		r (rl015/sparse) | GET /b | none
		mux (rl015/sparse) | GET /b | none
		r (rl015/sparse) | GET /c | none
		mux (rl015/stdmux) | GET /healthz | none
		mux (rl015/chiglobal) | * /items | middleware httprate.LimitByIP
		r (rl015/chiglobal) | GET /items | middleware httprate.LimitByIP
		mux (rl015/chiglobal) | * /login | middleware httprate.LimitByIP
		r (rl015/chiapp) | POST /login | middleware httprate.LimitByIP
		r (rl015/chiglobal) | POST /login | middleware httprate.LimitByIP
		e (rl015/echoapp) | POST /login | middleware middleware.RateLimiter
		router (rl015/fields) | POST /login | inline Server.login
		r (rl015/sparse) | POST /login | middleware httprate.LimitByIP
		mux (rl015/stdmux) | POST /login | middleware limiter.limit
		mux (rl015/stdmux) | POST /login/mfa | none
		r (rl015/sparse) | GET /me | none
		http.DefaultServeMux (net/http) | * /metrics | none
		r (rl015/sparse) | GET /orders | none
		r (rl015/chiapp) | POST /password/confirm | none
		r (rl015/chiapp) | POST /password/reset | middleware httprate.LimitByIP
		mux (rl015/stdmux) | POST /password/reset | middleware limiter.limit
		r (rl015/ginapp) | GET /ping | none
		r (rl015/gorilla) | * /readyz | none
		r (rl015/chiapp) | POST /register | middleware httprate.LimitByIP
		mux (rl015/chiglobal) | * /reset | middleware httprate.LimitByIP
		r (rl015/chiglobal) | POST /reset | middleware httprate.LimitByIP
		e (rl015/echoapp) | POST /signup | none
		router (rl015/fields) | POST /token | inline Server.token
		router (rl015/fields) | POST /token/refresh | none
		r (rl015/gorilla) | POST /upload | none
		r (rl015/chiapp) | POST /v1/logout | none
		r (rl015/chiapp) | GET /v1/status | none
`)
	got := trimLines(table(load(t, "rl015/...", nil)))
	if got != want {
		t.Errorf("routes:\n%s\nwant:\n%s", got, want)
	}
}

// trimLines trims the lines of s and drops the empty ones.
func trimLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
