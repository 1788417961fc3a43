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
