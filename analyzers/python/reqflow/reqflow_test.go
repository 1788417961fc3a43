package reqflow

import (
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
)

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		src  Source
		want string
		time bool
	}{
		{Source{Kind: Forwarded, Field: "x-forwarded-for"}, "the first X-Forwarded-For entry", false},
		{Source{Kind: Forwarded, Field: "X-Real-IP"}, "the X-Real-IP header", false},
		{Source{Kind: Header, Field: "X-API-Key", Via: "client_key"}, "the X-API-Key header (read by client_key)", false},
		{Source{Kind: Query, Field: "window_start"}, "the query parameter window_start", true},
		{Source{Kind: Body}, "the request body", false},
		{Source{Kind: Cookie, Field: "sid"}, "the sid cookie", false},
		{Source{Kind: Header}, "a request header", false},
		{Source{Kind: Header, Field: "X-Client-Time"}, "the X-Client-Time header", true},
		{Source{Kind: Query, Field: "timeout"}, "the query parameter timeout", false},
	} {
		if got := tc.src.Describe(); got != tc.want {
			t.Errorf("%+v: Describe() = %q, want %q", tc.src, got, tc.want)
		}
		if got := tc.src.TimeLike(); got != tc.time {
			t.Errorf("%+v: TimeLike() = %v, want %v", tc.src, got, tc.time)
		}
	}
}

// TestFlows checks what a flow carries beyond what the rules report: the
// sink's role and description, and the verified flag.
func TestFlows(t *testing.T) {
	src := []byte(`import redis
from flask import abort, request

r = redis.Redis()
KEYS = {}


def throttle(key):
    return r.incr(key)


def handler():
    key = request.headers["X-API-Key"]
    throttle(key)
    if key not in KEYS:
        abort(401)
    throttle(key)
`)
	f, err := pyfile.Standalone("x.py", src)
	if err != nil {
		t.Fatal(err)
	}
	flows := Flows(f)
	if len(flows) != 2 {
		t.Fatalf("got %d flows, want 2 (one per throttle call)", len(flows))
	}
	for i, fl := range flows {
		if fl.Source.Kind != Header || fl.Source.Field != "X-API-Key" || fl.Sink.Role != Key || fl.Time {
			t.Errorf("flow %d: %+v %+v", i, fl.Source, fl.Sink)
		}
		if want := "argument key of throttle, which becomes the key of incr"; fl.Sink.What != want {
			t.Errorf("flow %d: sink %q, want %q", i, fl.Sink.What, want)
		}
	}
	if flows[0].Verified || !flows[1].Verified {
		t.Errorf("verified = %v, %v; want false before the check and true after it", flows[0].Verified, flows[1].Verified)
	}
	if again := Flows(f); &again[0] != &flows[0] {
		t.Error("Flows is not computed once per file")
	}
}

func TestNoWebFramework(t *testing.T) {
	f, err := pyfile.Standalone("x.py", []byte("import redis\nr = redis.Redis()\ndef f(request):\n    r.incr(request.headers['X'])\n"))
	if err != nil {
		t.Fatal(err)
	}
	if flows := Flows(f); len(flows) != 0 {
		t.Errorf("got %d flows in a file without a web framework", len(flows))
	}
}
