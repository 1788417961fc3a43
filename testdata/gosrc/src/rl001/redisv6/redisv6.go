// Package redisv6 holds RL001 fixtures for go-redis v6 and v7, whose
// commands take no context.
package redisv6

import (
	"errors"

	redis6 "github.com/go-redis/redis"
	redis7 "github.com/go-redis/redis/v7"
)

const limit = 100

// ErrLimited is the rate-limit error.
var ErrLimited = errors.New("rate limited")

// getThenSet6 writes back what it read.
func getThenSet6(rdb *redis6.Client, k string) error {
	n, err := rdb.Get("rl:" + k).Int64()
	if err != nil && err != redis6.Nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	return rdb.Set("rl:"+k, n+1, 0).Err() // want `Set runs on a decision taken from the GET before it`
}

// getThenIncr7 checks with GET, then increments.
func getThenIncr7(rdb *redis7.Client, k string) error {
	n, err := rdb.Get("rl:" + k).Int64()
	if err != nil && err != redis7.Nil {
		return err
	}
	if n >= limit {
		return ErrLimited
	}
	return rdb.Incr("rl:" + k).Err() // want `Incr runs on a decision taken from the GET before it`
}

// incrFirst7 decides on INCR's reply: fine.
func incrFirst7(rdb *redis7.Client, k string) error {
	n, err := rdb.Incr("rl:" + k).Result()
	if err != nil {
		return err
	}
	if n > limit {
		return ErrLimited
	}
	return nil
}
