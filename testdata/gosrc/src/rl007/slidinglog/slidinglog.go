// Package slidinglog keeps a sorted-set log of each client's requests and
// counts the last window.
package slidinglog

import (
	"net/http"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{})

const window = 60

// ClientScores scores the log with the client's clock: the client moves
// its requests out of the window.
func ClientScores(w http.ResponseWriter, r *http.Request, user string) {
	ts, _ := strconv.ParseInt(r.Header.Get("X-Sent-At"), 10, 64) // want `the X-Sent-At header, a time the client chooses`
	ctx := r.Context()
	key := "rl:log:" + user
	rdb.ZAdd(ctx, key, redis.Z{Score: float64(ts), Member: strconv.FormatInt(ts, 10)})
	rdb.ZRemRangeByScore(ctx, key, "0", strconv.FormatInt(ts-window, 10))
	if n, _ := rdb.ZCard(ctx, key).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// ServerScores is the fix: the server's clock.
func ServerScores(w http.ResponseWriter, r *http.Request, user string) {
	ctx := r.Context()
	now := time.Now().UnixMilli()
	key := "rl:log:" + user
	rdb.ZAdd(ctx, key, redis.Z{Score: float64(now), Member: r.Header.Get("X-Request-ID")})
	rdb.ZRemRangeByScore(ctx, key, "0", strconv.FormatInt(now-window*1000, 10))
	if n, _ := rdb.ZCard(ctx, key).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// Timeline stores events by the client's time without counting them: no
// limit.
func Timeline(w http.ResponseWriter, r *http.Request, user string) {
	ts, _ := strconv.ParseInt(r.Header.Get("X-Sent-At"), 10, 64)
	rdb.ZAdd(r.Context(), "timeline:"+user, redis.Z{Score: float64(ts), Member: "event"})
}
