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
	res := summary.NewModule(pkgs, nil).Of(pkgs[0].Types)
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
		r (rl015/sparse.One) | GET /a | none
		mux (rl015/sparse.None) | GET /a | none
		r (rl015/sparse.Sessions) | GET /about | none
		e (rl015/echoapp.New) | POST /account/email | middleware middleware.RateLimiter
		e (rl015/echoapp.New) | PUT /account/password | middleware middleware.RateLimiter
		r (rl015/chiapp.Routes) | GET /admin/users | middleware httprate.LimitByIP
		http.DefaultServeMux (net/http) | * /api/export | inline stdmux.export
		http.DefaultServeMux (net/http) | * /api/import | none
		r (rl015/chiapp.Routes) | GET /api/items | middleware httprate.LimitByIP
		r (rl015/chiapp.Routes) | DELETE /api/items/{id} | none
		r (rl015/gorilla.Router) | POST /api/orders | middleware Middleware.Handle
		outer (rl015/stdmux.NewAPI) | POST /api/orders | middleware limiter.limit
		r (rl015/gorilla.Router) | DELETE /api/orders/{id} | middleware Middleware.Handle
		r (rl015/gorilla.Router) | GET /api/orders/{id} | middleware Middleware.Handle
		outer (rl015/stdmux.NewAPI) | POST /api/refunds | middleware limiter.limit
		http.DefaultServeMux (net/http) | * /api/search | inline init (func literal)
		r (rl015/ginapp.Setup) | POST /api/transfer | middleware ginapp.RateLimit
		r (rl015/ginapp.Setup) | POST /api/withdraw | none
		r (rl015/ginapp.Setup) | POST /auth/login | middleware ginapp.RateLimit
		r (rl015/ginapp.Setup) | POST /auth/otp | middleware ginapp.RateLimit
		r (rl015/sparse.One) | GET /b | none
		mux (rl015/sparse.None) | GET /b | none
		r (rl015/sparse.One) | GET /c | none
		r (rl015/ginapp.Late) | POST /early/otp | none
		mux (rl015/stdmux.NewMux) | GET /healthz | none
		mux (rl015/reads.Routes) | POST /invite | none
		r (rl015/shared.SetupTest) | POST /invite | none
		r (rl015/shared.serve) | POST /invite | none
		mux (rl015/chiglobal.Wrapped) | * /items | middleware httprate.LimitByIP
		r (rl015/chiglobal.Routes) | GET /items | middleware httprate.LimitByIP
		mux (rl015/chiglobal.Wrapped) | * /login | middleware httprate.LimitByIP
		r (rl015/chiapp.Routes) | POST /login | middleware httprate.LimitByIP
		r (rl015/chiglobal.Routes) | POST /login | middleware httprate.LimitByIP
		mux (rl015/declared.Routes) | POST /login | none
		e (rl015/echoapp.New) | POST /login | middleware middleware.RateLimiter
		router (rl015/fields.NewServer) | POST /login | inline Server.login
		mux (rl015/reads.Routes) | POST /login | middleware reads.limit
		r (rl015/shared.SetupTest) | POST /login | middleware httprate.LimitByIP
		r (rl015/shared.serve) | POST /login | middleware httprate.LimitByIP
		r (rl015/sparse.One) | POST /login | middleware httprate.LimitByIP
		mux (rl015/stdmux.NewMux) | POST /login | middleware limiter.limit
		mux (rl015/stdmux.NewMux) | POST /login/mfa | none
		mux (rl015/libs.Routes) | POST /magic-link | none
		r (rl015/sparse.Sessions) | GET /me | none
		http.DefaultServeMux (net/http) | * /metrics | exempt not found
		mux (rl015/declared.Routes) | POST /mfa | none
		mux (rl015/stdmux.NewMux) | GET /old-login | exempt a redirect
		mux (rl015/sparse.Two) | GET /one | none
		r (rl015/sparse.Sessions) | GET /orders | none
		engine (rl015/ginapp.newServer) | POST /orders | middleware ginapp.RateLimit
		r (rl015/chiapp.Routes) | POST /password/confirm | none
		r (rl015/chiapp.Routes) | POST /password/reset | middleware httprate.LimitByIP
		mux (rl015/stdmux.NewMux) | POST /password/reset | middleware limiter.limit
		r (rl015/ginapp.Setup) | GET /ping | none
		r (rl015/gorilla.Router) | * /readyz | none
		r (rl015/ginapp.Late) | POST /recover | middleware ginapp.RateLimit
		engine (rl015/ginapp.newServer) | POST /refunds | middleware ginapp.RateLimit
		r (rl015/chiapp.Routes) | POST /register | middleware httprate.LimitByIP
		r (rl015/shared.SetupTest) | POST /register | middleware httprate.LimitByIP
		r (rl015/shared.serve) | POST /register | middleware httprate.LimitByIP
		mux (rl015/chiglobal.Wrapped) | * /reset | middleware httprate.LimitByIP
		r (rl015/chiglobal.Routes) | POST /reset | middleware httprate.LimitByIP
		mux (rl015/declared.Routes) | POST /reset | none
		mux (rl015/reads.Routes) | POST /reset | middleware reads.limit
		r (rl015/ginapp.Late) | POST /signin | none
		mux (rl015/libs.Routes) | POST /signin | middleware tollbooth.LimitFuncHandler
		e (rl015/echoapp.New) | POST /signup | none
		r (rl015/ginapp.Late) | POST /signup | middleware ginapp.RateLimit
		mux (rl015/libs.Routes) | POST /signup | middleware Middleware.Handler
		mux (rl015/stdmux.NewMux) | GET /static/ | exempt static files
		router (rl015/fields.NewServer) | POST /token | inline Server.token
		router (rl015/fields.NewServer) | POST /token/refresh | none
		mux (rl015/reads.Routes) | GET /track | none
		mux (rl015/sparse.Two) #2 | GET /two | none
		r (rl015/gorilla.Router) | POST /upload | none
		r (rl015/chiapp.Routes) | POST /v1/logout | none
		r (rl015/chiapp.Routes) | GET /v1/status | none
		e (rl015/echoapp.LateGroup) | POST /v2/a | middleware middleware.RateLimiter
		e (rl015/echoapp.LateGroup) | POST /v2/b | middleware middleware.RateLimiter
		e (rl015/echoapp.LateGroup) | POST /v2/early | none
		outer (rl015/stdmux.NewAPI) | POST /webhooks | none
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
