// Package redis is a test stub of github.com/gomodule/redigo/redis.
package redis

import (
	"context"
	"errors"
)

// ErrNil is returned for a nil reply.
var ErrNil = errors.New("redigo: nil returned")

// Conn is a connection to Redis.
type Conn interface {
	Close() error
	Err() error
	Do(commandName string, args ...interface{}) (reply interface{}, err error)
	Send(commandName string, args ...interface{}) error
	Flush() error
	Receive() (reply interface{}, err error)
}

// Pool is a pool of connections.
type Pool struct{}

// Get returns a connection.
func (p *Pool) Get() Conn { return nil }

// Int converts a reply to an int.
func Int(reply interface{}, err error) (int, error) { return 0, err }

// Int64 converts a reply to an int64.
func Int64(reply interface{}, err error) (int64, error) { return 0, err }

// String converts a reply to a string.
func String(reply interface{}, err error) (string, error) { return "", err }

// DoContext runs a command with a context.
func DoContext(c Conn, ctx context.Context, cmd string, args ...interface{}) (interface{}, error) {
	return nil, nil
}

// Script is a Lua script.
type Script struct{}

// NewScript returns a script.
func NewScript(keyCount int, src string) *Script { return &Script{} }

// Do runs the script.
func (s *Script) Do(c Conn, keysAndArgs ...interface{}) (interface{}, error) { return nil, nil }
