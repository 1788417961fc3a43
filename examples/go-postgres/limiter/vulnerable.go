// Package limiter rate-limits an HTTP API with counters in PostgreSQL.
//
// The limiters in vulnerable.go can be bypassed; fixed.go shows the
// repairs. The database driver is registered by the server's main package.
package limiter

import (
	"context"
	"database/sql"
	"hash/maphash"
	"log"
	"net/http"
	"time"
)

// Limit is the number of requests a client may make per window.
const Limit = 100

// Window is the length of a counting window.
const Window = time.Minute

// ExportLimit is the number of report exports a client may start per
// ExportWindow.
const ExportLimit = 5

// ExportWindow is the length of an export quota window.
const ExportWindow = time.Hour

// partitions is how many partitions the rate_limits_by_part table is
// split into (PARTITION BY LIST (part)).
const partitions = 32

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
// limiter off. It also counts under the raw Authorization header, which
// nothing has verified yet: a client that sends a new token with every
// request gets a new counter every time.
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

// seed is drawn when the process starts, so every replica of the service
// has its own.
var seed = maphash.MakeSeed()

// Partitioned keeps each client's counter in one partition of
// rate_limits_by_part, picked by hashing the client with maphash. The
// seed is random per process: each replica puts the same client in a
// different partition, and the client gets the full limit once per
// replica.
type Partitioned struct {
	DB *sql.DB
}

// Allow counts the request in the client's partition.
func (l *Partitioned) Allow(ctx context.Context, client string) (bool, error) {
	part := int64(maphash.String(seed, client) % partitions)
	bucket := time.Now().Truncate(Window).Unix()
	var count int
	err := l.DB.QueryRowContext(ctx, `
		INSERT INTO rate_limits_by_part (part, client_id, bucket, count) VALUES ($1, $2, $3, 1)
		ON CONFLICT (part, client_id, bucket) DO UPDATE SET count = rate_limits_by_part.count + 1
		RETURNING count`, part, client, bucket).Scan(&count)
	if err != nil {
		return false, err
	}
	return count <= Limit, nil
}

// ExportQuota limits how many report exports a client starts per hour.
// It keys the window by "an hour ago" to the second instead of the start
// of the hour, so every request opens a row of its own whose count is 1,
// and the quota never trips.
type ExportQuota struct {
	DB *sql.DB
}

// Allow counts one export for client.
func (q *ExportQuota) Allow(ctx context.Context, client string) (bool, error) {
	windowStart := time.Now().Add(-ExportWindow).Unix()
	var used int
	err := q.DB.QueryRowContext(ctx, `
		INSERT INTO export_quota (client_id, window_start, used) VALUES ($1, $2, 1)
		ON CONFLICT (client_id, window_start) DO UPDATE SET used = export_quota.used + 1
		RETURNING used`, client, windowStart).Scan(&used)
	if err != nil {
		return false, err
	}
	return used <= ExportLimit, nil
}

// RetryThenAllow retries the counter upsert, which fails with
// serialization errors under load (the database runs at SERIALIZABLE),
// but when every attempt fails it lets the request through: a client that
// keeps the counter row contended is never limited.
type RetryThenAllow struct {
	DB *sql.DB
}

// Allow increments the client's counter, retrying failures.
func (l *RetryThenAllow) Allow(ctx context.Context, client string) (bool, error) {
	bucket := time.Now().Truncate(Window).Unix()
	for attempt := 0; attempt < 3; attempt++ {
		var count int
		err := l.DB.QueryRowContext(ctx, `
			INSERT INTO rate_limits (client_id, bucket, count) VALUES ($1, $2, 1)
			ON CONFLICT (client_id, bucket) DO UPDATE SET count = rate_limits.count + 1
			RETURNING count`, client, bucket).Scan(&count)
		if err != nil {
			log.Printf("rate limiter: attempt %d: %v", attempt+1, err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		return count <= Limit, nil
	}
	// The database is struggling; do not punish clients for it.
	return true, nil
}

// ReadCommittedCredits spends an account's API credits in a transaction
// it explicitly runs at READ COMMITTED: two concurrent requests both read
// the same balance, both see credit left, and the later write of
// balance-1 wins, so one credit pays for two calls.
type ReadCommittedCredits struct {
	DB *sql.DB
}

// Spend takes one credit from account, reporting false when none is
// left.
func (c *ReadCommittedCredits) Spend(ctx context.Context, account string) (bool, error) {
	tx, err := c.DB.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var credits int
	err = tx.QueryRowContext(ctx, "SELECT credits FROM api_credits WHERE account = $1", account).Scan(&credits)
	if err != nil {
		return false, err
	}
	if credits <= 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE api_credits SET credits = $1 WHERE account = $2", credits-1, account); err != nil {
		return false, err
	}
	return true, tx.Commit()
}
