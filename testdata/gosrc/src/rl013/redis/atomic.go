package redis

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

const script = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
`

var incrScript = redis.NewScript(script)

// txPipeline queues INCR and EXPIRE NX in one MULTI/EXEC.
func txPipeline(ctx context.Context, key string) (bool, error) {
	pipe := rdb.TxPipeline()
	incr := pipe.Incr(ctx, key)
	pipe.ExpireNX(ctx, key, time.Minute)
	if _, err := pipe.Exec(ctx); err != nil {
		return false, err
	}
	return incr.Val() <= limit, nil
}

// pipelined queues both in a pipeline callback.
func pipelined(ctx context.Context, key string) (bool, error) {
	var incr *redis.IntCmd
	_, err := rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		incr = pipe.Incr(ctx, key)
		pipe.Expire(ctx, key, time.Minute)
		return nil
	})
	return err == nil && incr.Val() <= limit, err
}

// txPipelined queues both in MULTI/EXEC.
func txPipelined(ctx context.Context, key string) bool {
	var incr *redis.IntCmd
	rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		incr = pipe.IncrBy(ctx, key, 2)
		pipe.ExpireNX(ctx, key, time.Minute)
		return nil
	})
	return incr.Val() <= limit
}

// lua does both in one script.
func lua(ctx context.Context, key string) bool {
	n, err := rdb.Eval(ctx, script, []string{key}, 60).Int64()
	return err == nil && n <= limit
}

// scripted does both in a registered script.
func scripted(ctx context.Context, key string) bool {
	n, err := incrScript.Run(ctx, rdb, []string{key}, 60).Int64()
	return err == nil && n <= limit
}

// windowFirst creates the key with its window before counting.
func windowFirst(ctx context.Context, key string) bool {
	rdb.SetNX(ctx, key, 0, time.Minute)
	return rdb.Incr(ctx, key).Val() <= limit
}

// windowFirstArgs does the same with SetArgs.
func windowFirstArgs(ctx context.Context, key string) bool {
	rdb.SetArgs(ctx, key, 0, redis.SetArgs{Mode: "NX", TTL: time.Minute})
	return rdb.Incr(ctx, key).Val() <= limit
}

// pageViews is not a rate limit: nothing decides on the count, so no
// expiry is owed (the n == 1 check only sets the window).
func pageViews(ctx context.Context, path string) {
	n := rdb.Incr(ctx, "views:"+path).Val()
	if n == 1 {
		rdb.Expire(ctx, "views:"+path, 24*time.Hour)
	}
}

// lock is a SETNX lock, not a limit counter.
func lock(ctx context.Context, job string) bool {
	ok := rdb.SetNX(ctx, "job:"+job, 1, 0).Val()
	rdb.Expire(ctx, "job:"+job, time.Minute)
	return ok
}

// otherKey expires a different key than it counts: the counter is
// judged on its own.
func otherKey(ctx context.Context, ip string) bool {
	n := rdb.Incr(ctx, "rl:"+ip).Val() // want `never given an expiry`
	rdb.Expire(ctx, "seen:"+ip, time.Minute)
	return n <= limit
}
