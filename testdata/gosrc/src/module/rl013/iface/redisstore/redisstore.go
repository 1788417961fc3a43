// Package redisstore implements limiter.Counter with go-redis.
package redisstore

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Store is a Redis counter store.
type Store struct{ rdb *redis.Client }

// New returns a store.
func New(rdb *redis.Client) *Store { return &Store{rdb: rdb} }

// Incr increments a counter; the caller sets its expiry.
func (s *Store) Incr(ctx context.Context, key string) (int64, error) {
	return s.rdb.Incr(ctx, key).Result()
}

// Expire sets a counter's expiry.
func (s *Store) Expire(ctx context.Context, key string, d time.Duration) error {
	return s.rdb.Expire(ctx, key, d).Err()
}

// IncrWindow increments and sets the expiry in one MULTI/EXEC.
func (s *Store) IncrWindow(ctx context.Context, key string, d time.Duration) (int64, error) {
	var incr *redis.IntCmd
	_, err := s.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		incr = pipe.Incr(ctx, key)
		pipe.ExpireNX(ctx, key, d)
		return nil
	})
	return incr.Val(), err
}
