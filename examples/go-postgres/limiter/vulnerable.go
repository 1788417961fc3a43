// Package limiter rate-limits an HTTP API with counters in PostgreSQL.
//
// The limiters in vulnerable.go can be bypassed; fixed.go shows the
// repairs. The database driver is registered by the server's main package.
package limiter

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

// Limit is the number of requests a client may make per window.
const Limit = 100

// Window is the length of a counting window.
const Window = time.Minute

// ReadThenWrite reads the count and writes count+1 back: concurrent
// requests all read the same count and all pass.
type ReadThenWrite struct {
	DB *sql.DB
}

// Allow reports whether client may make another request.
func (l *ReadThenWrite) Allow(ctx context.Context, client string) (bool, error) {
	bucket := time.Now().Truncate(Window).Unix()
	var count int
	err := l.DB.QueryRowContext(ctx,
		"SELECT count FROM rate_limits WHERE client_id = $1 AND bucket = $2", client, bucket).Scan(&count)
	if err != nil && err != sql.ErrNoRows {
		return false, err
	}
	if count >= Limit {
		return false, nil
	}
	_, err = l.DB.ExecContext(ctx,
		"UPDATE rate_limits SET count = $1 WHERE client_id = $2 AND bucket = $3", count+1, client, bucket)
	return err == nil, err
}

// Middleware limits every request, but lets it through when the
// database fails: an attacker who can slow the database turns the
// limiter off.
func Middleware(l *ReadThenWrite, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, err := l.Allow(r.Context(), r.Header.Get("Authorization"))
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		if !ok {
			w.Header().Set("Retry-After", "60")
			http.Error(w, "rate limited", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// CountRequest adds every request of every client to one row.
func CountRequest(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "UPDATE request_totals SET hits = hits + 1 WHERE name = 'global'")
	return err
}
