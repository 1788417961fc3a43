package sqlrow

import (
	"context"
	"database/sql"
)

// idle asks whether any batch run is still active: a row count compared
// with zero tells whether rows exist, it limits nothing, so returning
// false on error is no rate-limit decision.
func idle(ctx context.Context, db *sql.DB, batch string) bool {
	var cnt int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM task_batch_runs WHERE batch_key = $1", batch).Scan(&cnt); err != nil {
		return false
	}
	if cnt > 0 {
		return false
	}
	return true
}

// underCap counts the same rows against a cap: that is a limit, and the
// error branch answers every failure as "over the cap".
func underCap(ctx context.Context, db *sql.DB, batch string) bool {
	var cnt int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM task_batch_runs WHERE batch_key = $1", batch).Scan(&cnt); err != nil { // want `answers every error as rate-limited`
		return false
	}
	return cnt < 10
}
