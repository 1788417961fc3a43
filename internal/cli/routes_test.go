package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoutesCommand(t *testing.T) {
	dir := t.TempDir()
	src := `from fastapi import APIRouter, Depends, FastAPI
from fastapi_limiter.depends import RateLimiter

app = FastAPI()
router = APIRouter(prefix="/v1")


@router.post("/login", dependencies=[Depends(RateLimiter(times=5, seconds=60))])
def login():
    return {}


@router.post("/reset", dependencies=[Depends(RateLimiter(times=5, seconds=60))])
def reset():
    return {}


@router.post("/mfa")
def mfa():
    return {}


app.include_router(router, prefix="/api")
`
	if err := os.WriteFile(filepath.Join(dir, "main.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"routes", dir}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	for _, want := range []string{"POST    /api/v1/login  dependency", "POST    /api/v1/mfa    none"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, stdout.String())
		}
	}
	if !strings.Contains(stderr.String(), "3 routes, 2 with a rate limit, 1 reported by RL015") {
		t.Errorf("summary: %s", stderr.String())
	}
	stdout.Reset()
	if code := Run([]string{"routes", "--format", "json", dir}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("json: exit %d", code)
	}
	var doc struct {
		Routes []struct{ Method, Path, Limit string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil || len(doc.Routes) != 3 || doc.Routes[1].Path != "/api/v1/mfa" || doc.Routes[1].Limit != "none" {
		t.Errorf("json %s: %v", stdout.String(), err)
	}
	if code := Run([]string{"routes", "--format", "yaml", dir}, &stdout, &stderr); code != ExitError {
		t.Errorf("unknown format: exit %d, want 2", code)
	}
}

// TestRoutesCommandGo prints a Go application's routes: chi groups with
// a limiter, one route left out, which RL015 reports.
func TestRoutesCommandGo(t *testing.T) {
	dir := t.TempDir()
	files := goApp
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"routes", dir}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	for _, want := range []string{"POST    /api/login      middleware (limit.PerIP)", "POST    /api/login/mfa  none"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, stdout.String())
		}
	}
	if !strings.Contains(stderr.String(), "3 routes, 2 with a rate limit, 1 reported by RL015") {
		t.Errorf("summary: %s", stderr.String())
	}
	stdout.Reset()
	if code := Run([]string{"routes", "--format", "json", dir}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("json: exit %d", code)
	}
	var doc struct {
		Routes []struct {
			Method, Path, Limit, Group string
			Location                   struct{ Path string }
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil || len(doc.Routes) != 3 {
		t.Fatalf("json %s: %v", stdout.String(), err)
	}
	if r := doc.Routes[1]; r.Path != "/api/login/mfa" || r.Limit != "none" || r.Group != "mux (example.com/app.main)" || !strings.HasSuffix(r.Location.Path, "/main.go") {
		t.Errorf("json route %+v", r)
	}
}

// goApp is a Go module whose ServeMux limits two routes with a project
// middleware and leaves the third without.
var goApp = map[string]string{
	"go.mod": "module example.com/app\n\ngo 1.22\n",
	"main.go": `package main

import (
	"net/http"

	"example.com/app/limit"
)

func h(w http.ResponseWriter, r *http.Request) {}

func main() {
	mux := http.NewServeMux()
	mux.Handle("POST /api/login", limit.PerIP(http.HandlerFunc(h)))
	mux.Handle("POST /api/reset", limit.PerIP(http.HandlerFunc(h)))
	mux.HandleFunc("POST /api/login/mfa", h)
	http.ListenAndServe(":8080", mux)
}
`,
	"limit/limit.go": `package limit

import (
	"net/http"
	"sync"
)

var (
	mu   sync.Mutex
	hits = map[string]int{}
)

// PerIP refuses a client's requests beyond ten.
func PerIP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.RemoteAddr]++
		n := hits[r.RemoteAddr]
		mu.Unlock()
		if n > 10 {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
`,
}
