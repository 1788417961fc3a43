package sqlrow

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
)

// checkWrapped returns the error: fine; Rollback's error is cleanup.
func checkWrapped(ctx context.Context, conn *pgx.Conn, key string) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var n int
	if err := tx.QueryRow(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1 RETURNING n", key).Scan(&n); err != nil {
		return err
	}
	if n > 10 {
		return ErrLimited
	}
	_ = tx.Rollback(ctx)
	return tx.Commit(ctx)
}

// noRows narrows sql.ErrNoRows and surfaces the rest: fine.
func noRows(ctx context.Context, db *sql.DB, key string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, "SELECT n FROM limits WHERE k = $1", key).Scan(&n)
	if err == sql.ErrNoRows {
		return true, nil
	} else if err != nil {
		return false, err
	}
	return n < 10, nil
}

// userExists is not rate-limit code and reads no counter: fine.
func userExists(ctx context.Context, db *sql.DB, email string) (bool, error) {
	var one int
	err := db.QueryRowContext(ctx, "SELECT 1 FROM users WHERE email = $1", email).Scan(&one)
	if err != nil {
		return false, nil
	}
	return one == 1, nil
}

// sqlxChecked returns Get's error: fine.
func sqlxChecked(ctx context.Context, db *sqlx.DB, key string) (bool, error) {
	var n int
	if err := db.GetContext(ctx, &n, "SELECT n FROM limits WHERE k = $1", key); err != nil {
		return false, err
	}
	return n < 10, nil
}
