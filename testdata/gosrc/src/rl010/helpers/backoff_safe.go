package helpers

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/redis/go-redis/v9"
)

// backoffDefault uses the jittered exponential back-off, which stops after
// 15 minutes, and returns the error.
func backoffDefault(ctx context.Context, rdb *redis.Client, ip string) error {
	return backoff.Retry(func() error {
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, backoff.NewExponentialBackOff())
}

// backoffBounded bounds the attempts.
func backoffBounded(ctx context.Context, db *sql.DB, key string) (bool, error) {
	err := backoff.Retry(func() error {
		_, err := db.ExecContext(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		return err
	}, backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 5))
	if err != nil {
		return false, err
	}
	return true, nil
}

// backoffContext has no time limit but stops with its context.
func backoffContext(ctx context.Context, rdb *redis.Client, ip string) error {
	b := backoff.WithContext(backoff.NewExponentialBackOff(backoff.WithMaxElapsedTime(0)), ctx)
	return backoff.Retry(func() error {
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, b)
}

// backoffNoElapsedBounded has no time limit but a retry limit.
func backoffNoElapsedBounded(ctx context.Context, rdb *redis.Client, ip string) error {
	b := backoff.NewExponentialBackOff()
	b.MaxElapsedTime = 0
	return backoff.Retry(func() error {
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, backoff.WithMaxRetries(b, 4))
}

// backoffStop never retries.
func backoffStop(ctx context.Context, rdb *redis.Client, ip string) error {
	_ = backoff.Retry(func() error {
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, &backoff.StopBackOff{})
	return nil
}

// backoffProfile retries a read of other data forever.
func backoffProfile(ctx context.Context, db *sql.DB, id string) (string, error) {
	var name string
	err := backoff.Retry(func() error {
		return db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	}, backoff.NewConstantBackOff(time.Second))
	return name, err
}

// backoffDeny answers 503 once the retries run out.
func backoffDeny(rdb *redis.Client, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := backoff.RetryWithData(func() (int64, error) {
			n, err := rdb.Incr(r.Context(), "rate_limit:"+r.RemoteAddr).Result()
			if err == redis.TxFailedErr {
				return 0, backoff.Permanent(err)
			}
			return n, err
		}, backoff.WithContext(backoff.NewExponentialBackOff(), r.Context()))
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

// releaseSlot gives a concurrency slot back: a lost release allows nothing.
func releaseSlot(ctx context.Context, rdb *redis.Client, ip string) error {
	_ = backoff.Retry(func() error {
		return rdb.IncrBy(ctx, "rate_limit:inflight:"+ip, -1).Err()
	}, backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 3))
	return nil
}

// backoffReassigned wraps the constant back-off in place, then bounds it.
func backoffReassigned(ctx context.Context, rdb *redis.Client, ip string, limit uint64) error {
	var b backoff.BackOff = backoff.NewExponentialBackOff(backoff.WithMaxElapsedTime(0))
	if limit > 0 {
		b = backoff.WithMaxRetries(b, limit)
	}
	return backoff.Retry(func() error {
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, b)
}
