// Package limiter keeps its counters behind a Storage interface that
// package redisstore implements with go-redis; the limiter never imports
// it (package main wires them), so only the whole-module analysis sees
// which store the calls reach.
package limiter

import (
	"context"
	"time"
)

// Storage is the counter store.
type Storage interface {
	Get(ctx context.Context, key string) (int64, error)
	Set(ctx context.Context, key string, v int64, ttl time.Duration) error
	Incr(ctx context.Context, key string) (int64, error)
}

// Limiter allows max requests per key and minute.
type Limiter struct {
	storage Storage
	max     int64
}

// New returns a limiter.
func New(s Storage, max int64) *Limiter { return &Limiter{storage: s, max: max} }

// Allow reads the count and writes it back: a read-then-write race.
func (l *Limiter) Allow(ctx context.Context, key string) (bool, error) {
	v, err := l.storage.Get(ctx, key)
	if err != nil {
		return false, err
	}
	if v >= l.max {
		return false, nil
	}
	if err := l.storage.Set(ctx, key, v+1, time.Minute); err != nil { // want `Set runs on a decision taken from the GET before it`
		return false, err
	}
	return true, nil
}

// AllowAtomic increments first and decides on the new value.
func (l *Limiter) AllowAtomic(ctx context.Context, key string) (bool, error) {
	n, err := l.storage.Incr(ctx, key)
	if err != nil {
		return false, err
	}
	return n <= l.max, nil
}

// Remember stores a value it did not read: no pair.
func (l *Limiter) Remember(ctx context.Context, key string, v int64) error {
	return l.storage.Set(ctx, key, v, time.Hour)
}
