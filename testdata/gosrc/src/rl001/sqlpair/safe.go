package sqlpair

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// forUpdate locks the row: fine.
func forUpdate(ctx context.Context, tx pgx.Tx, key string) error {
	var n int
	if err := tx.QueryRow(ctx, "SELECT request_count FROM usage WHERE client_id = $1 FOR UPDATE", key).Scan(&n); err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err := tx.Exec(ctx, "UPDATE usage SET request_count = $1 WHERE client_id = $2", n+1, key)
	return err
}

// serializable runs the pair at SERIALIZABLE: fine.
func serializable(ctx context.Context, db *sql.DB, key string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n); err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	if _, err := tx.ExecContext(ctx, "UPDATE usage SET request_count = $1 WHERE client_id = $2", n+1, key); err != nil {
		return err
	}
	return tx.Commit()
}

// pgxRepeatable runs the pair at REPEATABLE READ: fine.
func pgxRepeatable(ctx context.Context, conn *pgx.Conn, key string) error {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n); err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err = tx.Exec(ctx, "UPDATE usage SET request_count = request_count + 1 WHERE client_id = $1", key)
	return err
}

// advisoryLock holds a transaction-level advisory lock: fine.
func advisoryLock(ctx context.Context, tx pgx.Tx, key string) error {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", key); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n); err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err := tx.Exec(ctx, "UPDATE usage SET request_count = $1 WHERE client_id = $2", n+1, key)
	return err
}

// lockTable locks the table first: fine.
func lockTable(ctx context.Context, tx pgx.Tx, key string) error {
	if _, err := tx.Exec(ctx, "LOCK TABLE usage IN EXCLUSIVE MODE"); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n); err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err := tx.Exec(ctx, "UPDATE usage SET request_count = $1 WHERE client_id = $2", n+1, key)
	return err
}

// setTransaction sets SERIALIZABLE in SQL: fine.
func setTransaction(ctx context.Context, tx pgx.Tx, key string) error {
	if _, err := tx.Exec(ctx, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n); err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err := tx.Exec(ctx, "UPDATE usage SET request_count = $1 WHERE client_id = $2", n+1, key)
	return err
}

// atomic increments in place with the limit in the WHERE clause and
// decides on RETURNING: fine.
func atomic(ctx context.Context, pool *pgxpool.Pool, key string) error {
	var n int
	err := pool.QueryRow(ctx, "UPDATE usage SET request_count = request_count + 1 WHERE client_id = $1 AND request_count < $2 RETURNING request_count", key, limit).Scan(&n)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrLimited
	}
	return err
}

// incrementFirst increments, then reads the total to decide: fine.
func incrementFirst(ctx context.Context, db *sql.DB, key string) error {
	if _, err := db.ExecContext(ctx, "UPDATE usage SET request_count = request_count + 1 WHERE client_id = $1", key); err != nil {
		return err
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n); err != nil {
		return err
	}
	if n > limit {
		return ErrLimited
	}
	return nil
}

// optimistic writes only if the count is still the one read: fine.
func optimistic(ctx context.Context, db *sql.DB, key string) error {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n); err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err := db.ExecContext(ctx, "UPDATE usage SET request_count = $1 WHERE client_id = $2 AND request_count = $3", n+1, key, n)
	return err
}

// unrelatedWrite logs an audit row that does not depend on the read: fine.
func unrelatedWrite(ctx context.Context, db *sql.DB, key string) error {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "INSERT INTO audit (client_id) VALUES ($1)", key)
	return err
}
