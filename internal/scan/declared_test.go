package scan

import (
	"testing"

	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

// pyDeclared reads and writes a count through a library outside the scan
// and keys another limit by a header the edge writes.
const pyDeclared = `from flask import Flask, abort, request

from acme_counters import get_count, set_count
import redis

app = Flask(__name__)
r = redis.Redis()


@app.route("/send", methods=["POST"])
def send():
    key = "rl:" + request.remote_addr
    n = get_count(key)
    if n >= 100:
        abort(429)
    set_count(key, n + 1)
    return "ok"


@app.route("/search")
def search():
    if r.incr("rl:s:" + request.headers["X-Client-IP"]) > 10:
        abort(429)
    return "ok"
`

// TestConfigReachesThePythonEngine: the wrappers a config file declares
// make a read-then-write visible, and its trusted proxy header is no
// spoofable key; without the file the same code reads the other way.
func TestConfigReachesThePythonEngine(t *testing.T) {
	declared := gomodtest.Write(t, map[string]string{
		".git/HEAD": "",
		".rlcheck.toml": `[trusted-proxy]
header = "x-client-ip"

[[wrappers]]
python = "acme_counters.get_count"
op = "read"
key = 0

[[wrappers]]
python = "acme_counters.set_count"
op = "write"
key = 0
`,
		"app.py": pyDeclared,
	})
	plain := gomodtest.Write(t, map[string]string{".git/HEAD": "", "app.py": pyDeclared})
	for _, tc := range []struct {
		dir, want string
	}{
		{declared, "app.py:RL001:high"},
		{plain, "app.py:RL008:medium"},
	} {
		res, err := Run(Options{Paths: []string{tc.dir}, Root: tc.dir, Enabled: func(id string) bool { return id == "RL001" || id == "RL008" }})
		if err != nil {
			t.Fatal(err)
		}
		if got := withSeverity(res.Findings); got != tc.want {
			t.Errorf("findings %s, want %s\nnotifications:\n%s", got, tc.want, notes(res))
		}
	}
}

// goDeclared reads and writes a count through a client the analysis
// cannot see into, and keys another limit by a header the edge writes.
var goDeclared = map[string]string{
	"go.mod": "module example.com/app\n\ngo 1.22\n",
	"counters/counters.go": `// Package counters is a counter client rlcheck cannot see into.
package counters

import "context"

var counts = map[string]int64{}

// Get returns the count of key.
func Get(ctx context.Context, key string) (int64, error) { return counts[key], nil }

// Set stores a count for key.
func Set(ctx context.Context, key string, n int64) error { counts[key] = n; return nil }
`,
	"app.go": `package app

import (
	"database/sql"
	"errors"
	"net/http"

	"example.com/app/counters"
)

var errLimited = errors.New("rate limited")

// Send reads the count and writes it back plus one.
func Send(r *http.Request) error {
	key := "rl:" + r.RemoteAddr
	n, err := counters.Get(r.Context(), key)
	if err != nil {
		return err
	}
	if n >= 100 {
		return errLimited
	}
	return counters.Set(r.Context(), key, n+1)
}

// Search counts per X-Client-IP.
func Search(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	var hits int
	err := db.QueryRowContext(r.Context(), "UPDATE rate_limits SET hits = hits + 1 WHERE ip = $1 RETURNING hits", r.Header.Get("X-Client-IP")).Scan(&hits)
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if hits > 10 {
		w.WriteHeader(http.StatusTooManyRequests)
	}
}
`,
}

// TestConfigReachesTheGoEngine: the Go wrappers a config file declares
// make a read-then-write visible, and its trusted proxy header is no
// spoofable key; without the file the same module reads the other way.
func TestConfigReachesTheGoEngine(t *testing.T) {
	withConfig := map[string]string{
		".git/HEAD": "",
		".rlcheck.toml": `[trusted-proxy]
header = "x-client-ip"

[[wrappers]]
go = "example.com/app/counters.Get"
op = "read"
key = 1

[[wrappers]]
go = "example.com/app/counters.Set"
op = "write"
key = 1
`,
	}
	plain := map[string]string{".git/HEAD": ""}
	for name, body := range goDeclared {
		withConfig[name], plain[name] = body, body
	}
	for _, tc := range []struct {
		dir, want string
	}{
		{gomodtest.Write(t, withConfig), "app.go:RL001:high"},
		{gomodtest.Write(t, plain), "app.go:RL008:medium"},
	} {
		res, err := Run(Options{Paths: []string{tc.dir}, Root: tc.dir, Enabled: func(id string) bool { return id == "RL001" || id == "RL008" }})
		if err != nil {
			t.Fatal(err)
		}
		if got := withSeverity(res.Findings); got != tc.want {
			t.Errorf("findings %s, want %s\nnotifications:\n%s", got, tc.want, notes(res))
		}
	}
}
