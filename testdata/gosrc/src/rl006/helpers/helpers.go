// Package helpers builds counter keys in helpers and counts through a
// store method.
package helpers

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// windowKey formats the raw current time into the key.
func windowKey(ip string) string { return fmt.Sprintf("rl:%s:%d", ip, time.Now().Unix()) }

// alignedKey floors the time to the minute.
func alignedKey(ip string) string { return fmt.Sprintf("rl:%s:%d", ip, time.Now().Unix()/60) }

// Store counts under the key it is given.
type Store struct{ rdb *redis.Client }

// Hit increments key.
func (s *Store) Hit(ctx context.Context, key string) (int64, error) {
	return s.rdb.Incr(ctx, key).Result()
}

func helperKey(ctx context.Context, rdb *redis.Client, ip string) error {
	return rdb.Incr(ctx, windowKey(ip)).Err() // want `counter key built from the raw current time`
}

func throughStore(ctx context.Context, s *Store, ip string) (int64, error) {
	return s.Hit(ctx, fmt.Sprintf("rl:%s:%d", ip, time.Now().Unix())) // want `counter key built from the raw current time`
}

func aligned(ctx context.Context, s *Store, ip string) (int64, error) {
	return s.Hit(ctx, alignedKey(ip))
}
