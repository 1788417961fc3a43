package helpers

import (
	"context"
	"database/sql"
	"log"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/redis/go-redis/v9"
)

// backoffConstant retries with a constant back-off that never stops.
func backoffConstant(ctx context.Context, rdb *redis.Client, ip string) error {
	return backoff.Retry(func() error { // want `backoff.Retry retries Incr with a ConstantBackOff and no backoff.WithMaxRetries or backoff.WithContext, so contention turns into an endless loop`
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, backoff.NewConstantBackOff(50*time.Millisecond))
}

// backoffConstantLiteral builds the constant back-off by hand.
func backoffConstantLiteral(ctx context.Context, db *sql.DB, key string) error {
	op := func() error {
		_, err := db.ExecContext(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		return err
	}
	return backoff.Retry(op, &backoff.ConstantBackOff{Interval: 10 * time.Millisecond}) // want `backoff.Retry retries ExecContext with a ConstantBackOff and no backoff.WithMaxRetries`
}

// backoffNoElapsed switches off the exponential back-off's time limit.
func backoffNoElapsed(ctx context.Context, rdb *redis.Client, ip string) error {
	b := backoff.NewExponentialBackOff()
	b.MaxElapsedTime = 0
	return backoff.Retry(func() error { // want `backoff.Retry retries Incr with an ExponentialBackOff whose MaxElapsedTime is 0.*endless loop`
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, b)
}

// backoffNoElapsedOpt does the same with the v4.3 option.
func backoffNoElapsedOpt(l *Limiter, key string) (bool, error) {
	var allowed bool
	err := backoff.Retry(func() error { // want `backoff.Retry retries Take with an ExponentialBackOff whose MaxElapsedTime is 0`
		ok, err := l.Take(key)
		allowed = ok
		return err
	}, backoff.NewExponentialBackOff(backoff.WithMaxElapsedTime(0)))
	return allowed, err
}

// backoffConstantBounded is bounded but waits the same time.
func backoffConstantBounded(ctx context.Context, rdb *redis.Client, ip string) error {
	return backoff.Retry(func() error { // want `backoff.Retry retries Incr with a ConstantBackOff, the same wait before every attempt, so colliding requests retry in lockstep`
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, backoff.WithMaxRetries(backoff.NewConstantBackOff(20*time.Millisecond), 5))
}

// backoffZero is bounded by its context but never waits.
func backoffZero(ctx context.Context, rdb *redis.Client, ip string) error {
	b := backoff.WithContext(&backoff.ZeroBackOff{}, ctx)
	return backoff.Retry(func() error { // want `backoff.Retry retries Incr with a ZeroBackOff, no wait between attempts`
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, b)
}

// backoffDiscarded drops the error and allows.
func backoffDiscarded(ctx context.Context, rdb *redis.Client, ip string) (bool, error) {
	_ = backoff.Retry(func() error { // want `the error of backoff.Retry is discarded, so when every attempt of Incr fails the function goes on to allow the request`
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, backoff.NewExponentialBackOff())
	return true, nil
}

// backoffLogged logs the final error and allows.
func backoffLogged(ctx context.Context, rdb *redis.Client, ip string) (bool, error) {
	var n int64
	err := backoff.RetryNotify(func() error { // want `when every attempt of Incr fails, the error branch of backoff.RetryNotify goes on to allow the request`
		var err error
		n, err = rdb.Incr(ctx, "rate_limit:"+ip).Result()
		return err
	}, backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 3), func(err error, d time.Duration) {
		log.Printf("retrying in %s: %v", d, err)
	})
	if err != nil {
		log.Printf("limiter unavailable: %v", err)
		return true, nil
	}
	return n <= 100, nil
}
