package limiter

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"log"
	"math/rand/v2"
	"net/http"
	"time"
)

// shards is how many rows the global request counter is split over.
const shards = 16

type principalKey struct{}

// WithPrincipal returns a context carrying the principal that the
// authentication middleware verified.
func WithPrincipal(ctx context.Context, principal string) context.Context {
	return context.WithValue(ctx, principalKey{}, principal)
}

// Principal returns the verified principal of the request, if any. Limits
// are counted per principal, never per raw header value.
func Principal(ctx context.Context) (string, bool) {
	p, ok := ctx.Value(principalKey{}).(string)
	return p, ok
}

// Atomic counts and decides in one statement.
type Atomic struct {
	DB *sql.DB
}

// Allow increments the client's counter and reports whether it is still
// within the limit, using the value the increment returned.
func (l *Atomic) Allow(ctx context.Context, client string) (bool, error) {
	bucket := time.Now().Truncate(Window).Unix()
	var count int
	err := l.DB.QueryRowContext(ctx, `
		INSERT INTO rate_limits (client_id, bucket, count) VALUES ($1, $2, 1)
		ON CONFLICT (client_id, bucket) DO UPDATE SET count = rate_limits.count + 1
		RETURNING count`, client, bucket).Scan(&count)
	if err != nil {
		return false, err
	}
	return count <= Limit, nil
}

// Limiter decides whether client may make another request. Every limiter
// in this file implements it.
type Limiter interface {
	Allow(ctx context.Context, client string) (bool, error)
}

// AtomicMiddleware limits every request and answers 503 when the limiter
// cannot decide, so outages are visible and never turn the limit off.
func AtomicMiddleware(l Limiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client, authenticated := Principal(r.Context())
		if !authenticated {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		ok, err := l.Allow(r.Context(), client)
		if err != nil {
			log.Printf("rate limiter: %v", err)
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
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

// CountRequestSharded spreads the global counter over shard rows; readers
// sum them.
func CountRequestSharded(ctx context.Context, db *sql.DB, client string) error {
	h := fnv.New32a()
	h.Write([]byte(client))
	_, err := db.ExecContext(ctx,
		"UPDATE request_totals SET hits = hits + 1 WHERE name = 'global' AND shard = $1", h.Sum32()%shards)
	return err
}

// StablePartitioned keeps each client's counter in one partition of
// rate_limits_by_part, picked with crc32: every replica computes the same
// partition for the same client.
type StablePartitioned struct {
	DB *sql.DB
}

// Allow counts the request in the client's partition.
func (l *StablePartitioned) Allow(ctx context.Context, client string) (bool, error) {
	part := int64(crc32.ChecksumIEEE([]byte(client)) % partitions)
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

// AlignedExportQuota limits report exports per client and hour, with the
// window floored to the start of the hour: all requests of the hour count
// on one row.
type AlignedExportQuota struct {
	DB *sql.DB
}

// Allow counts one export for client.
func (q *AlignedExportQuota) Allow(ctx context.Context, client string) (bool, error) {
	window := int64(ExportWindow / time.Second)
	windowStart := time.Now().Unix() / window * window
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

// maxAttempts bounds the retries of a contended counter upsert.
const maxAttempts = 4

// RetryWithBackoff retries the counter upsert on serialization failures,
// waiting a jittered, growing delay between attempts, and returns an error
// once the attempts run out: the middleware answers 503 and the request
// is not let through.
type RetryWithBackoff struct {
	DB *sql.DB
}

// Allow increments the client's counter, retrying contention.
func (l *RetryWithBackoff) Allow(ctx context.Context, client string) (bool, error) {
	bucket := time.Now().Truncate(Window).Unix()
	var err error
	for attempt := 0; attempt < maxAttempts; attempt++ {
		var count int
		err = l.DB.QueryRowContext(ctx, `
			INSERT INTO rate_limits (client_id, bucket, count) VALUES ($1, $2, 1)
			ON CONFLICT (client_id, bucket) DO UPDATE SET count = rate_limits.count + 1
			RETURNING count`, client, bucket).Scan(&count)
		if err == nil {
			return count <= Limit, nil
		}
		if !retryable(err) {
			return false, err
		}
		// Exponential backoff with full jitter, so requests that collided
		// do not collide again on the next attempt.
		backoff := time.Duration(1<<attempt) * 10 * time.Millisecond
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(rand.N(backoff)):
		}
	}
	return false, fmt.Errorf("rate limiter: counter still contended after %d attempts: %w", maxAttempts, err)
}

// retryable reports whether err is worth another attempt: a serialization
// failure or a deadlock (SQLSTATE 40001, 40P01). PostgreSQL drivers expose
// the code through a SQLState method (pgx's *pgconn.PgError).
func retryable(err error) bool {
	var pgErr interface{ SQLState() string }
	if !errors.As(err, &pgErr) {
		return false
	}
	switch pgErr.SQLState() {
	case "40001", "40P01":
		return true
	}
	return false
}

// ConditionalCredits spends a credit in one conditional UPDATE: the
// database checks the balance and takes the credit in the same statement,
// so READ COMMITTED is enough.
type ConditionalCredits struct {
	DB *sql.DB
}

// Spend takes one credit from account, reporting false when none is
// left.
func (c *ConditionalCredits) Spend(ctx context.Context, account string) (bool, error) {
	tx, err := c.DB.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var credits int
	err = tx.QueryRowContext(ctx,
		"UPDATE api_credits SET credits = credits - 1 WHERE account = $1 AND credits > 0 RETURNING credits", account).Scan(&credits)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, tx.Commit()
}
