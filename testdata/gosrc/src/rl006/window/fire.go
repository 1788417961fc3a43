package window

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// RawUnix keys the counter by the current second.
func RawUnix(ctx context.Context, rdb *redis.Client, client string) error {
	key := fmt.Sprintf("rl:%s:%d", client, time.Now().Unix())
	return rdb.Incr(ctx, key).Err() // want `counter key built from the raw current time`
}

// WindowStart subtracts the window instead of flooring (seed 001).
func WindowStart(ctx context.Context, rdb *redis.Client, client string, window int64) error {
	now := time.Now().Unix()
	windowStart := now - window
	key := "rl:" + client + ":" + strconv.FormatInt(windowStart, 10)
	return rdb.IncrBy(ctx, key, 1).Err() // want `counter key built from the raw current time`
}

// Nano uses UnixNano through a time variable.
func Nano(ctx context.Context, rdb *redis.Client, client string) error {
	t := time.Now().UTC()
	return rdb.Incr(ctx, client+":"+strconv.FormatInt(t.UnixNano(), 10)).Err() // want `counter key built from the raw current time`
}

// Formatted keys the counter by a timestamp with seconds.
func Formatted(ctx context.Context, rdb *redis.Client, client string) error {
	stamp := time.Now().UTC().Format(time.RFC3339)
	return rdb.Incr(ctx, "rl:"+client+":"+stamp).Err() // want `counter key built from the raw current time`
}

// LuaRaw counts in a Lua script under a key with the raw current second.
func LuaRaw(ctx context.Context, rdb *redis.Client, client string) error {
	const script = `return redis.call("INCR", KEYS[1])`
	key := fmt.Sprintf("rl:%s:%d", client, time.Now().Unix())
	return rdb.Eval(ctx, script, []string{key}).Err() // want `counter key built from the raw current time`
}
