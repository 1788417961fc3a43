// Package crdb is a test stub of github.com/cockroachdb/cockroach-go/v2/crdb.
package crdb

import (
	"context"
	"database/sql"
)

// ExecuteTx runs fn in a transaction begun with opts, retrying it on
// serialization failures.
func ExecuteTx(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(*sql.Tx) error) error {
	return nil
}
