package sqlpair

import (
	"context"
	"database/sql"
)

// ensureDefaultUser counts the users and inserts one when there is none:
// an existence check, which the key constraint settles. Fine.
func ensureDefaultUser(ctx context.Context, db *sql.DB) error {
	var count int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) AS count FROM users").Scan(&count); err != nil {
		return err
	}
	if count > 0 {
		return nil
	}
	_, err := db.ExecContext(ctx, "INSERT INTO users (email) VALUES ($1)", "admin@example.com")
	return err
}

// spendToken takes a token when the balance read is above zero.
func spendToken(ctx context.Context, db *sql.DB, key string) error {
	var tokens int
	if err := db.QueryRowContext(ctx, "SELECT tokens FROM rate_limits WHERE bucket_key = $1", key).Scan(&tokens); err != nil {
		return err
	}
	if tokens <= 0 {
		return ErrLimited
	}
	_, err := db.ExecContext(ctx, "UPDATE rate_limits SET tokens = tokens - 1 WHERE bucket_key = $1", key) // want `UPDATE runs only if the count read by the SELECT before it was under the limit`
	return err
}
