// Package middleware calls the limiter of package limiter.
package middleware

import (
	"net/http"

	"rl003/ipguard/limiter"
)

// FailOpen serves the request when Redis fails.
func FailOpen(l *limiter.RedisLimiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, err := l.CheckIPLimit(r.Context(), r.RemoteAddr)
		if err != nil { // want `the error branch of CheckIPLimit \(the rate-limit decision\) lets the request through \(fail-open\)`
			next.ServeHTTP(w, r)
			return
		}
		if !ok {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// FailClosed answers every Redis failure as 429.
func FailClosed(l *limiter.RedisLimiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, err := l.CheckIPLimit(r.Context(), r.RemoteAddr)
		if err != nil { // want `the error branch of CheckIPLimit \(the rate-limit decision\) answers every error as rate-limited`
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		if !ok {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Surfaced lets Redis failures surface as 503: the fixed twin.
func Surfaced(l *limiter.RedisLimiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, err := l.CheckIPLimit(r.Context(), r.RemoteAddr)
		if err != nil {
			http.Error(w, "limiter unavailable", http.StatusServiceUnavailable)
			return
		}
		if !ok {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Header reads what is left for a header; no decision, no finding.
func Header(l *limiter.RedisLimiter, w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-RateLimit-Remaining", string(rune(l.Remaining(r.Context(), r.RemoteAddr))))
}
