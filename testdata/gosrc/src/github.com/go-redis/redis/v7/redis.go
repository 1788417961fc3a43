// Package redis is a test stub of github.com/go-redis/redis/v7: its
// commands take no context.
package redis

import "time"

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

// Err returns the error.
func (cmd *StatusCmd) Err() error { return cmd.err }

// BoolCmd is a boolean reply.
type BoolCmd struct{ err error }

// Err returns the error.
func (cmd *BoolCmd) Err() error { return cmd.err }

// Client is a Redis client.
type Client struct{}

// NewClient returns a client.
func NewClient(opt *Options) *Client { return &Client{} }

// Get runs GET.
func (c *Client) Get(key string) *StringCmd { return &StringCmd{} }

// Set runs SET.
func (c *Client) Set(key string, value interface{}, expiration time.Duration) *StatusCmd {
	return &StatusCmd{}
}

// Incr runs INCR.
func (c *Client) Incr(key string) *IntCmd { return &IntCmd{} }

// Expire runs EXPIRE.
func (c *Client) Expire(key string, expiration time.Duration) *BoolCmd { return &BoolCmd{} }

// TxPipeline returns a MULTI/EXEC pipeline.
func (c *Client) TxPipeline() Pipeliner { return nil }

// Pipeliner is a pipeline.
type Pipeliner interface {
	Get(key string) *StringCmd
	Incr(key string) *IntCmd
	Expire(key string, expiration time.Duration) *BoolCmd
	Exec() ([]Cmder, error)
}
