package sqlpair

import (
	"context"
	"database/sql"
)

// usageRepo reads and writes the count in methods that take the
// transaction.
type usageRepo struct{}

func (usageRepo) count(ctx context.Context, tx *sql.Tx, key string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT request_count FROM usage WHERE client_id = $1", key).Scan(&n)
	return n, err
}

func (usageRepo) setCount(ctx context.Context, tx *sql.Tx, key string, n int) error {
	_, err := tx.ExecContext(ctx, "UPDATE usage SET request_count = $1 WHERE client_id = $2", n, key)
	return err
}

// throughRepo reads the count through one method and writes it back
// through another.
func throughRepo(ctx context.Context, tx *sql.Tx, r usageRepo, key string) error {
	n, err := r.count(ctx, tx, key)
	if err != nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	return r.setCount(ctx, tx, key, n+1) // want `UPDATE writes a value computed from the SELECT before it`
}
