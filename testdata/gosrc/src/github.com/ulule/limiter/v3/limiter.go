// Package limiter is a stub of github.com/ulule/limiter/v3.
package limiter

// Rate is a number of requests per period.
type Rate struct{ Limit int64 }

// Store keeps the counts.
type Store interface{}

// Limiter limits with a store.
type Limiter struct{}

// New returns a limiter.
func New(store Store, rate Rate) *Limiter { return &Limiter{} }
