// Package wrapper retries a counter call made through a store method.
package wrapper

import (
	"context"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

// Store counts per key.
type Store struct{ rdb *redis.Client }

// Incr increments key.
func (s *Store) Incr(ctx context.Context, key string) (int64, error) {
	return s.rdb.Incr(ctx, "rl:"+key).Result()
}

// Limit allows the request once every attempt failed.
func Limit(s *Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for attempt := 0; attempt < 3; attempt++ { // want `when every attempt of Incr fails the loop ends and the function goes on to allow the request`
			n, err := s.Incr(r.Context(), r.RemoteAddr)
			if err != nil {
				time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
				continue
			}
			if n > 100 {
				http.Error(w, "slow down", http.StatusTooManyRequests)
				return
			}
			break
		}
		next.ServeHTTP(w, r)
	})
}
