// Package redigo holds RL001 fixtures for redigo.
package redigo

import (
	"errors"

	"github.com/gomodule/redigo/redis"
)

const limit = 100

// ErrLimited is the rate-limit error.
var ErrLimited = errors.New("rate limited")

var script = redis.NewScript(1, "return redis.call('INCR', KEYS[1])")

// getThenSet writes back what it read.
func getThenSet(pool *redis.Pool, k string) error {
	conn := pool.Get()
	defer conn.Close()
	n, err := redis.Int(conn.Do("GET", "rl:"+k))
	if err != nil && err != redis.ErrNil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	_, err = conn.Do("SET", "rl:"+k, n+1) // want `Set runs on a decision taken from the GET before it`
	return err
}

// watched reads under WATCH and writes in MULTI/EXEC: fine.
func watched(pool *redis.Pool, k string) error {
	conn := pool.Get()
	defer conn.Close()
	if _, err := conn.Do("WATCH", "rl:"+k); err != nil {
		return err
	}
	n, err := redis.Int(conn.Do("GET", "rl:"+k))
	if err != nil && err != redis.ErrNil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	conn.Send("MULTI")
	conn.Send("SET", "rl:"+k, n+1)
	_, err = conn.Do("EXEC")
	return err
}

// scripted increments in a Lua script: fine.
func scripted(pool *redis.Pool, k string) (int, error) {
	conn := pool.Get()
	defer conn.Close()
	return redis.Int(script.Do(conn, "rl:"+k))
}
