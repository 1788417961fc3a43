// Package mysqltx runs the same read-modify-write on MySQL, whose
// REPEATABLE READ does not stop the lost update either: RL001 reports the
// pair, RL012's advice does not apply.
package mysqltx

import (
	"context"
	"database/sql"
	"errors"

	"github.com/go-sql-driver/mysql"
)

// ErrQuota is the rate-limit error.
var ErrQuota = errors.New("quota exceeded")

// Open opens the MySQL database.
func Open(cfg *mysql.Config) (*sql.DB, error) { return sql.Open("mysql", cfg.FormatDSN()) }

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
