package helpers

import (
	"context"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sethvargo/go-retry"
)

// goRetryConstant is bounded but waits the same time.
func goRetryConstant(ctx context.Context, rdb *redis.Client, ip string) error {
	b := retry.WithMaxRetries(3, retry.NewConstant(50*time.Millisecond))
	return retry.Do(ctx, b, func(ctx context.Context) error { // want `retry.Do retries Incr with retry.NewConstant and no retry.WithJitter, the same wait before every attempt`
		if err := rdb.Incr(ctx, "rate_limit:"+ip).Err(); err != nil {
			return retry.RetryableError(err)
		}
		return nil
	})
}

// goRetryReassigned builds the backoff in steps, with no jitter.
func goRetryReassigned(ctx context.Context, rdb *redis.Client, ip string) error {
	b := retry.NewConstant(50 * time.Millisecond)
	b = retry.WithMaxRetries(3, b)
	return retry.Do(ctx, b, func(ctx context.Context) error { // want `retry.Do retries Incr with retry.NewConstant and no retry.WithJitter`
		return retry.RetryableError(rdb.Incr(ctx, "rate_limit:"+ip).Err())
	})
}

// goRetryConstantHelper uses the constant shorthand.
func goRetryConstantHelper(ctx context.Context, l *Limiter, key string) (bool, error) {
	var allowed bool
	err := retry.Constant(ctx, 10*time.Millisecond, func(ctx context.Context) error { // want `retry.Constant retries Take with a constant backoff and no jitter`
		ok, err := l.Take(key)
		if err != nil {
			return retry.RetryableError(err)
		}
		allowed = ok
		return nil
	})
	return allowed, err
}

// goRetryDiscarded drops the error and serves the request.
func goRetryDiscarded(rdb *redis.Client, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := retry.WithMaxRetries(3, retry.WithJitter(5*time.Millisecond, retry.NewExponential(10*time.Millisecond)))
		_ = retry.Do(r.Context(), b, func(ctx context.Context) error { // want `the error of retry.Do is discarded, so when every attempt of Incr fails the function goes on to allow the request`
			return retry.RetryableError(rdb.Incr(ctx, "rate_limit:"+r.RemoteAddr).Err())
		})
		next.ServeHTTP(w, r)
	})
}
