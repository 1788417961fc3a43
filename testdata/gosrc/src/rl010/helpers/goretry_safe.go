package helpers

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sethvargo/go-retry"
)

// goRetryJittered backs off exponentially with jitter, bounded, and
// returns the error.
func goRetryJittered(ctx context.Context, rdb *redis.Client, ip string) error {
	b := retry.NewExponential(10 * time.Millisecond)
	b = retry.WithJitter(5*time.Millisecond, b)
	b = retry.WithMaxRetries(4, b)
	return retry.Do(ctx, b, func(ctx context.Context) error {
		if err := rdb.Incr(ctx, "rate_limit:"+ip).Err(); err != nil {
			return retry.RetryableError(err)
		}
		return nil
	})
}

// goRetryConstantJitter adds jitter to a constant wait.
func goRetryConstantJitter(ctx context.Context, rdb *redis.Client, ip string) error {
	b := retry.WithMaxRetries(3, retry.WithJitterPercent(20, retry.NewConstant(50*time.Millisecond)))
	return retry.Do(ctx, b, func(ctx context.Context) error {
		return retry.RetryableError(rdb.Incr(ctx, "rate_limit:"+ip).Err())
	})
}

// goRetryNothingRetryable marks no error retryable: Do never retries.
func goRetryNothingRetryable(ctx context.Context, rdb *redis.Client, ip string) error {
	return retry.Do(ctx, retry.NewConstant(time.Millisecond), func(ctx context.Context) error {
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	})
}

// goRetryProfile retries a read of other data.
func goRetryProfile(ctx context.Context, db *sql.DB, id string) (string, error) {
	var name string
	err := retry.Constant(ctx, time.Second, func(ctx context.Context) error {
		return retry.RetryableError(db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name))
	})
	return name, err
}

// goRetryDeny answers 503 once the retries run out.
func goRetryDeny(rdb *redis.Client, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := retry.WithMaxRetries(3, retry.WithJitter(5*time.Millisecond, retry.NewFibonacci(10*time.Millisecond)))
		n, err := retry.DoValue(r.Context(), b, func(ctx context.Context) (int64, error) {
			n, err := rdb.Incr(ctx, "rate_limit:"+r.RemoteAddr).Result()
			return n, retry.RetryableError(err)
		})
		if err != nil {
			http.Error(w, "rate limiter unavailable", http.StatusServiceUnavailable)
			return
		}
		if n > 100 {
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
