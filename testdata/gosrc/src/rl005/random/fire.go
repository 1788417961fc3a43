package random

import (
	"context"
	"fmt"
	"math/rand"
	randv2 "math/rand/v2"

	"github.com/redis/go-redis/v9"
)

// OneShard increments a random shard and checks that shard alone.
func OneShard(ctx context.Context, rdb *redis.Client, client string, limit int64) (bool, error) {
	shard := rand.Intn(8)
	key := fmt.Sprintf("rl:%s:%d", client, shard)
	n, err := rdb.Incr(ctx, key).Result() // want `counter key holds a random shard`
	if err != nil {
		return false, err
	}
	return n <= limit, nil
}

// OneShardV2 uses math/rand/v2 and compares inline.
func OneShardV2(ctx context.Context, rdb *redis.Client, client string, limit int64) bool {
	key := "rl:" + client + ":" + fmt.Sprint(randv2.IntN(8))
	return rdb.IncrBy(ctx, key, 1).Val() <= limit // want `counter key holds a random shard`
}
