// Package undeclared is rl001/declared without a configuration: the
// counter client is code rlcheck cannot see into, and its calls are no
// store operations, so nothing is reported.
package undeclared

import (
	"context"
	"errors"

	"rl001/declared/counters"
)

var errLimited = errors.New("rate limited")

// ReadThenWrite reads the count and writes it back plus one.
func ReadThenWrite(ctx context.Context, s *counters.Store, ip string) error {
	key := "rl:" + ip
	n, err := s.Get(ctx, key)
	if err != nil {
		return err
	}
	if n >= 100 {
		return errLimited
	}
	return s.Put(ctx, key, n+1)
}

// ThroughFunction writes with a declared package-level function.
func ThroughFunction(ctx context.Context, s *counters.Store, ip string) error {
	key := "rl:" + ip
	n, err := s.Get(ctx, key)
	if err != nil {
		return err
	}
	if n >= 100 {
		return errLimited
	}
	return counters.Save(ctx, s, key, n+1)
}

// ThroughInterface reads with a declared interface method.
func ThroughInterface(ctx context.Context, b counters.Backend, s *counters.Store, ip string) error {
	key := "rl:" + ip
	n, err := b.Load(ctx, key)
	if err != nil {
		return err
	}
	if n >= 100 {
		return errLimited
	}
	return s.Put(ctx, key, n+1)
}

// IncrementFirst increments and decides on the new count: atomic.
func IncrementFirst(ctx context.Context, s *counters.Store, ip string) error {
	n, err := s.Add(ctx, "rl:"+ip)
	if err != nil {
		return err
	}
	if n > 100 {
		return errLimited
	}
	return nil
}

// OtherKey reads one key and writes another: no pair.
func OtherKey(ctx context.Context, s *counters.Store, ip string) error {
	n, err := s.Get(ctx, "rl:"+ip)
	if err != nil {
		return err
	}
	if n >= 100 {
		return errLimited
	}
	return s.Put(ctx, "seen:"+ip, 1)
}
