// Package sqlxtx runs a quota read-modify-write in an sqlx transaction at
// READ COMMITTED.
package sqlxtx

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jmoiron/sqlx"
)

// ErrQuota is the rate-limit error.
var ErrQuota = errors.New("quota exceeded")

// consume begins with BeginTxx.
func consume(ctx context.Context, db *sqlx.DB, client string) error {
	tx, err := db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted}) // want `this transaction runs at READ COMMITTED`
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.GetContext(ctx, &used, "SELECT used FROM quotas WHERE client_id = $1", client); err != nil {
		return err
	}
	if used >= 100 {
		return ErrQuota
	}
	if _, err := tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client); err != nil {
		return err
	}
	return tx.Commit()
}
