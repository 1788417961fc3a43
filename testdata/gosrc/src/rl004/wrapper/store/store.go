// Package store increments route counters for its callers.
package store

import (
	"context"
	"database/sql"
)

// Store counts in PostgreSQL.
type Store struct{ DB *sql.DB }

// IncrRoute increments the counter of a route.
func (s *Store) IncrRoute(ctx context.Context, route string) error {
	_, err := s.DB.ExecContext(ctx, "UPDATE route_counters SET count = count + 1 WHERE route = $1", route) // want `UPDATE increments count in route_counters on a key of endpoint names only`
	return err
}

// IncrClient increments the counter of a client and route.
func (s *Store) IncrClient(ctx context.Context, client, route string) error {
	_, err := s.DB.ExecContext(ctx, "UPDATE client_counters SET count = count + 1 WHERE client_id = $1 AND route = $2", client, route)
	return err
}
