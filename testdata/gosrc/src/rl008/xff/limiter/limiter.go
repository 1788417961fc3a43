// Package limiter counts requests in Redis under the key it is given.
package limiter

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limiter counts per key.
type Limiter struct {
	RDB *redis.Client
	Max int64
}

// Hit counts one request under key and reports whether it is allowed.
func (l *Limiter) Hit(ctx context.Context, key string) (bool, error) {
	n, err := l.RDB.Incr(ctx, "ratelimit:"+key).Result()
	if err != nil {
		return false, err
	}
	if n == 1 {
		l.RDB.Expire(ctx, "ratelimit:"+key, time.Minute)
	}
	return n <= l.Max, nil
}
