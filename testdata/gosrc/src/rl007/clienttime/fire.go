package clienttime

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limiter counts requests per client and window.
type Limiter struct {
	rdb    *redis.Client
	db     *sql.DB
	window int64
}

// HeaderWindow floors the client's clock: the client picks the window.
func (l *Limiter) HeaderWindow(w http.ResponseWriter, r *http.Request, user string) {
	ts, err := strconv.ParseInt(r.Header.Get("X-Client-Time"), 10, 64) // want `the rate-limit window is computed from the X-Client-Time header, a time the client chooses`
	if err != nil {
		http.Error(w, "bad time", http.StatusBadRequest)
		return
	}
	bucket := ts / l.window
	key := fmt.Sprintf("rl:%s:%d", user, bucket)
	if n, _ := l.rdb.Incr(r.Context(), key).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// QueryTimestamp puts a ts query parameter straight into a SQL key.
func (l *Limiter) QueryTimestamp(w http.ResponseWriter, r *http.Request, user string) {
	ts := r.URL.Query().Get("ts") // want `the ts query parameter, a time the client chooses`
	_, err := l.db.ExecContext(r.Context(),
		"UPDATE hits SET n = n + 1 WHERE user_id = $1 AND window_start = $2",
		user, ts)
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}
}

type event struct {
	SentAt string `json:"sent_at"`
}

// windowKey builds the key of a window: a helper of the package.
func windowKey(user string, at time.Time) string {
	return user + ":" + strconv.FormatInt(at.Truncate(time.Minute).Unix(), 10)
}

// BodyTime parses a body field as a time and keys the window on it,
// through a helper.
func (l *Limiter) BodyTime(w http.ResponseWriter, r *http.Request, user string) {
	var ev event
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	at, err := time.Parse(time.RFC3339, ev.SentAt) // want `the SentAt field of the request body, a time the client chooses`
	if err != nil {
		http.Error(w, "bad time", http.StatusBadRequest)
		return
	}
	if err := l.count(r.Context(), windowKey(user, at)); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}
}

func (l *Limiter) count(ctx context.Context, key string) error {
	return l.rdb.Incr(ctx, key).Err()
}
