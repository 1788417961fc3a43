// Package redis holds RL013 fixtures for go-redis v9: counters whose
// expiry comes in a separate round trip, or never.
package redis

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

const limit = 100

var rdb = redis.NewClient(&redis.Options{Addr: "redis:6379"})

var errLimited = errors.New("rate limited")

// classic is the textbook bug: INCR, then EXPIRE on the first hit.
func classic(ctx context.Context, ip string) error {
	key := "rl:" + ip
	n, err := rdb.Incr(ctx, key).Result() // want `the expiry of this rate-limit counter is set in a separate round trip from its INCR.*pipe := rdb.TxPipeline\(\); n := pipe.Incr\(ctx, key\); pipe.ExpireNX\(ctx, key, window\)`
	if err != nil {
		return err
	}
	if n == 1 {
		rdb.Expire(ctx, key, time.Minute)
	}
	if n > limit {
		return errLimited
	}
	return nil
}

// byPExpire increments by a weight and expires in milliseconds afterwards.
func byPExpire(ctx context.Context, ip string, weight int64) bool {
	n := rdb.IncrBy(ctx, "rl:"+ip, weight).Val() // want `separate round trip from its INCRBY.*pipe.IncrBy\(ctx, key, n\)`
	rdb.PExpire(ctx, "rl:"+ip, 60*time.Second)
	return n <= limit
}

// hashCounter counts per field of one hash and expires the hash later.
func hashCounter(ctx context.Context, user, route string) bool {
	n := rdb.HIncrBy(ctx, "rl:"+user, route, 1).Val() // want `separate round trip from its HINCRBY.*pipe.HIncrBy\(ctx, key, field, n\)`
	rdb.ExpireAt(ctx, "rl:"+user, time.Now().Add(time.Minute))
	return n <= limit
}

// setLater gives the counter its window with a SET ... EX in another
// round trip.
func setLater(ctx context.Context, key string) bool {
	n := rdb.Incr(ctx, key).Val() // want `separate round trip`
	if n == 1 {
		rdb.Set(ctx, key, 1, time.Minute)
	}
	return n <= limit
}

// onceFlag marks a client for a window with SETNX and no expiration, then
// expires it separately.
func onceFlag(ctx context.Context, user string) bool {
	ok := rdb.SetNX(ctx, "ratelimit:once:"+user, 1, 0).Val() // want `separate round trip from its SETNX.*rdb.SetNX\(ctx, key, value, window\)`
	rdb.Expire(ctx, "ratelimit:once:"+user, time.Hour)
	return ok
}

// neverExpires counts forever.
func neverExpires(ctx context.Context, user string) bool {
	return rdb.Incr(ctx, "rl:"+user).Val() <= limit // want `this rate-limit counter \(INCR\) is never given an expiry`
}

// middleware answers 429 on a counter that never expires.
func middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cmd := rdb.Incr(r.Context(), "rl:"+r.RemoteAddr) // want `never given an expiry`
		if n, err := cmd.Result(); err == nil && n > limit {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// count returns the count to a caller that decides on it and never sets
// an expiry: reported where the INCR runs.
func count(ctx context.Context, key string) (int64, error) {
	return rdb.Incr(ctx, key).Result() // want `never given an expiry`
}

func allowed(ctx context.Context, ip string) bool {
	n, err := count(ctx, "rl:"+ip)
	return err == nil && n < limit
}

// readBack checks the count with a GET and increments blindly; the
// INCR's expiry still comes in a second round trip.
func readBack(ctx context.Context, ip string) error {
	key := "ip:" + ip
	count, err := rdb.Get(ctx, key).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if count >= limit {
		return errLimited
	}
	if err := rdb.Incr(ctx, key).Err(); err != nil { // want `separate round trip from its INCR`
		return err
	}
	if count == 0 {
		rdb.Expire(ctx, key, time.Minute)
	}
	return nil
}
