// Package helpers holds RL013 fixtures where the increment and the expiry
// run in methods of the project's store type and a client factory.
package helpers

import (
	"context"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

func newClient() *redis.Client { return redis.NewClient(&redis.Options{Addr: "redis:6379"}) }

// Store wraps the Redis client.
type Store struct{ rdb *redis.Client }

// Hit increments a counter and returns the count.
func (s *Store) Hit(ctx context.Context, key string) (int64, error) {
	return s.rdb.Incr(ctx, key).Result()
}

// SetWindow gives a key its window.
func (s *Store) SetWindow(ctx context.Context, key string, window time.Duration) error {
	return s.rdb.Expire(ctx, key, window).Err()
}

// HitWithWindow increments and expires in one pipeline.
func (s *Store) HitWithWindow(ctx context.Context, key string, window time.Duration) (int64, error) {
	pipe := s.rdb.TxPipeline()
	incr := pipe.Incr(ctx, key)
	pipe.ExpireNX(ctx, key, window)
	_, err := pipe.Exec(ctx)
	return incr.Val(), err
}

var store = &Store{rdb: newClient()}

// handler counts through the store and sets the window through it, in
// two round trips.
func handler(w http.ResponseWriter, r *http.Request) {
	key := "rl:" + r.RemoteAddr
	n, err := store.Hit(r.Context(), key) // want `separate round trip from its INCR`
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if n == 1 {
		_ = store.SetWindow(r.Context(), key, time.Minute)
	}
	if n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// fixed counts through the pipelined method.
func fixed(w http.ResponseWriter, r *http.Request) {
	n, err := store.HitWithWindow(r.Context(), "rl:"+r.RemoteAddr, time.Minute)
	if err != nil || n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// factory reaches the client through a factory.
func factory(ctx context.Context, ip string) bool {
	c := newClient()
	n := c.Incr(ctx, "rl:"+ip).Val() // want `separate round trip`
	c.Expire(ctx, "rl:"+ip, time.Minute)
	return n < 100
}
