// Package counters stands for a counter client rlcheck cannot see into;
// the configuration above declares its Hit an increment.
package counters

import "context"

// Client is the counter client.
type Client struct {
	do func(ctx context.Context, key string) (int64, error)
}

// Hit increments key, setting its expiry as the client is configured to.
func (c *Client) Hit(ctx context.Context, key string) (int64, error) { return c.do(ctx, key) }
