// Package limiter implements middleware.Checker with go-redis.
package limiter

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Redis counts per IP.
type Redis struct {
	Client *redis.Client
	Max    int64
}

// CheckIPLimit counts the request; Redis errors are returned.
func (l *Redis) CheckIPLimit(ctx context.Context, ip string) (bool, error) {
	n, err := l.Client.Incr(ctx, "rl:"+ip).Result()
	if err != nil {
		return false, err
	}
	return n <= l.Max, nil
}
