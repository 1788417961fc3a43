// Package counters stands for a counter client the analysis cannot see
// into (a compiled client, a package outside the scan): nothing in it is
// a store call rlcheck knows. The configuration of the package that uses
// it declares what its functions do.
package counters

import "context"

// Conn is the transport the client talks over.
type Conn interface {
	Call(ctx context.Context, op string, args ...any) (int64, error)
}

// Store is the counter client.
type Store struct{ conn Conn }

// Get returns the count of key (declared: read, key = 1).
func (s *Store) Get(ctx context.Context, key string) (int64, error) {
	return s.conn.Call(ctx, "get", key)
}

// Put stores a count for key (declared: write, key = 1).
func (s *Store) Put(ctx context.Context, key string, n int64) error {
	_, err := s.conn.Call(ctx, "put", key, n)
	return err
}

// Add increments key and returns the new count (declared: increment,
// key = 1).
func (s *Store) Add(ctx context.Context, key string) (int64, error) {
	return s.conn.Call(ctx, "add", key)
}

// Text returns the text cached under key (declared: read, key = 1).
func (s *Store) Text(ctx context.Context, key string) (string, error) {
	_, err := s.conn.Call(ctx, "text", key)
	return "", err
}

// SetText caches a text under key (declared: write, key = 1).
func (s *Store) SetText(ctx context.Context, key, v string) error {
	_, err := s.conn.Call(ctx, "settext", key, v)
	return err
}

// Save stores a count for key, a package-level function (declared:
// write, key = 2).
func Save(ctx context.Context, s *Store, key string, n int64) error {
	return s.Put(ctx, key, n)
}

// Backend is a counter backend whose implementations are outside the
// analysis; its Load is declared (read, key = 1).
type Backend interface {
	Load(ctx context.Context, key string) (int64, error)
}
