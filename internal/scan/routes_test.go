package scan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

// goRoutes is a net/http application whose login and reset go through a
// limiter of the project's own package acme/rl, which counts nothing
// rlcheck can see: only the configuration says it limits.
const goRoutes = `package main

import (
	"net/http"

	"example.com/m/rl"
)

func h(w http.ResponseWriter, r *http.Request) {}

func main() {
	mux := http.NewServeMux()
	mux.Handle("POST /login", rl.Wrap(http.HandlerFunc(h)))
	mux.Handle("POST /reset", rl.Wrap(http.HandlerFunc(h)))
	mux.HandleFunc("POST /login/mfa", h)
	mux.HandleFunc("GET /healthz", h)
	http.ListenAndServe(":8080", mux)
}
`

const goWrap = `package rl

import "net/http"

// Wrap hands the request to an external rate-limit service.
func Wrap(next http.Handler) http.Handler { return next }
`

// TestRoutesGo: the Go routes with their limits, the configuration's
// declared limiter included.
func TestRoutesGo(t *testing.T) {
	for _, declared := range []bool{false, true} {
		files := map[string]string{
			"go.mod":     "module example.com/m\n\ngo 1.22\n",
			"main.go":    goRoutes,
			"rl/rl.go":   goWrap,
			"app/app.py": "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get(\"/py\")\ndef py():\n    return \"\"\n",
		}
		if declared {
			files[".rlcheck.toml"] = "[limiters]\ngo = [\"example.com/m/rl.Wrap\"]\n"
		}
		dir := gomodtest.Write(t, files)
		rs, notes, err := Routes(Options{Paths: []string{dir}, Root: dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(notes) != 0 {
			t.Errorf("notifications %+v", notes)
		}
		var got []string
		for _, r := range rs {
			got = append(got, fmt.Sprintf("%s %s %s %s:%d:%d", r.Method, r.Path, r.Limit, r.Location.Path, r.Location.Start.Line, r.Location.Start.Column))
		}
		limit := "none"
		if declared {
			limit = "middleware"
		}
		want := strings.Join([]string{
			"GET /healthz none main.go:16:2",
			"POST /login " + limit + " main.go:13:2",
			"POST /login/mfa none main.go:15:2",
			"GET /py none app/app.py:6:2",
			"POST /reset " + limit + " main.go:14:2",
		}, "\n")
		if strings.Join(got, "\n") != want {
			t.Errorf("declared=%v: routes\n%s\nwant\n%s", declared, strings.Join(got, "\n"), want)
		}
	}
}
