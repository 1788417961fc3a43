// Package metrics holds RL003 near-misses from a job scheduler's metrics
// collector and CLI (hatchet-dev/hatchet), each next to the limit code it
// resembles: table sizes and PostgreSQL statistics are no counters, an
// API that lists rate limits decides none, and a logger's Fatalf does not
// let the request through.
package metrics

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
)

// Recorder takes metrics.
type Recorder interface{ Record(name string, v int64) }

// tableSize counts a whole table: its size, for a metric.
func tableSize(ctx context.Context, db *sql.DB) (int64, error) {
	var total int64
	err := db.QueryRowContext(ctx, "SELECT COUNT(*) AS total FROM jobs_tmp").Scan(&total)
	return total, err
}

// deadTuples reads PostgreSQL's statistics of the tables.
func deadTuples(ctx context.Context, db *sql.DB) (int64, error) {
	var n int64
	err := db.QueryRowContext(ctx, "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = $1", "jobs").Scan(&n)
	return n, err
}

// Collect logs the errors and goes on: a metrics collector decides no
// limit.
func Collect(ctx context.Context, db *sql.DB, rec Recorder) {
	defer func() {
		if r := recover(); r != nil {
			slog.Error("collector panicked", "panic", r)
		}
	}()
	size, err := tableSize(ctx, db)
	if err != nil {
		slog.Error("count failed", "err", err)
	} else if size > 0 {
		rec.Record("jobs_tmp_size", size)
	}
	dead, err := deadTuples(ctx, db)
	if err != nil {
		slog.Error("stats failed", "err", err)
	} else if dead > 1000 {
		rec.Record("dead_tuples", dead)
	}
}

// requests counts one client's requests in the window: a limit's count.
func requests(ctx context.Context, db *sql.DB, ip string) (int64, error) {
	var total int64
	err := db.QueryRowContext(ctx, "SELECT COUNT(*) AS total FROM requests WHERE ip = $1", ip).Scan(&total)
	return total, err
}

// Limit lets the request through when the count fails.
func Limit(db *sql.DB, w http.ResponseWriter, r *http.Request, next http.Handler) {
	n, err := requests(r.Context(), db, r.RemoteAddr)
	if err != nil { // want `the error branch of QueryRowContext \(the rate-limit decision\) lets the request through`
		next.ServeHTTP(w, r)
		return
	}
	if n > 100 {
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	next.ServeHTTP(w, r)
}

// Response is an API response.
type Response struct{ Rows []string }

// API is a client of a service that manages rate limits.
type API struct{}

// RateLimitList lists the configured rate limits: no decision.
func (a *API) RateLimitList(ctx context.Context, search string) (*Response, error) {
	return &Response{}, nil
}

// RateLimit counts one request for key and reports whether it is over.
func (a *API) RateLimit(ctx context.Context, key string) (*Response, error) {
	return &Response{}, nil
}

// Logger is a logrus-style logger whose Fatalf exits.
type Logger struct{}

// Fatalf logs and exits the process.
func (l *Logger) Fatalf(format string, args ...any) {}

// Printf logs.
func (l *Logger) Printf(format string, args ...any) {}

// FindLimit lists rate limits from the CLI and goes on when that fails.
func FindLimit(ctx context.Context, a *API, log *Logger, key string) *Response {
	resp, err := a.RateLimitList(ctx, key)
	if err != nil {
		log.Printf("listing rate limits failed: %v", err)
	}
	if resp == nil || len(resp.Rows) == 0 {
		return nil
	}
	return resp
}

// GateFatal exits when the limiter fails: nothing is let through.
func GateFatal(ctx context.Context, a *API, log *Logger, key string, next func()) {
	resp, err := a.RateLimit(ctx, key)
	if err != nil {
		log.Fatalf("rate limiter failed: %v", err)
	}
	if resp == nil {
		return
	}
	next()
}

// GateLogged logs the limiter's failure and goes on.
func GateLogged(ctx context.Context, a *API, log *Logger, key string, next func()) {
	resp, err := a.RateLimit(ctx, key)
	if err != nil { // want `the error branch of RateLimit \(the rate-limit decision\) lets the request through`
		log.Printf("rate limiter failed: %v", err)
	}
	if resp == nil {
		return
	}
	next()
}
