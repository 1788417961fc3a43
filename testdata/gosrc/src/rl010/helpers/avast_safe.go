package helpers

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"time"

	"github.com/avast/retry-go/v4"
	"github.com/redis/go-redis/v9"
)

// avastDefaults backs off with jitter (the defaults) and returns the error.
func avastDefaults(ctx context.Context, rdb *redis.Client, ip string) error {
	return retry.Do(func() error {
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, retry.Attempts(3))
}

// avastDeny answers 503 once the attempts run out.
func avastDeny(rdb *redis.Client, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := retry.DoWithData(func() (int64, error) {
			return rdb.Incr(r.Context(), "rate_limit:"+r.RemoteAddr).Result()
		}, retry.Attempts(3), retry.Context(r.Context()))
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

// avastWrapped wraps and returns the error.
func avastWrapped(ctx context.Context, db *sql.DB, key string) (bool, error) {
	if err := retry.Do(func() error {
		_, err := db.ExecContext(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		return err
	}, retry.DelayType(retry.BackOffDelay)); err != nil {
		return false, fmt.Errorf("rate limiter: %w", err)
	}
	return true, nil
}

// avastUntilDeadline retries until its context ends, with the default
// jittered backoff.
func avastUntilDeadline(ctx context.Context, rdb *redis.Client, ip string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return retry.Do(func() error {
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, retry.Attempts(0), retry.Context(ctx))
}

// avastCombined adds random jitter to a fixed delay.
func avastCombined(l *Limiter, key string) (bool, error) {
	var allowed bool
	err := retry.Do(func() error {
		ok, err := l.Take(key)
		allowed = ok
		return err
	}, retry.DelayType(retry.CombineDelay(retry.FixedDelay, retry.RandomDelay)))
	return allowed, err
}

// avastOnce makes one attempt: nothing is retried.
func avastOnce(ctx context.Context, rdb *redis.Client, ip string) error {
	_ = retry.Do(func() error {
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, retry.Attempts(1), retry.DelayType(retry.FixedDelay))
	return nil
}

// avastProfile retries a read of other data.
func avastProfile(ctx context.Context, db *sql.DB, id string) string {
	var name string
	_ = retry.Do(func() error {
		return db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	}, retry.Attempts(0), retry.DelayType(retry.FixedDelay))
	return name
}

// recordView counts a page view, a statistic: losing one allows nothing.
func recordView(ctx context.Context, rdb *redis.Client, page string) error {
	_ = retry.Do(func() error {
		return rdb.Incr(ctx, "page_views:"+page).Err()
	})
	return nil
}
