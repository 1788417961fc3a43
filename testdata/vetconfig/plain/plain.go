// Package plain is limits under its own config file, which declares no
// wrappers: no finding.
package plain

import (
	"context"
	"errors"

	"example.com/vetconfig/counters"
)

var errLimited = errors.New("rate limited")

// Allow reads the count and writes it back plus one.
func Allow(ctx context.Context, ip string) error {
	key := "rl:" + ip
	n, err := counters.Get(ctx, key)
	if err != nil {
		return err
	}
	if n >= 100 {
		return errLimited
	}
	return counters.Set(ctx, key, n+1)
}
