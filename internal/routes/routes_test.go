package routes

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/internal/finding"
)

func route(group, path string, limit How) Route {
	return Route{Method: "GET", Path: path, Group: group, Limit: limit, Handler: "h", Location: finding.Location{Path: "app.py", Start: finding.Position{Line: 1}}}
}

func TestUnlimited(t *testing.T) {
	rs := []Route{
		// auth: three limited, one not, a health route and an exempt one
		route("auth", "/login", Dependency), route("auth", "/reset", Decorator), route("auth", "/register", Inline),
		route("auth", "/login/mfa", None), route("auth", "/healthz", None), route("auth", "/open", Exempt),
		// items: nothing is limited
		route("items", "/items", None), route("items", "/items/{id}", None),
		// admin: one limited among many is no pattern
		route("admin", "/a", Decorator), route("admin", "/b", None), route("admin", "/c", None), route("admin", "/d", None),
		// api: two limited, two not: half
		route("api", "/x", Decorator), route("api", "/y", Decorator), route("api", "/z", None), route("api", "/w", None),
	}
	var got []string
	for _, r := range Unlimited(rs) {
		got = append(got, r.Group+" "+r.Path)
	}
	want := "auth /login/mfa,api /z,api /w"
	if strings.Join(got, ",") != want {
		t.Errorf("Unlimited = %q, want %q", strings.Join(got, ","), want)
	}
}

func TestIgnored(t *testing.T) {
	for path, want := range map[string]bool{"/healthz": true, "/api/v1/metrics": true, "/status": true, "/": false, "/api/stats": false, "/ping/": true} {
		if got := route("g", path, None).Ignored(); got != want {
			t.Errorf("%s: Ignored() = %v, want %v", path, got, want)
		}
	}
}

func TestWriters(t *testing.T) {
	rs := []Route{route("g", "/a\x1b[31m", Decorator)}
	rs[0].By = "limiter.limit(\"5/minute\")"
	var text bytes.Buffer
	if err := Text(&text, rs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "decorator (limiter.limit(\"5/minute\"))") || strings.Contains(text.String(), "\x1b") {
		t.Errorf("text:\n%s", text.String())
	}
	var js bytes.Buffer
	if err := JSON(&js, nil); err != nil {
		t.Fatal(err)
	}
	var doc struct{ Routes []Route }
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil || doc.Routes == nil {
		t.Errorf("empty JSON %q: %v", js.String(), err)
	}
}
