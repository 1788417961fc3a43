package gocode_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/godriver"
	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

// TestClientNotDownloaded scans a module whose go-redis is missing from
// the module cache, as in a bare checkout: the client's calls are
// recognised from the types the receivers are declared with (a struct
// field, redis.NewClient's result) and their import paths.
func TestClientNotDownloaded(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n\nrequire github.com/redis/go-redis/v9 v9.999.0\n",
		"limit/limit.go": `package limit

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

type Limiter struct{ rdb *redis.Client }

func New() *Limiter { return &Limiter{rdb: redis.NewClient(&redis.Options{})} }

func (l *Limiter) GetThenSet(ctx context.Context, key string) error {
	n, err := l.rdb.Get(ctx, key).Int()
	if err != nil {
		return err
	}
	if n >= 100 {
		return fmt.Errorf("limited")
	}
	return l.rdb.Set(ctx, key, n+1, time.Minute).Err()
}

func (l *Limiter) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := fmt.Sprintf("rl:%s:%d", r.Header.Get("X-Forwarded-For"), time.Now().Unix())
		n, err := l.rdb.Incr(r.Context(), key).Result()
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		if n > 100 {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (l *Limiter) Fixed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := fmt.Sprintf("rl:%s:%d", r.RemoteAddr, time.Now().Unix()/60)
		n, err := l.rdb.Incr(r.Context(), key).Result()
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if n > 100 {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func Local(ctx context.Context, key string) (int64, error) {
	rdb := redis.NewClient(&redis.Options{})
	v, err := rdb.Get(ctx, key).Int64()
	if err != nil {
		return 0, err
	}
	if v >= 10 {
		return v, nil
	}
	return v, rdb.Set(ctx, key, v+1, 0).Err()
}
`,
	})
	res := godriver.Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./..."}}}, gocode.Analyzers(), dir, nil)
	if len(res.Notifications) == 0 || !strings.Contains(res.Notifications[0].Message, "go mod download") {
		t.Fatalf("notifications = %+v: this test needs go-redis missing from the module cache", res.Notifications)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d", f.RuleID, f.Location.Start.Line))
	}
	slices.Sort(got)
	// The GET then SET of a field's client and of redis.NewClient's
	// result, the fail-open error branch, the raw-time window and the
	// X-Forwarded-For key; both INCRs never get an expiry (RL013) and
	// both 429s go without Retry-After (RL014), which is all Fixed still
	// does wrong.
	want := []string{"RL001:24", "RL001:68", "RL003:31", "RL006:30", "RL008:29", "RL013:30", "RL013:46", "RL014:36", "RL014:52"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v:\n%+v", got, want, res.Findings)
	}
}

// TestDeclaredNotDownloaded scans a module whose counter client is
// missing from the module cache, with the client's functions declared in
// the configuration: calls of them are known by the import path and by
// the type their receiver is declared with (also as a field of a struct
// of another package), and decide nothing when not declared.
func TestDeclaredNotDownloaded(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n\nrequire github.com/acme/counters v1.999.0\n",
		"data/data.go": `package data

import "github.com/acme/counters"

type Data struct{ Counters *counters.Client }
`,
		"limit/limit.go": `package limit

import (
	"context"
	"errors"
	"net/http"

	"example.com/m/data"
	"github.com/acme/counters"
)

func ThroughField(ctx context.Context, d *data.Data, ip string) error {
	n, err := d.Counters.Get(ctx, "rl:"+ip)
	if err != nil {
		return err
	}
	if n >= 100 {
		return errors.New("limited")
	}
	return counters.Put(ctx, "rl:"+ip, n+1)
}

type Limiter struct{ c *counters.Client }

func (l *Limiter) ReadThenWrite(ctx context.Context, ip string) error {
	n, err := l.c.Get(ctx, "rl:"+ip)
	if err != nil {
		return err
	}
	if n >= 100 {
		return errors.New("limited")
	}
	return counters.Put(ctx, "rl:"+ip, n+1)
}

func (l *Limiter) Gate(w http.ResponseWriter, r *http.Request, next http.Handler) {
	ok, err := counters.Allow(r.Context(), r.RemoteAddr)
	if err != nil {
		next.ServeHTTP(w, r)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	next.ServeHTTP(w, r)
}

func (l *Limiter) Other(w http.ResponseWriter, r *http.Request, next http.Handler) {
	ok, err := counters.Permit(r.Context(), r.RemoteAddr)
	if err != nil {
		next.ServeHTTP(w, r)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	next.ServeHTTP(w, r)
}
`,
	})
	cfg := &config.Config{
		Wrappers: []config.Wrapper{
			{Go: "(*github.com/acme/counters.Client).Get", Op: config.OpRead, Key: 1},
			{Go: "github.com/acme/counters.Put", Op: config.OpWrite, Key: 1},
		},
		Limiters: config.Limiters{Go: []string{"github.com/acme/counters.Allow"}},
	}
	var analyzers []*analysis.Analyzer // the rules the declarations feed here
	for _, a := range gocode.Analyzers() {
		if a.Name == "RL001" || a.Name == "RL003" {
			analyzers = append(analyzers, a)
		}
	}
	res := godriver.Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./..."}}}, analyzers, dir,
		func(string) *config.Config { return cfg })
	if len(res.Notifications) == 0 || !strings.Contains(res.Notifications[0].Message, "go mod download") {
		t.Fatalf("notifications = %+v: this test needs the client missing from the module cache", res.Notifications)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d %s", f.RuleID, f.Location.Start.Line, f.Message))
	}
	slices.Sort(got)
	// The declared read then write (twice), and the fail-open branch of
	// the declared limiter; Permit is not declared.
	want := []string{
		"RL001:20 counters.Put runs on a decision taken from the read by counters.Client.Get before it",
		"RL001:33 counters.Put runs on a decision taken from the read by counters.Client.Get before it",
		"RL003:38 the error branch of Allow (the rate-limit decision) lets the request through",
	}
	if len(got) != len(want) {
		t.Fatalf("findings %q, want %q", got, want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %q, want %q...", got[i], want[i])
		}
	}
}
