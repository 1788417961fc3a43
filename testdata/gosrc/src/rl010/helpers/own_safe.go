package helpers

import (
	"context"

	"github.com/redis/go-redis/v9"

	"rl010/helpers/retry"
)

// ownHelper uses a project's own retry package of the same name: helpers
// are known by import path, not by name.
func ownHelper(ctx context.Context, rdb *redis.Client, ip string) error {
	_ = retry.Do(func() error {
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, retry.Attempts(0))
	return nil
}
