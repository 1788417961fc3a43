// Package redis is a minimal stand-in for github.com/redis/go-redis/v9
// with the signatures the example uses, so that the example type-checks
// without downloading modules. It talks to no server.
package redis

import (
	"context"
	"errors"
	"time"
)

var errOffline = errors.New("redis: the example's stand-in client talks to no server")

// Options are the connection options.
type Options struct{ Addr string }

// Cmder is a queued or executed command.
type Cmder interface{ Err() error }

// IntCmd is a command with an integer reply.
type IntCmd struct{ val int64 }

// Result returns the reply and the error.
func (c *IntCmd) Result() (int64, error) { return c.val, errOffline }

// Val returns the reply.
func (c *IntCmd) Val() int64 { return c.val }

// Err returns the error.
func (c *IntCmd) Err() error { return errOffline }

// BoolCmd is a command with a boolean reply.
type BoolCmd struct{ val bool }

// Result returns the reply and the error.
func (c *BoolCmd) Result() (bool, error) { return c.val, errOffline }

// Err returns the error.
func (c *BoolCmd) Err() error { return errOffline }

// Pipeliner queues commands until Exec.
type Pipeliner interface {
	Incr(ctx context.Context, key string) *IntCmd
	Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd
	ExpireNX(ctx context.Context, key string, expiration time.Duration) *BoolCmd
	Exec(ctx context.Context) ([]Cmder, error)
}

// Client is a Redis client.
type Client struct{}

// NewClient returns a client.
func NewClient(opt *Options) *Client { return &Client{} }

// Incr runs INCR.
func (c *Client) Incr(ctx context.Context, key string) *IntCmd { return &IntCmd{} }

// Expire runs EXPIRE.
func (c *Client) Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}

// TxPipeline returns a MULTI/EXEC pipeline.
func (c *Client) TxPipeline() Pipeliner { return &pipeline{} }

type pipeline struct{}

func (p *pipeline) Incr(ctx context.Context, key string) *IntCmd { return &IntCmd{} }

func (p *pipeline) Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}

func (p *pipeline) ExpireNX(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}

func (p *pipeline) Exec(ctx context.Context) ([]Cmder, error) { return nil, errOffline }
