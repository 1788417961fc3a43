// Package sqlrow holds RL003 fixtures for SQL counter reads.
package sqlrow

import (
	"context"
	"database/sql"
	"errors"

	pgx4 "github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

// ErrLimited is the rate-limit error.
var ErrLimited = errors.New("rate limited")

// scanDiscarded ignores Scan's error.
func scanDiscarded(ctx context.Context, db *sql.DB, key string) bool {
	var n int
	db.QueryRowContext(ctx, "SELECT n FROM limits WHERE k = $1", key).Scan(&n) // want `the error of QueryRowContext \(the rate-limit decision\) is discarded`
	return n < 10
}

// checkNilOpen returns a nil error from an error-only check.
func checkNilOpen(ctx context.Context, pool *pgxpool.Pool, key string) error {
	var n int
	err := pool.QueryRow(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1 RETURNING n", key).Scan(&n)
	if err != nil { // want `lets the request through`
		return nil
	}
	if n > 10 {
		return ErrLimited
	}
	return nil
}

// limitedOnError returns ErrLimited for every error.
func limitedOnError(ctx context.Context, db *sql.DB, key string) error {
	var n int
	err := db.QueryRowContext(ctx, "SELECT n FROM limits WHERE k = $1", key).Scan(&n)
	if err != nil { // want `answers every error as rate-limited`
		return ErrLimited
	}
	if n >= 10 {
		return ErrLimited
	}
	return nil
}

// sqlxDiscarded ignores Get's error.
func sqlxDiscarded(db *sqlx.DB, key string) bool {
	var n int
	_ = db.Get(&n, "SELECT n FROM limits WHERE k = $1", key) // want `the error of Get \(the rate-limit decision\) is discarded`
	return n < 10
}

// pgxV4 fails open on a pgx v4 read error.
func pgxV4(ctx context.Context, conn *pgx4.Conn, key string) (bool, error) {
	var n int
	if err := conn.QueryRow(ctx, "SELECT n FROM limits WHERE k = $1", key).Scan(&n); err != nil { // want `lets the request through`
		return true, nil
	}
	return n < 10, nil
}
