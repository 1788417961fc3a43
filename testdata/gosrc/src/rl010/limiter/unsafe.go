// Package limiter holds RL010 fixtures for retried limiter calls.
package limiter

import (
	"net/http"
	"time"
)

// Limiter is a shared-store limiter.
type Limiter struct{}

// Take counts one request for key.
func (l *Limiter) Take(key string) (bool, error) { return true, nil }

// retryTake serves the request once Take failed three times.
func retryTake(l *Limiter, w http.ResponseWriter, r *http.Request, next http.Handler) {
	for i := 0; i < 3; i++ { // want `when every attempt of Take fails the loop ends and the function goes on to allow the request`
		ok, err := l.Take(r.RemoteAddr)
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
