// Package redis holds RL001 fixtures for Redis read-then-write pairs.
package redis

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/bsm/redislock"
	"github.com/redis/go-redis/v9"
)

const limit = 100

// ErrLimited is the rate-limit error.
var ErrLimited = errors.New("rate limited")

// getThenIncr checks the count with GET, then INCRs.
func getThenIncr(ctx context.Context, rdb *redis.Client, k string) error {
	n, err := rdb.Get(ctx, k).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	return rdb.Incr(ctx, k).Err() // want `Incr runs on a decision taken from the GET before it`
}

// RateLimiter counts requests per client in Redis.
type RateLimiter struct{ rdb *redis.Client }

// getThenSet writes back count+1.
func (l *RateLimiter) getThenSet(ctx context.Context, ip string) error {
	n, err := l.rdb.Get(ctx, "rl:"+ip).Int()
	if err != nil {
		return err
	}
	return l.rdb.Set(ctx, "rl:"+ip, n+1, 0).Err() // want `Set runs on a decision taken from the GET before it`
}

// cacheRefresh rewrites a cached value: not a counter, not limiter code.
func cacheRefresh(ctx context.Context, rdb *redis.Client, k string) error {
	v, err := rdb.Get(ctx, k).Result()
	if err != nil {
		return err
	}
	return rdb.Set(ctx, k, v+"!", 0).Err()
}

// incrFirst increments and decides on the returned value: fine.
func incrFirst(ctx context.Context, rdb *redis.Client, k string) error {
	n, err := rdb.Incr(ctx, k).Result()
	if err != nil {
		return err
	}
	if n > limit {
		return ErrLimited
	}
	return nil
}

// watched runs the pair under WATCH/MULTI: fine.
func watched(ctx context.Context, rdb *redis.Client, k string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Get(ctx, k).Int()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		if n >= limit {
			return ErrLimited
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Incr(ctx, k)
			return nil
		})
		return err
	}, k)
}

// lua runs the check and the increment in one script: fine.
func lua(ctx context.Context, rdb *redis.Client, k string) (int64, error) {
	return rdb.Eval(ctx, "local n = redis.call('INCR', KEYS[1]) return n", []string{k}).Int64()
}

// locked holds a distributed lock across the pair: fine.
func locked(ctx context.Context, rdb *redis.Client, locker *redislock.Client, k string) error {
	lock, err := locker.Obtain(ctx, "lock:"+k, time.Second, nil)
	if err != nil {
		return err
	}
	defer lock.Release(ctx)
	n, err := rdb.Get(ctx, k).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	return rdb.Incr(ctx, k).Err()
}

var mu sync.Mutex

// processLock holds only a process-local mutex: other replicas still race.
func processLock(ctx context.Context, rdb *redis.Client, k string) error {
	mu.Lock()
	defer mu.Unlock()
	n, err := rdb.Get(ctx, k).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	return rdb.Incr(ctx, k).Err() // want `Incr runs on a decision taken from the GET before it`
}
