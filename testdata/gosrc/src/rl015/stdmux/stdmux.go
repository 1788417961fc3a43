// Package stdmux holds RL015 fixtures for net/http's ServeMux: a project
// middleware counting in Redis wraps most handlers, one is forgotten.
package stdmux

import (
	"net/http"

	"github.com/redis/go-redis/v9"
)

type limiter struct{ rdb *redis.Client }

// limit counts each client's requests in Redis and refuses the excess
// (with a 503: the count decides, not the status).
func (l *limiter) limit(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n, err := l.rdb.Incr(r.Context(), "rl:"+r.RemoteAddr).Result()
		if err != nil || n > 10 {
			http.Error(w, "slow down", http.StatusServiceUnavailable)
			return
		}
		next(w, r)
	}
}

func login(w http.ResponseWriter, r *http.Request)  {}
func reset(w http.ResponseWriter, r *http.Request)  {}
func mfa(w http.ResponseWriter, r *http.Request)    {}
func health(w http.ResponseWriter, r *http.Request) {}

// NewMux limits login and reset but not the MFA step.
func NewMux(rdb *redis.Client) *http.ServeMux {
	l := &limiter{rdb: rdb}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", l.limit(login))
	mux.Handle("POST /password/reset", l.limit(http.HandlerFunc(reset)))
	mux.HandleFunc("POST /login/mfa", mfa) // want `POST /login/mfa has no rate limit while 2 of the 3 routes of mux \(rl015/stdmux.NewMux\) have one`
	mux.HandleFunc("GET /healthz", health) // health checks are not judged
	static := http.FileServer(http.Dir("static"))
	mux.Handle("GET /static/", http.StripPrefix("/static/", static)) // files: nothing to bypass
	mux.Handle("GET /old-login", http.RedirectHandler("/login", http.StatusMovedPermanently))
	return mux
}

func auth(next http.Handler) http.Handler { return next }

// NewAPI mounts a sub-mux behind an auth middleware: its routes belong
// to the outer application, under its prefix.
func NewAPI(rdb *redis.Client) *http.ServeMux {
	l := &limiter{rdb: rdb}
	api := http.NewServeMux()
	api.HandleFunc("POST /orders", l.limit(login))
	api.HandleFunc("POST /refunds", l.limit(reset))
	outer := http.NewServeMux()
	outer.Handle("/api/", http.StripPrefix("/api", auth(api)))
	outer.HandleFunc("POST /webhooks", mfa) // want `POST /webhooks has no rate limit while 2 of the 3 routes of outer \(rl015/stdmux.NewAPI\)`
	return outer
}
