// Package limiter rate-limits an HTTP API with counters in Redis.
//
// The limiters in vulnerable.go can be bypassed or lock clients out;
// fixed.go shows the repairs.
package limiter

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limit is the number of requests a client may make per Window.
const Limit = 100

// Window is the length of a counting window.
const Window = time.Minute

// ExportLimit is the number of exports a client may start per
// ExportWindow.
const ExportLimit = 5

// ExportWindow is the length of the export quota's window.
const ExportWindow = time.Hour

// clientIP is the peer address the server sees (the service runs behind
// no proxy).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// windowKey names the counter of a client's current window.
func windowKey(ip string, now time.Time) string {
	return "rl:" + ip + ":" + strconv.FormatInt(now.Unix()/int64(Window/time.Second), 10)
}

// SeparateExpire counts in Redis and gives the counter its expiry in a
// second round trip: when the process dies or the connection drops
// between INCR and EXPIRE, the key never expires and that client stays
// limited for good. Its 429 also tells the client nothing about when to
// come back.
type SeparateExpire struct {
	RDB *redis.Client
}

// Middleware limits every request.
func (l *SeparateExpire) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		key := windowKey(clientIP(r), time.Now())
		n, err := l.RDB.Incr(ctx, key).Result()
		if err != nil {
			http.Error(w, "rate limiter unavailable", http.StatusServiceUnavailable)
			return
		}
		if n == 1 {
			if err := l.RDB.Expire(ctx, key, Window).Err(); err != nil {
				http.Error(w, "rate limiter unavailable", http.StatusServiceUnavailable)
				return
			}
		}
		if n > Limit {
			http.Error(w, "rate limited", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// exports holds each client's export start times in this process: with
// n replicas behind the load balancer a client gets n times the quota,
// and a restart forgets it.
var (
	exportsMu sync.Mutex
	exports   = map[string][]time.Time{}
)

// ExportQuota limits the expensive export endpoint.
func ExportQuota(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := clientIP(r)
		now := time.Now()
		exportsMu.Lock()
		var recent []time.Time
		for _, t := range exports[ip] {
			if now.Sub(t) < ExportWindow {
				recent = append(recent, t)
			}
		}
		exports[ip] = recent
		over := len(exports[ip]) >= ExportLimit
		if !over {
			exports[ip] = append(exports[ip], now)
		}
		exportsMu.Unlock()
		if over {
			w.Header().Set("Retry-After", strconv.Itoa(int(ExportWindow/time.Second)))
			http.Error(w, "export quota exceeded", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
