// Package redisv8 holds RL013 fixtures for go-redis v8.
package redisv8

import (
	"context"
	"time"

	"github.com/go-redis/redis/v8"
)

type Limiter struct {
	rdb    *redis.Client
	window time.Duration
}

// Allow counts and expires in two round trips.
func (l *Limiter) Allow(ctx context.Context, ip string) (bool, error) {
	key := "rl:" + ip
	n, err := l.rdb.Incr(ctx, key).Result() // want `separate round trip`
	if err != nil {
		return false, err
	}
	if n == 1 {
		if err := l.rdb.Expire(ctx, key, l.window).Err(); err != nil {
			return false, err
		}
	}
	return n <= 10, nil
}

// AllowPipelined is the fixed twin.
func (l *Limiter) AllowPipelined(ctx context.Context, ip string) (bool, error) {
	key := "rl:" + ip
	pipe := l.rdb.TxPipeline()
	incr := pipe.Incr(ctx, key)
	pipe.Expire(ctx, key, l.window)
	if _, err := pipe.Exec(ctx); err != nil {
		return false, err
	}
	return incr.Val() <= 10, nil
}
