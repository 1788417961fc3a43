// Package sqlpair holds RL001 fixtures for SQL read-then-write pairs.
package sqlpair

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

const limit = 100

// ErrLimited is the rate-limit error.
var ErrLimited = errors.New("rate limited")

// readThenSet reads the count and writes count+1 back.
func readThenSet(ctx context.Context, db *sql.DB, key string) error {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n); err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err := db.ExecContext(ctx, "UPDATE usage SET request_count = $1 WHERE client_id = $2", n+1, key) // want `UPDATE writes a value computed from the SELECT before it`
	return err
}

// readThenIncrement checks the count, then increments in place.
func readThenIncrement(ctx context.Context, pool *pgxpool.Pool, key string) error {
	var n int
	if err := pool.QueryRow(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n); err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err := pool.Exec(ctx, "UPDATE usage SET request_count = request_count + 1 WHERE client_id = $1", key) // want `UPDATE runs only if the count read by the SELECT before it was under the limit`
	return err
}

const upsertCount = `INSERT INTO usage (client_id, request_count) VALUES ($1, $2)
	ON CONFLICT (client_id) DO UPDATE SET request_count = $2`

// upsertComputed reads with sqlx and upserts the computed count.
func upsertComputed(ctx context.Context, db *sqlx.DB, key string) error {
	var n int
	if err := db.GetContext(ctx, &n, "SELECT request_count FROM usage WHERE client_id = $1", key); err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err := db.ExecContext(ctx, upsertCount, key, n+1) // want `UPSERT writes a value computed from the SELECT before it`
	return err
}
