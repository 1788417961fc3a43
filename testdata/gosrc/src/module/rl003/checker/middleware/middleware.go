// Package middleware takes its limiter as an interface; the Redis
// implementation is in package limiter, which it does not import.
package middleware

import (
	"context"
	"net/http"
)

// Checker decides whether a client may go on.
type Checker interface {
	CheckIPLimit(ctx context.Context, ip string) (bool, error)
}

// Limit serves the request when the checker fails.
func Limit(c Checker, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, err := c.CheckIPLimit(r.Context(), r.RemoteAddr)
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

// Strict lets failures surface: the fixed twin.
func Strict(c Checker, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, err := c.CheckIPLimit(r.Context(), r.RemoteAddr)
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if !ok {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
