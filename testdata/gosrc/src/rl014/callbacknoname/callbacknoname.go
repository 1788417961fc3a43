// Package callbacknoname calls a LimitReached callback after setting
// only X-RateLimit headers: nothing sends Retry-After.
package callbacknoname

import "net/http"

// Limiter limits requests.
type Limiter struct {
	OnLimitReached http.HandlerFunc
	over           func(*http.Request) bool
}

// New returns a limiter with the default callback.
func New(over func(*http.Request) bool) *Limiter {
	return &Limiter{OnLimitReached: DefaultLimitReached, over: over}
}

// DefaultLimitReached answers 429.
func DefaultLimitReached(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "limit exceeded", http.StatusTooManyRequests) // want `no Retry-After`
}

// Handler limits next.
func (l *Limiter) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Remaining", "0")
		if l.over(r) {
			l.OnLimitReached(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
