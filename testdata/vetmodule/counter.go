// Package vetmodule is the module that the end-to-end test runs
// `go vet -vettool=rlcheck` on.
package vetmodule

import (
	"context"
	"database/sql"
)

// CountGlobal increments one row for every client.
func CountGlobal(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "UPDATE totals SET hits = hits + 1 WHERE name = 'global'") // RL004
	return err
}

// CountPerClient spreads the counter over clients: no finding.
func CountPerClient(ctx context.Context, db *sql.DB, client string) error {
	_, err := db.ExecContext(ctx, "UPDATE totals SET hits = hits + 1 WHERE client_id = $1", client)
	return err
}
