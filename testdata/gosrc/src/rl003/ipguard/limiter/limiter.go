// Package limiter holds the Redis client in a struct whose methods decide
// the limit and return Redis's errors to the middleware.
package limiter

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisLimiter allows max requests per IP and minute.
type RedisLimiter struct {
	client *redis.Client
	max    int64
}

// CheckIPLimit counts the request and reports whether it is allowed; a
// Redis failure is returned as the error.
func (r *RedisLimiter) CheckIPLimit(ctx context.Context, ip string) (bool, error) {
	n, err := r.client.Incr(ctx, "rl:"+ip).Result()
	if err != nil {
		return false, fmt.Errorf("rate limit: %w", err)
	}
	if n == 1 {
		r.client.Expire(ctx, "rl:"+ip, time.Minute)
	}
	return n <= r.max, nil
}

// Remaining reports how many requests are left; it swallows Redis errors
// itself, so its callers have none to mishandle.
func (r *RedisLimiter) Remaining(ctx context.Context, ip string) int64 {
	n, _ := r.client.Get(ctx, "rl:"+ip).Int64() // want `the error of Get \(the rate-limit decision\) is discarded`
	return r.max - n
}
