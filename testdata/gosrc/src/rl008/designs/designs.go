// Package designs holds the two common shapes of Go limiters: a Limiter
// interface with a Redis implementation, and rate-limit middleware that
// takes a key function.
package designs

import (
	"context"
	"net/http"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Limiter decides whether key may make another request.
type Limiter interface {
	Allow(ctx context.Context, key string) (bool, error)
}

// RedisLimiter is the package's Limiter.
type RedisLimiter struct{ rdb *redis.Client }

// Allow counts key's requests in Redis.
func (l *RedisLimiter) Allow(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Incr(ctx, "rl:"+key).Result()
	return n <= 100, err
}

// Server holds its limiter behind the interface.
type Server struct{ limiter Limiter }

// Handle counts under an unverified header through the interface.
func (s *Server) Handle(w http.ResponseWriter, r *http.Request) {
	if ok, _ := s.limiter.Allow(r.Context(), r.Header.Get("X-Client-ID")); !ok { // want `the X-Client-ID header, which nothing authenticates`
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// RateLimit limits every request under what keyFn returns.
func RateLimit(rdb *redis.Client, keyFn func(*http.Request) string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n, _ := rdb.Incr(r.Context(), "rl:"+keyFn(r)).Result(); n > 100 {
				http.Error(w, "slow down", http.StatusTooManyRequests)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// byForwardedFor returns the first X-Forwarded-For entry.
func byForwardedFor(r *http.Request) string {
	return strings.Split(r.Header.Get("X-Forwarded-For"), ",")[0] // want `the first X-Forwarded-For entry`
}

// byUser returns the user the authentication middleware stored.
func byUser(r *http.Request) string {
	u, _ := r.Context().Value(userKey{}).(string)
	return u
}

type userKey struct{}

// Routes installs the middleware with three key functions.
func Routes(rdb *redis.Client, h http.Handler) []http.Handler {
	return []http.Handler{
		RateLimit(rdb, func(r *http.Request) string {
			return r.Header.Get("X-Device") // want `the X-Device header, which nothing authenticates`
		})(h),
		RateLimit(rdb, byForwardedFor)(h),
		RateLimit(rdb, byUser)(h),
	}
}
