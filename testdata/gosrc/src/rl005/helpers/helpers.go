// Package helpers computes shards in helpers and counts through a store
// method.
package helpers

import (
	"context"
	"fmt"
	"hash/fnv"
	"hash/maphash"

	"github.com/redis/go-redis/v9"
)

var seed = maphash.MakeSeed()

// shardOf hashes with a per-process seed.
func shardOf(k string) uint64 { return maphash.String(seed, k) % 16 }

// stableShard hashes with FNV.
func stableShard(k string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(k))
	return h.Sum64() % 16
}

// Store counts under the key it is given.
type Store struct{ rdb *redis.Client }

// Hit increments key.
func (s *Store) Hit(ctx context.Context, key string) (int64, error) {
	return s.rdb.Incr(ctx, key).Result()
}

func helperShard(ctx context.Context, rdb *redis.Client, client string) error {
	return rdb.Incr(ctx, fmt.Sprintf("rl:%s:%d", client, shardOf(client))).Err() // want `redis key built from a hash/maphash value`
}

func throughStore(ctx context.Context, s *Store, client string) (int64, error) {
	key := fmt.Sprintf("rl:%s:%d", client, shardOf(client))
	return s.Hit(ctx, key) // want `redis key built from a hash/maphash value`
}

func stable(ctx context.Context, s *Store, client string) (int64, error) {
	return s.Hit(ctx, fmt.Sprintf("rl:%s:%d", client, stableShard(client)))
}
