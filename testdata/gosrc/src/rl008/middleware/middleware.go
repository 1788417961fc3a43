// Package middleware verifies X-API-Key in an authentication middleware;
// the handlers behind it count under the verified header.
package middleware

import (
	"net/http"

	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{})

// keyStore knows the issued keys.
type keyStore interface {
	Known(key string) bool
}

// RequireKey rejects unknown API keys.
func RequireKey(keys keyStore, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !keys.Known(r.Header.Get("X-API-Key")) {
			http.Error(w, "unknown key", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Handler runs behind RequireKey.
func Handler(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-API-Key")
	if n, _ := rdb.Incr(r.Context(), "rl:"+key).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// ForwardedBehindAuth is still spoofable: authentication does not make
// the client's X-Forwarded-For true.
func ForwardedBehindAuth(w http.ResponseWriter, r *http.Request) {
	ip := r.Header.Get("X-Forwarded-For") // want `the first X-Forwarded-For entry, which the client writes itself`
	if n, _ := rdb.Incr(r.Context(), "rl:"+ip).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}
