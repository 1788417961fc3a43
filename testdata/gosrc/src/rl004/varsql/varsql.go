// Package varsql runs counter SQL kept in variables, of the package and
// of package queries.
package varsql

import (
	"context"
	"database/sql"
	"os"

	"rl004/varsql/queries"
)

var incrRoute = "UPDATE " + "route_counters SET count = count + 1 WHERE route = $1"

var overridden = "UPDATE request_totals SET hits = hits + 1 WHERE name = 'global'"

func init() {
	if q := os.Getenv("RATE_SQL"); q != "" {
		overridden = q // assigned again: not constant text
	}
}

// Global runs another package's variable.
func Global(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, queries.IncrGlobal) // want `UPDATE increments hits in request_totals on a constant key`
	return err
}

// Route runs the package's variable with a route name as the key.
func Route(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, incrRoute, "/login") // want `UPDATE increments count in route_counters on a constant key`
	return err
}

// Client spreads the counter over clients.
func Client(ctx context.Context, db *sql.DB, id string) error {
	_, err := db.ExecContext(ctx, queries.IncrClient, id)
	return err
}

// Overridden runs text that init may replace.
func Overridden(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, overridden)
	return err
}
