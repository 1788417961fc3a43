// Package store is a Redis counter store used by package api.
package store

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Counter counts in Redis.
type Counter struct{ rdb *redis.Client }

// Add increments key and returns the count: its callers set the expiry.
func (c *Counter) Add(ctx context.Context, key string) (int64, error) {
	return c.rdb.Incr(ctx, key).Result()
}

// Window expires key after d.
func (c *Counter) Window(ctx context.Context, key string, d time.Duration) {
	c.rdb.Expire(ctx, key, d)
}

// Expire expires key through Window.
func Expire(ctx context.Context, c *Counter, key string) {
	c.Window(ctx, key, time.Minute)
}
