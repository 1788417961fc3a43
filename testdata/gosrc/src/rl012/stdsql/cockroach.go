package stdsql

import (
	"context"
	"database/sql"

	"github.com/cockroachdb/cockroach-go/v2/crdb"
)

// consumeCockroach asks CockroachDB for READ COMMITTED, which it now
// offers, through its retry helper.
func consumeCockroach(ctx context.Context, db *sql.DB, client string) error {
	return crdb.ExecuteTx(ctx, db, &sql.TxOptions{Isolation: sql.LevelReadCommitted}, func(tx *sql.Tx) error { // want `this transaction runs at READ COMMITTED`
		var used int
		if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
			return err
		}
		if used >= quota {
			return ErrQuota
		}
		_, err := tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
		return err
	})
}

// consumeCockroachDefault runs at CockroachDB's default, SERIALIZABLE.
func consumeCockroachDefault(ctx context.Context, db *sql.DB, client string) error {
	return crdb.ExecuteTx(ctx, db, nil, func(tx *sql.Tx) error {
		var used int
		if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
			return err
		}
		if used >= quota {
			return ErrQuota
		}
		_, err := tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
		return err
	})
}
