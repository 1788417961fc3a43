// Package bydriver opens SQLite by its driver name: the store is not
// PostgreSQL, although no driver is imported here.
package bydriver

import (
	"context"
	"database/sql"
	"errors"
)

// ErrQuota is the rate-limit error.
var ErrQuota = errors.New("quota exceeded")

// Open opens the database.
func Open() (*sql.DB, error) { return sql.Open("sqlite3", "file:quotas.db") }

func consume(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= 100 {
		return ErrQuota
	}
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}
