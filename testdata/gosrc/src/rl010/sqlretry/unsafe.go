// Package sqlretry holds RL010 fixtures for SQL counter transactions.
package sqlretry

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// allowAfterRetries is seed 004 in Go: after five timeouts the loop ends
// and the request is allowed.
func allowAfterRetries(ctx context.Context, pool *pgxpool.Pool, key string) (bool, error) {
	for attempt := 0; attempt < 5; attempt++ { // want `when every attempt of BeginTx fails the loop ends and the function goes on to allow the request.*SQLSTATE 40001`
		tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
		if err != nil {
			return false, err
		}
		var n int
		err = tx.QueryRow(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1 RETURNING n", key).Scan(&n)
		if errors.Is(err, context.DeadlineExceeded) {
			_ = tx.Rollback(ctx)
			time.Sleep(time.Duration(1<<attempt) * 10 * time.Millisecond)
			continue
		}
		if err != nil {
			return false, err
		}
		if err := tx.Commit(ctx); err != nil {
			return false, err
		}
		return n <= 10, nil
	}
	return true, nil
}

// nilAfterRetries hides the last error: the caller sees success.
func nilAfterRetries(ctx context.Context, db *sql.DB, key string) error {
	for range 3 { // want `when every attempt of ExecContext fails the loop ends and the function goes on to allow the request`
		_, err := db.ExecContext(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		if err != nil {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		return nil
	}
	return nil
}

// middleware serves the request once the retries run out.
func middleware(db *sql.DB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serve(db, next, w, r)
	})
}

func serve(db *sql.DB, next http.Handler, w http.ResponseWriter, r *http.Request) {
	for attempt := range 4 { // want `when every attempt of ExecContext fails the loop ends and the function goes on to allow the request`
		_, err := db.ExecContext(r.Context(), "UPDATE limits SET n = n + 1 WHERE k = $1", r.RemoteAddr)
		if err == nil {
			break
		}
		time.Sleep(time.Duration(attempt) * 10 * time.Millisecond)
	}
	next.ServeHTTP(w, r)
}

// forever retries every error without bound.
func forever(ctx context.Context, pool *pgxpool.Pool, key string) error {
	for { // want `for \{\} retries Exec on error with no attempt bound and no context deadline`
		_, err := pool.Exec(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		if err != nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		return nil
	}
}

// noWait retries at once and fails closed.
func noWait(ctx context.Context, pool *pgxpool.Pool, key string) error {
	var err error
	for i := 0; i < 5; i++ { // want `the loop retries Exec with no wait between attempts`
		_, err = pool.Exec(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		if err == nil {
			return nil
		}
	}
	return err
}

const pause = 50 * time.Millisecond

// fixedWait sleeps the same time between attempts and fails closed.
func fixedWait(ctx context.Context, pool *pgxpool.Pool, key string) error {
	var err error
	for i := 0; i < 5; i++ { // want `the loop retries Exec with a fixed wait between attempts`
		if _, err = pool.Exec(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key); err != nil {
			time.Sleep(pause)
			continue
		}
		return nil
	}
	return err
}

// wrongError backs off but retries only timeouts: 40001 fails at once.
func wrongError(ctx context.Context, pool *pgxpool.Pool, key string) error {
	var err error
	for i := 0; i < 5; i++ { // want `the loop retries Exec; it retries only on timeouts while PostgreSQL/CockroachDB report contention as SQLSTATE 40001`
		_, err = pool.Exec(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		if errors.Is(err, context.DeadlineExceeded) {
			time.Sleep(time.Duration(1<<i) * 10 * time.Millisecond)
			continue
		}
		return err
	}
	return err
}

// pollLoop is a queue's poll loop (hatchet-dev/hatchet's queuer): after a
// failed attempt it waits for the next tick or notification, so it does
// not hammer the row.
func pollLoop(ctx context.Context, pool *pgxpool.Pool, key string, notify <-chan struct{}) {
	timer := time.NewTimer(time.Second)
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-notify:
		}
		timer.Reset(time.Second)
		_, err := pool.Exec(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		if err != nil {
			continue
		}
	}
}

// spinUntilDeadline is bounded by its context but hammers the row.
func spinUntilDeadline(ctx context.Context, pool *pgxpool.Pool, key string) error {
	for { // want `the loop retries Exec with no wait between attempts`
		if ctx.Err() != nil {
			return ctx.Err()
		}
		_, err := pool.Exec(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		if err != nil {
			continue
		}
		return nil
	}
}
