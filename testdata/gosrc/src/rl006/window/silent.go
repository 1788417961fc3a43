package window

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Floored divides by the window: the fix.
func Floored(ctx context.Context, rdb *redis.Client, client string, window int64) error {
	bucket := time.Now().Unix() / window
	return rdb.Incr(ctx, fmt.Sprintf("rl:%s:%d", client, bucket)).Err()
}

// FlooredStart is the window start, floored.
func FlooredStart(ctx context.Context, rdb *redis.Client, client string, window int64) error {
	now := time.Now().Unix()
	start := now / window * window
	return rdb.Incr(ctx, "rl:"+client+":"+strconv.FormatInt(start, 10)).Err()
}

// Remainder subtracts the remainder.
func Remainder(ctx context.Context, rdb *redis.Client, client string, window int64) error {
	now := time.Now().Unix()
	return rdb.Incr(ctx, fmt.Sprintf("rl:%s:%d", client, now-now%window)).Err()
}

// Truncated truncates the time to the window.
func Truncated(ctx context.Context, rdb *redis.Client, client string) error {
	start := time.Now().Truncate(time.Minute).Unix()
	return rdb.Incr(ctx, fmt.Sprintf("rl:%s:%d", client, start)).Err()
}

// Expiry uses the raw time only for the expiry, not the key.
func Expiry(ctx context.Context, rdb *redis.Client, client string) error {
	deadline := time.Now().Unix() + 60
	key := "rl:" + client
	if err := rdb.Incr(ctx, key).Err(); err != nil {
		return err
	}
	_ = deadline
	return rdb.Expire(ctx, key, time.Minute).Err()
}

// Log stores raw timestamps in a plain value, not a counter key.
func Log(ctx context.Context, rdb *redis.Client, client string) error {
	now := time.Now().UnixNano()
	return rdb.Set(ctx, "last:"+client, now, time.Hour).Err()
}

// Minute formats the time to the minute: a minute window.
func Minute(ctx context.Context, rdb *redis.Client, client string) error {
	return rdb.Incr(ctx, "rl:"+client+":"+time.Now().UTC().Format("200601021504")).Err()
}
