package rl015_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl015"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/godriver"
	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

// TestFrameworkNotDownloaded runs RL015 on a module whose chi and
// httprate are missing from the module cache (a CI job without `go mod
// download`): routers, groups and limiters are recognised by their import
// paths, and the route map is the same.
func TestFrameworkNotDownloaded(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.999.0\n\tgithub.com/go-chi/httprate v0.999.0\n)\n",
		"api/api.go": `package api

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/httprate"
)

func h(w http.ResponseWriter, r *http.Request) {}

func Routes() http.Handler {
	r := chi.NewRouter()
	r.Route("/auth", func(r chi.Router) {
		r.Use(httprate.LimitByIP(5, time.Minute))
		r.Post("/login", h)
		r.Post("/register", h)
	})
	r.Post("/auth/reset", h)
	return r
}
`,
	})
	res := godriver.Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./..."}}}, []*analysis.Analyzer{rl015.Analyzer}, dir, nil)
	if len(res.Notifications) == 0 {
		t.Fatal("chi loaded: this test needs it missing from the module cache")
	}
	if len(res.Findings) != 1 || res.Findings[0].Location.Start.Line != 20 || !strings.HasPrefix(res.Findings[0].Message, "POST /auth/reset has no rate limit while 2 of the 3 routes of r (example.com/m/api.Routes)") {
		t.Errorf("findings = %+v, want POST /auth/reset on line 20", res.Findings)
	}
	var got []string
	for _, r := range res.Routes {
		got = append(got, fmt.Sprintf("%s %s %s %s:%d", r.Method, r.Path, r.Limit, r.Location.Path, r.Location.Start.Line))
	}
	want := "POST /auth/login middleware api/api.go:17,POST /auth/register middleware api/api.go:18,POST /auth/reset none api/api.go:20"
	if strings.Join(got, ",") != want {
		t.Errorf("routes %q, want %q", strings.Join(got, ","), want)
	}
}
