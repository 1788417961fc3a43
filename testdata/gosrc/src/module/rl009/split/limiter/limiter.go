// Package limiter decides on the counts of package store.
package limiter

import (
	"context"

	"module/rl009/split/store"
)

// Limiter allows max requests.
type Limiter struct {
	Store *store.Store
	Max   int
}

// Allow decides on an eventually consistent count.
func (l *Limiter) Allow(ctx context.Context, key string) (bool, error) {
	n, err := l.Store.Count(ctx, key)
	if err != nil {
		return false, err
	}
	return n < l.Max, nil
}
