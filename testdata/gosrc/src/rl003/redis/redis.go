// Package redis holds RL003 fixtures for go-redis limiters.
package redis

import (
	"context"
	"errors"
	"log"
	"net/http"

	"github.com/redis/go-redis/v9"
)

const limit = 100

type limiter struct{ rdb *redis.Client }

// Middleware fails open: a Redis outage disables the limit.
func (l *limiter) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.serve(next, w, r)
	})
}

func (l *limiter) serve(next http.Handler, w http.ResponseWriter, r *http.Request) {
	n, err := l.rdb.Incr(r.Context(), "rl:"+r.RemoteAddr).Result()
	if err != nil { // want `lets the request through \(fail-open\)`
		log.Printf("redis: %v", err)
		next.ServeHTTP(w, r)
		return
	}
	if n > limit {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	next.ServeHTTP(w, r)
}

// failClosed turns every error into a 429.
func (l *limiter) failClosed(next http.Handler, w http.ResponseWriter, r *http.Request) {
	n, err := l.rdb.Incr(r.Context(), "rl:"+r.RemoteAddr).Result()
	if err != nil { // want `answers every error as rate-limited`
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	if n > limit {
		http.Error(w, "slow down", 429)
		return
	}
	next.ServeHTTP(w, r)
}

// surfaces answers 500: fine.
func (l *limiter) surfaces(next http.Handler, w http.ResponseWriter, r *http.Request) {
	n, err := l.rdb.Incr(r.Context(), "rl:"+r.RemoteAddr).Result()
	if err != nil {
		http.Error(w, "limiter unavailable", http.StatusInternalServerError)
		return
	}
	if n > limit {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	next.ServeHTTP(w, r)
}

// discarded drops the error: a failure reads as zero and passes.
func (l *limiter) discarded(ctx context.Context, key string) bool {
	n, _ := l.rdb.Incr(ctx, key).Result() // want `the error of Incr \(the rate-limit decision\) is discarded`
	return n <= limit
}

// val drops the error through Val().
func (l *limiter) val(ctx context.Context, key string) bool {
	return l.rdb.Incr(ctx, key).Val() <= limit // want `the error of Incr \(the rate-limit decision\) is discarded`
}

// valChecked checks Err() on the command before Val(): fine.
func (l *limiter) valChecked(ctx context.Context, key string) (bool, error) {
	cmd := l.rdb.Incr(ctx, key)
	if err := cmd.Err(); err != nil {
		return false, err
	}
	return cmd.Val() <= limit, nil
}

// allow returns the error: fine. Expire's discarded error is secondary.
func (l *limiter) allow(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Incr(ctx, key).Result()
	if err != nil {
		return false, err
	}
	_ = l.rdb.Expire(ctx, key, 60)
	return n <= limit, nil
}

// returnsTrue fails open from an allow function.
func (l *limiter) returnsTrue(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Incr(ctx, key).Result()
	if err != nil { // want `lets the request through`
		return true, nil
	}
	return n <= limit, nil
}

// missingKey narrows redis.Nil and surfaces the rest: fine.
func (l *limiter) missingKey(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Get(ctx, key).Int()
	if errors.Is(err, redis.Nil) {
		n = 0
	} else if err != nil {
		return false, err
	}
	return n < limit, nil
}

// narrowOpen narrows one error and lets the others through.
func (l *limiter) narrowOpen(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Get(ctx, key).Int()
	if err != nil { // want `narrows to the expected error but lets every other error through`
		if errors.Is(err, redis.Nil) {
			return true, nil
		}
		return true, nil
	}
	return n < limit, nil
}

// logsAndGoesOn falls through with the zero value.
func (l *limiter) logsAndGoesOn(ctx context.Context, key string) bool {
	n, err := l.rdb.Incr(ctx, key).Result()
	if err != nil { // want `lets the request through`
		log.Printf("incr: %v", err)
	}
	return n <= limit
}

// neverChecked overwrites the error before reading it.
func (l *limiter) neverChecked(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Incr(ctx, key).Result() // want `is never checked`
	_, err = l.rdb.Expire(ctx, key, 60).Result()
	if err != nil {
		return false, err
	}
	return n <= limit, nil
}

// notDeciding: the value is not used to decide, not this rule's business.
func (l *limiter) notDeciding(ctx context.Context, key string) {
	_, _ = l.rdb.Incr(ctx, key).Result()
}

// recovered swallows panics in limiter code.
func (l *limiter) recovered(ctx context.Context, key string) (allowed bool) {
	defer func() {
		if r := recover(); r != nil { // want `recover\(\) in rate-limit code swallows the panic`
			log.Print(r)
		}
	}()
	n, err := l.rdb.Incr(ctx, key).Result()
	if err != nil {
		panic(err)
	}
	return n <= limit
}

// recoveredRepanics logs and re-panics: fine.
func (l *limiter) recoveredRepanics(ctx context.Context, key string) bool {
	defer func() {
		if r := recover(); r != nil {
			log.Print(r)
			panic(r)
		}
	}()
	n, err := l.rdb.Incr(ctx, key).Result()
	if err != nil {
		panic(err)
	}
	return n <= limit
}

// retry continues a bounded retry loop: RL010's business.
func (l *limiter) retry(ctx context.Context, key string) (bool, error) {
	for attempt := 0; attempt < 3; attempt++ {
		n, err := l.rdb.Incr(ctx, key).Result()
		if err != nil {
			continue
		}
		return n <= limit, nil
	}
	return false, errors.New("limiter unavailable")
}

// isLimited answers "limited" with true, so false on error fails open.
func (l *limiter) isLimited(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Incr(ctx, key).Result()
	if err != nil { // want `lets the request through`
		return false, nil
	}
	return n > limit, nil
}

// sessionValid reads a session, not a counter: fine.
func sessionValid(ctx context.Context, rdb *redis.Client, id string) bool {
	v, _ := rdb.Get(ctx, "session:"+id).Result()
	return v != ""
}

// recoveredOpen turns a panic into "allowed".
func (l *limiter) recoveredOpen(ctx context.Context, key string) (allowed bool) {
	defer func() {
		if r := recover(); r != nil { // want `swallows the panic and lets the request through`
			allowed = true
		}
	}()
	n, err := l.rdb.Incr(ctx, key).Result()
	if err != nil {
		panic(err)
	}
	return n <= limit
}

// pipelinedVal reads Val() of a command queued on a pipeline whose Exec
// error is checked: fine.
func (l *limiter) pipelinedVal(ctx context.Context, key string) (bool, error) {
	var incr *redis.IntCmd
	_, err := l.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		incr = pipe.Incr(ctx, key)
		pipe.Expire(ctx, key, 60)
		return nil
	})
	if err != nil {
		return false, err
	}
	return incr.Val() <= limit, nil
}
