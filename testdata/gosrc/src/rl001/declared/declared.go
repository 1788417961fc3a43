// Package declared holds RL001 fixtures for counter operations that the
// configuration declares (.rlcheck.toml here): calls of the declared
// wrappers are reads, writes and increments of their key.
package declared

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
	return s.Put(ctx, key, n+1) // want `counters.Store.Put runs on a decision taken from the read by counters.Store.Get before it`
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
	return counters.Save(ctx, s, key, n+1) // want `counters.Save runs on a decision taken from the read by counters.Store.Get`
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
	return s.Put(ctx, key, n+1) // want `counters.Store.Put runs on a decision taken from the read by counters.Backend.Load`
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

// Binding fills in a cached record once: the length test asks whether
// the record is there, it compares no count (and the key names no
// limit).
func Binding(ctx context.Context, s *counters.Store, id, email string) error {
	v, err := s.Text(ctx, "bind:"+id)
	if err != nil {
		return err
	}
	if len(v) > 0 {
		return nil
	}
	return s.SetText(ctx, "bind:"+id, v+email)
}

// Attempts counts binding attempts under the same kind of key and
// compares the count: a limit.
func Attempts(ctx context.Context, s *counters.Store, id string) error {
	n, err := s.Get(ctx, "bind:"+id)
	if err != nil {
		return err
	}
	if n >= 3 {
		return errLimited
	}
	return s.Put(ctx, "bind:"+id, n+1) // want `counters.Store.Put runs on a decision taken from the read by counters.Store.Get`
}
