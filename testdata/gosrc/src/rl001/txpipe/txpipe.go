// Package txpipe holds RL001 fixtures for MULTI/EXEC pipelines: MULTI does
// not protect a GET that ran before it.
package txpipe

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

const limit = 100

// ErrLimited is the rate-limit error.
var ErrLimited = errors.New("rate limited")

// getThenPipelined reads outside the transaction and writes inside it.
func getThenPipelined(ctx context.Context, rdb *redis.Client, k string) error {
	n, err := rdb.Get(ctx, k).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Incr(ctx, k) // want `Incr runs on a decision taken from the GET before it`
		p.Expire(ctx, k, time.Minute)
		return nil
	})
	return err
}

// getThenTxPipeline queues the write on a TxPipeline after the read.
func getThenTxPipeline(ctx context.Context, rdb *redis.Client, k string) error {
	n, err := rdb.Get(ctx, k).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	pipe := rdb.TxPipeline()
	pipe.Incr(ctx, k) // want `Incr runs on a decision taken from the GET before it`
	pipe.Expire(ctx, k, time.Minute)
	_, err = pipe.Exec(ctx)
	return err
}

// incrInPipeline increments and sets the expiry in one transaction, and
// decides on the increment's reply: fine.
func incrInPipeline(ctx context.Context, rdb *redis.Client, k string) error {
	pipe := rdb.TxPipeline()
	incr := pipe.Incr(ctx, k)
	pipe.Expire(ctx, k, time.Minute)
	if _, err := pipe.Exec(ctx); err != nil {
		return err
	}
	if incr.Val() > limit {
		return ErrLimited
	}
	return nil
}
