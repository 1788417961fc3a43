// Package limiter counts behind a Counter interface that package
// redisstore implements; package main wires them, so only the
// whole-module analysis sees that the calls reach Redis.
package limiter

import (
	"context"
	"time"
)

// Counter is the counter store.
type Counter interface {
	Incr(ctx context.Context, key string) (int64, error)
	Expire(ctx context.Context, key string, d time.Duration) error
	IncrWindow(ctx context.Context, key string, d time.Duration) (int64, error)
}

// Limiter allows max requests per key and minute.
type Limiter struct {
	c   Counter
	max int64
}

// New returns a limiter.
func New(c Counter, max int64) *Limiter { return &Limiter{c: c, max: max} }

// Allow increments, then sets the window in a second round trip.
func (l *Limiter) Allow(ctx context.Context, key string) (bool, error) {
	n, err := l.c.Incr(ctx, key) // want `separate round trip from its INCR`
	if err != nil {
		return false, err
	}
	if n == 1 {
		if err := l.c.Expire(ctx, key, time.Minute); err != nil {
			return false, err
		}
	}
	return n <= l.max, nil
}

// AllowWindow lets the store set the window with the increment.
func (l *Limiter) AllowWindow(ctx context.Context, key string) (bool, error) {
	n, err := l.c.IncrWindow(ctx, key, time.Minute)
	return err == nil && n <= l.max, err
}
