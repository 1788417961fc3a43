// Package redis is a test stub of github.com/go-redis/redis/v8.
package redis

import (
	"context"
	"time"
)

// Nil is returned when a key does not exist.
const Nil = RedisError("redis: nil")

// RedisError is a Redis error.
type RedisError string

func (e RedisError) Error() string { return string(e) }

// Options configure a client.
type Options struct{ Addr string }

// Cmder is any command.
type Cmder interface{ Err() error }

// StringCmd is a string reply.
type StringCmd struct{ err error }

// Result returns the reply.
func (cmd *StringCmd) Result() (string, error) { return "", cmd.err }

// Int returns the reply as an int.
func (cmd *StringCmd) Int() (int, error) { return 0, cmd.err }

// Int64 returns the reply as an int64.
func (cmd *StringCmd) Int64() (int64, error) { return 0, cmd.err }

// Val returns the reply.
func (cmd *StringCmd) Val() string { return "" }

// Err returns the error.
func (cmd *StringCmd) Err() error { return cmd.err }

// IntCmd is an integer reply.
type IntCmd struct{ err error }

// Result returns the reply.
func (cmd *IntCmd) Result() (int64, error) { return 0, cmd.err }

// Val returns the reply.
func (cmd *IntCmd) Val() int64 { return 0 }

// Err returns the error.
func (cmd *IntCmd) Err() error { return cmd.err }

// StatusCmd is a status reply.
type StatusCmd struct{ err error }

// Result returns the reply.
func (cmd *StatusCmd) Result() (string, error) { return "", cmd.err }

// Err returns the error.
func (cmd *StatusCmd) Err() error { return cmd.err }

// BoolCmd is a boolean reply.
type BoolCmd struct{ err error }

// Result returns the reply.
func (cmd *BoolCmd) Result() (bool, error) { return false, cmd.err }

// Val returns the reply.
func (cmd *BoolCmd) Val() bool { return false }

// Err returns the error.
func (cmd *BoolCmd) Err() error { return cmd.err }

// Cmd is a generic reply.
type Cmd struct{ err error }

// Int64 returns the reply as an int64.
func (cmd *Cmd) Int64() (int64, error) { return 0, cmd.err }

// Result returns the reply.
func (cmd *Cmd) Result() (interface{}, error) { return nil, cmd.err }

// Err returns the error.
func (cmd *Cmd) Err() error { return cmd.err }

type cmdable func(ctx context.Context, cmd Cmder) error

// Get runs GET.
func (c cmdable) Get(ctx context.Context, key string) *StringCmd { return &StringCmd{} }

// Set runs SET.
func (c cmdable) Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd {
	return &StatusCmd{}
}

// SetNX runs SET NX.
func (c cmdable) SetNX(ctx context.Context, key string, value interface{}, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}

// Incr runs INCR.
func (c cmdable) Incr(ctx context.Context, key string) *IntCmd { return &IntCmd{} }

// IncrBy runs INCRBY.
func (c cmdable) IncrBy(ctx context.Context, key string, value int64) *IntCmd { return &IntCmd{} }

// Expire runs EXPIRE.
func (c cmdable) Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}

// Eval runs a Lua script.
func (c cmdable) Eval(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd {
	return &Cmd{}
}

// Pipeliner is a pipeline.
type Pipeliner interface {
	Get(ctx context.Context, key string) *StringCmd
	Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd
	Incr(ctx context.Context, key string) *IntCmd
	Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd
	Exec(ctx context.Context) ([]Cmder, error)
}

// Client is a Redis client.
type Client struct {
	cmdable
}

// NewClient returns a client.
func NewClient(opt *Options) *Client { return &Client{} }

// Tx is a WATCH transaction.
type Tx struct {
	cmdable
}

// TxPipelined runs fn in MULTI/EXEC.
func (c *Tx) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

// Watch runs fn with WATCH on keys.
func (c *Client) Watch(ctx context.Context, fn func(*Tx) error, keys ...string) error { return nil }

// TxPipelined runs fn in MULTI/EXEC.
func (c *Client) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

// TxPipeline returns a MULTI/EXEC pipeline.
func (c *Client) TxPipeline() Pipeliner { return nil }

// Close closes the client.
func (c *Client) Close() error { return nil }
