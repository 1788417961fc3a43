// Package varsql reads and writes a counter with SQL kept in variables.
package varsql

import (
	"context"
	"database/sql"
)

var (
	selectCount = "SELECT count FROM rate_limits WHERE key = $1"
	updateCount = "UPDATE rate_limits SET count = $2 WHERE key = $1"
	incrCount   = "UPDATE rate_limits SET count = count + 1 WHERE key = $1 AND count < $2"
)

// Allow writes back the count it read.
func Allow(ctx context.Context, db *sql.DB, key string) (bool, error) {
	var n int
	if err := db.QueryRowContext(ctx, selectCount, key).Scan(&n); err != nil {
		return false, err
	}
	if n >= 100 {
		return false, nil
	}
	_, err := db.ExecContext(ctx, updateCount, key, n+1) // want `UPDATE writes a value computed from the SELECT before it`
	return err == nil, err
}

// AllowAtomic increments under the limit in one statement.
func AllowAtomic(ctx context.Context, db *sql.DB, key string) (bool, error) {
	res, err := db.ExecContext(ctx, incrCount, key, 100)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
