// Package callback sets Retry-After under a configurable header name
// before it calls the LimitReached callback that writes the 429: the
// callback's caller sets the header.
package callback

import "net/http"

// Headers are the names of the rate-limit headers.
type Headers struct{ RetryAfter string }

// Limiter limits requests.
type Limiter struct {
	headers   Headers
	onLimited http.HandlerFunc
	over      func(*http.Request) bool
}

// New returns a limiter with the default headers and callback.
func New(over func(*http.Request) bool) *Limiter {
	return &Limiter{headers: Headers{RetryAfter: "Retry-After"}, onLimited: onLimited, over: over}
}

func onLimited(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "too many requests", http.StatusTooManyRequests)
}

// Handler limits next.
func (l *Limiter) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if l.over(r) {
			if l.headers.RetryAfter != "" {
				w.Header().Set(l.headers.RetryAfter, "60")
			}
			l.onLimited(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
