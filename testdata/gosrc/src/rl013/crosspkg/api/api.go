// Package api counts with package store's Counter, whose increment and
// expiry are imported as facts.
package api

import (
	"context"
	"errors"

	"rl013/crosspkg/store"
)

var errLimited = errors.New("rate limited")

func check(ctx context.Context, c *store.Counter, ip string) error {
	key := "rl:" + ip
	n, err := c.Add(ctx, key) // want `separate round trip from its INCR`
	if err != nil {
		return err
	}
	if n == 1 {
		store.Expire(ctx, c, key)
	}
	if n > 100 {
		return errLimited
	}
	return nil
}
