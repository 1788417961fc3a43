// Package chiapp installs chi's middleware.RealIP, which rewrites
// r.RemoteAddr from X-Real-IP or X-Forwarded-For.
package chiapp

import (
	"net"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{})

// Router installs RealIP in front of every route.
func Router() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RealIP)
	r.Get("/", ByRemoteAddr)
	r.Get("/orgs/{org}", ByPath)
	return r
}

// ByRemoteAddr keys on the rewritten peer address.
func ByRemoteAddr(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.RemoteAddr) // want `r.RemoteAddr, which chi's middleware.RealIP rewrites`
	if err != nil {
		host = r.RemoteAddr // want `r.RemoteAddr, which chi's middleware.RealIP rewrites`
	}
	if n, _ := rdb.Incr(r.Context(), "rl:"+host).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// ByPath keys on a path parameter: silent.
func ByPath(w http.ResponseWriter, r *http.Request) {
	if n, _ := rdb.Incr(r.Context(), "rl:org:"+chi.URLParam(r, "org")).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}
