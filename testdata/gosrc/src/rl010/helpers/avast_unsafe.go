package helpers

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"time"

	"github.com/avast/retry-go/v4"
	"github.com/redis/go-redis/v9"
)

// avastDiscarded drops the error of the retried increment and reports
// success to its caller.
func avastDiscarded(ctx context.Context, rdb *redis.Client, ip string) error {
	_ = retry.Do(func() error { // want `the error of retry.Do is discarded, so when every attempt of Incr fails the function goes on to allow the request`
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, retry.Attempts(3))
	return nil
}

// avastStatement calls retry.Do as a statement and serves the request.
func avastStatement(l *Limiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		retry.Do(func() error { // want `the error of retry.Do is discarded, so when every attempt of Take fails`
			ok, err := l.Take(r.RemoteAddr)
			if err != nil {
				return err
			}
			if !ok {
				return retry.Unrecoverable(errLimited)
			}
			return nil
		})
		next.ServeHTTP(w, r)
	})
}

// avastLogged logs the final error and allows.
func avastLogged(ctx context.Context, rdb *redis.Client, ip string) (bool, error) {
	n, err := retry.DoWithData(func() (int64, error) { // want `when every attempt of Incr fails, the error branch of retry.DoWithData goes on to allow the request`
		return rdb.Incr(ctx, "rate_limit:"+ip).Result()
	})
	if err != nil {
		log.Printf("rate limiter unavailable: %v", err)
		return true, nil
	}
	return n <= 100, nil
}

// avastMiddleware serves the request when the retries run out.
func avastMiddleware(rdb *redis.Client, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int64
		if err := retry.Do(func() error { // want `the error branch of retry.Do goes on to allow the request`
			var err error
			n, err = rdb.Incr(r.Context(), "rate_limit:"+r.RemoteAddr).Result()
			return err
		}, retry.Attempts(3), retry.Context(r.Context())); err != nil {
			log.Printf("limiter: %v", err)
			next.ServeHTTP(w, r)
			return
		}
		if n > 100 {
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// avastLogThenAllow logs in the error branch and falls through to allow.
func avastLogThenAllow(ctx context.Context, db *sql.DB, key string) (bool, error) {
	err := retry.Do(func() error { // want `the error branch of retry.Do goes on to allow the request`
		_, err := db.ExecContext(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		return err
	})
	if err != nil {
		log.Printf("limiter: %v", err)
	}
	return true, nil
}

// avastForever retries until the increment succeeds.
func avastForever(ctx context.Context, rdb *redis.Client, ip string) error {
	return retry.Do(func() error { // want `retry.Do retries Incr with retry.Attempts\(0\) and no retry.Context, so contention turns into an endless loop`
		return rdb.Incr(ctx, "rate_limit:"+ip).Err()
	}, retry.Attempts(0))
}

// counterStore counts hits in Redis.
type counterStore struct{ rdb *redis.Client }

func (s *counterStore) hit() error { return s.rdb.Incr(context.Background(), "hits").Err() }

// hitUntilDone hands a method to retry.Do and never gives up.
func (s *counterStore) hitUntilDone() error {
	return retry.Do(s.hit, retry.UntilSucceeded(), retry.Delay(10*time.Millisecond)) // want `retry.Do retries Incr with retry.UntilSucceeded\(\) and no retry.Context`
}

// avastFixed waits the same time between attempts.
func avastFixed(ctx context.Context, db *sql.DB, key string) error {
	return retry.Do(func() error { // want `retry.Do retries ExecContext with retry.FixedDelay, the same wait before every attempt`
		_, err := db.ExecContext(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		return err
	}, retry.Attempts(5), retry.DelayType(retry.FixedDelay), retry.Delay(20*time.Millisecond))
}

// avastFixedMaxJitter sets MaxJitter, which FixedDelay ignores.
func avastFixedMaxJitter(l *Limiter, key string) (bool, error) {
	var allowed bool
	take := func() error {
		ok, err := l.Take(key)
		allowed = ok
		return err
	}
	if err := retry.Do(take, retry.DelayType(retry.FixedDelay), retry.MaxJitter(50*time.Millisecond)); err != nil { // want `retry.Do retries Take with retry.FixedDelay.*MaxJitter only applies to retry.RandomDelay`
		return false, err
	}
	return allowed, nil
}
