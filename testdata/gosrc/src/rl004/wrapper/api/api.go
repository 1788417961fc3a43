// Package api counts requests through package store.
package api

import (
	"context"

	"rl004/wrapper/store"
)

// Login counts logins per route only: the store's statement is the
// finding.
func Login(ctx context.Context, s *store.Store) error {
	return s.IncrRoute(ctx, "/login")
}

// Anonymous passes one client key for every caller.
func Anonymous(ctx context.Context, s *store.Store) error {
	return s.IncrClient(ctx, "anonymous", "/search") // want `UPDATE increments count in client_counters on a constant key`
}

// Search counts per client.
func Search(ctx context.Context, s *store.Store, client string) error {
	return s.IncrClient(ctx, client, "/search")
}
