// Package redis holds RL004 fixtures: Redis keys are not this rule's
// business.
package redis

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func global(ctx context.Context, rdb *redis.Client) (int64, error) {
	return rdb.Incr(ctx, "requests:global").Result()
}
