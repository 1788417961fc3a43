// Package redis is a test stub of github.com/redis/go-redis/v9.
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

// MapStringStringCmd is a hash reply.
type MapStringStringCmd struct{ err error }

// Scan scans the hash into a struct.
func (cmd *MapStringStringCmd) Scan(dst interface{}) error { return cmd.err }

// HGetAll runs HGETALL.
func (c cmdable) HGetAll(ctx context.Context, key string) *MapStringStringCmd {
	return &MapStringStringCmd{}
}

// HSet runs HSET.
func (c cmdable) HSet(ctx context.Context, key string, values ...interface{}) *IntCmd {
	return &IntCmd{}
}

// Z is a sorted-set member with its score.
type Z struct {
	Score  float64
	Member interface{}
}

// ZAdd runs ZADD.
func (c cmdable) ZAdd(ctx context.Context, key string, members ...Z) *IntCmd { return &IntCmd{} }

// ZCard runs ZCARD.
func (c cmdable) ZCard(ctx context.Context, key string) *IntCmd { return &IntCmd{} }

// ZCount runs ZCOUNT.
func (c cmdable) ZCount(ctx context.Context, key, min, max string) *IntCmd { return &IntCmd{} }

// ZRemRangeByScore runs ZREMRANGEBYSCORE.
func (c cmdable) ZRemRangeByScore(ctx context.Context, key, min, max string) *IntCmd {
	return &IntCmd{}
}

// Pipeliner is a pipeline.
type Pipeliner interface {
	Get(ctx context.Context, key string) *StringCmd
	Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd
	SetNX(ctx context.Context, key string, value interface{}, expiration time.Duration) *BoolCmd
	Incr(ctx context.Context, key string) *IntCmd
	IncrBy(ctx context.Context, key string, value int64) *IntCmd
	HIncrBy(ctx context.Context, key, field string, incr int64) *IntCmd
	Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd
	ExpireNX(ctx context.Context, key string, expiration time.Duration) *BoolCmd
	Exec(ctx context.Context) ([]Cmder, error)
}

// HIncrBy runs HINCRBY.
func (c cmdable) HIncrBy(ctx context.Context, key, field string, incr int64) *IntCmd {
	return &IntCmd{}
}

// PExpire runs PEXPIRE.
func (c cmdable) PExpire(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}

// ExpireNX runs EXPIRE NX.
func (c cmdable) ExpireNX(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}

// ExpireAt runs EXPIREAT.
func (c cmdable) ExpireAt(ctx context.Context, key string, tm time.Time) *BoolCmd {
	return &BoolCmd{}
}

// SetArgs are the options of SET.
type SetArgs struct {
	Mode     string
	TTL      time.Duration
	ExpireAt time.Time
	Get      bool
	KeepTTL  bool
}

// SetArgs runs SET with options.
func (c cmdable) SetArgs(ctx context.Context, key string, value interface{}, a SetArgs) *StatusCmd {
	return &StatusCmd{}
}

// Scripter runs scripts.
type Scripter interface {
	Eval(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd
}

// Script is a Lua script.
type Script struct{ src string }

// NewScript returns a script.
func NewScript(src string) *Script { return &Script{src: src} }

// Run runs the script with EVALSHA, falling back to EVAL.
func (s *Script) Run(ctx context.Context, c Scripter, keys []string, args ...interface{}) *Cmd {
	return &Cmd{}
}

// Pipelined runs fn in a pipeline.
func (c *Client) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

// Pipeline returns a pipeline.
func (c *Client) Pipeline() Pipeliner { return nil }

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

// TxFailedErr is the error of a transaction whose watched keys changed.
const TxFailedErr = RedisError("redis: transaction failed")
