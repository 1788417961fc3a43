package kvretry

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// errLimited denies the request.
var errLimited = errors.New("rate limited")

// redisClosed backs off and denies after the last attempt.
func redisClosed(ctx context.Context, rdb *redis.Client, key string) error {
	for i := 0; i < 3; i++ {
		n, err := rdb.Incr(ctx, key).Result()
		if err != nil {
			time.Sleep(time.Duration(1<<i) * 5 * time.Millisecond)
			continue
		}
		if n > 100 {
			return errLimited
		}
		return nil
	}
	return errLimited
}

// worker serves forever: no success exit, not a retry loop.
func worker(ctx context.Context, rdb *redis.Client, keys <-chan string) {
	for {
		k := <-keys
		if err := rdb.Incr(ctx, k).Err(); err != nil {
			continue
		}
	}
}

// bounded counts attempts in a for {} and gives up.
func bounded(ctx context.Context, rdb *redis.Client, key string) error {
	attempts := 0
	for {
		err := rdb.Incr(ctx, key).Err()
		if err == nil {
			return nil
		}
		attempts++
		if attempts >= 5 {
			return err
		}
		time.Sleep(time.Duration(attempts) * 10 * time.Millisecond)
	}
}
