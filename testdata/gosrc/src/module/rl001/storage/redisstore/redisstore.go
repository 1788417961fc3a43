// Package redisstore implements limiter.Storage with go-redis.
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

// Get reads a counter.
func (s *Store) Get(ctx context.Context, key string) (int64, error) {
	return s.rdb.Get(ctx, "rl:"+key).Int64()
}

// Set writes a counter.
func (s *Store) Set(ctx context.Context, key string, v int64, ttl time.Duration) error {
	return s.rdb.Set(ctx, "rl:"+key, v, ttl).Err()
}

// Incr increments a counter.
func (s *Store) Incr(ctx context.Context, key string) (int64, error) {
	n, err := s.rdb.Incr(ctx, "rl:"+key).Result()
	if err != nil {
		return 0, err
	}
	if n == 1 {
		s.rdb.Expire(ctx, "rl:"+key, time.Minute)
	}
	return n, nil
}
