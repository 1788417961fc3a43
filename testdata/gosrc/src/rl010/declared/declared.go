// Package declared holds RL010 fixtures for a limiter the configuration
// declares (.rlcheck.toml here): its calls decide a limit, so a retry
// loop around them is a rate-limit path.
package declared

import (
	"net/http"
	"time"

	"rl010/declared/gate"
)

// RetryOpen serves the request once Check failed three times.
func RetryOpen(g *gate.Gate, w http.ResponseWriter, r *http.Request, next http.Handler) {
	for i := 0; i < 3; i++ { // want `when every attempt of Check fails the loop ends and the function goes on to allow the request`
		ok, err := g.Check(r.RemoteAddr)
		if err != nil {
			time.Sleep(time.Duration(i) * time.Millisecond)
			continue
		}
		if !ok {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		break
	}
	next.ServeHTTP(w, r)
}

// RetryClosed answers 503 once the attempts run out.
func RetryClosed(g *gate.Gate, w http.ResponseWriter, r *http.Request, next http.Handler) {
	allowed := false
	for i := 0; i < 3; i++ {
		ok, err := g.Check(r.RemoteAddr)
		if err != nil {
			time.Sleep(time.Duration(i) * time.Millisecond)
			continue
		}
		allowed = ok
		break
	}
	if !allowed {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	next.ServeHTTP(w, r)
}
