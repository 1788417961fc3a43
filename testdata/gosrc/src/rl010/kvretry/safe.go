package kvretry

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

// errLimited denies the request.
var errLimited = errors.New("rate limited")

// redisClosed backs off and denies after the last attempt.
func redisClosed(ctx context.Context, rdb *redis.Client, key string) error {
	for i := 0; i < 3; i++ {
		n, err := rdb.Incr(ctx, key).Result()
		if err != nil {
			time.Sleep(time.Duration(1<<i) * 5 * time.Millisecond)
			continue
		}
		if n > 100 {
			return errLimited
		}
		return nil
	}
	return errLimited
}

// worker serves forever: no success exit, not a retry loop.
func worker(ctx context.Context, rdb *redis.Client, keys <-chan string) {
	for {
		k := <-keys
		if err := rdb.Incr(ctx, k).Err(); err != nil {
			continue
		}
	}
}

// bounded counts attempts in a for {} and gives up.
func bounded(ctx context.Context, rdb *redis.Client, key string) error {
	attempts := 0
	for {
		err := rdb.Incr(ctx, key).Err()
		if err == nil {
			return nil
		}
		attempts++
		if attempts >= 5 {
			return err
		}
		time.Sleep(time.Duration(attempts) * 10 * time.Millisecond)
	}
}

// watchClosed answers 503 from the handler closure after the last attempt.
func watchClosed(rdb *redis.Client, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 5; i++ {
			err := rdb.Watch(r.Context(), func(tx *redis.Tx) error { return nil }, "rate_limit:"+r.RemoteAddr)
			if err == redis.TxFailedErr {
				time.Sleep(time.Duration(i) * time.Millisecond)
				continue
			}
			if err != nil {
				break
			}
			next.ServeHTTP(w, r)
			return
		}
		http.Error(w, "rate limiter busy", http.StatusServiceUnavailable)
	})
}
