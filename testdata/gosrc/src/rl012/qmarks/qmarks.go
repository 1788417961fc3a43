// Package qmarks binds with ? placeholders, which lib/pq and pgx reject:
// the store is MySQL or SQLite, not PostgreSQL.
package qmarks

import (
	"context"
	"database/sql"
	"errors"
)

// ErrQuota is the rate-limit error.
var ErrQuota = errors.New("quota exceeded")

func consume(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = ?", client).Scan(&used); err != nil {
		return err
	}
	if used >= 100 {
		return ErrQuota
	}
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = ? WHERE client_id = ?", used+1, client)
	return err
}
