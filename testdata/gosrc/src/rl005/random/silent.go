package random

import (
	"context"
	"fmt"
	"math/rand"
	"time"

	"github.com/redis/go-redis/v9"
)

// SummedShards increments a random shard and sums all shards on read.
func SummedShards(ctx context.Context, rdb *redis.Client, client string, limit int64) (bool, error) {
	shard := rand.Intn(8)
	if err := rdb.Incr(ctx, fmt.Sprintf("rl:%s:%d", client, shard)).Err(); err != nil {
		return false, err
	}
	var total int64
	for i := 0; i < 8; i++ {
		n, _ := rdb.Get(ctx, fmt.Sprintf("rl:%s:%d", client, i)).Int64()
		total += n
	}
	return total <= limit, nil
}

// Jitter randomizes only the expiry.
func Jitter(ctx context.Context, rdb *redis.Client, client string, limit int64) (bool, error) {
	key := "rl:" + client
	n, err := rdb.Incr(ctx, key).Result()
	if err != nil {
		return false, err
	}
	rdb.Expire(ctx, key, time.Minute+time.Duration(rand.Intn(1000))*time.Millisecond)
	return n <= limit, nil
}

// WriteOnly spreads writes over shards; the limit is checked elsewhere.
func WriteOnly(ctx context.Context, rdb *redis.Client, client string) error {
	return rdb.Incr(ctx, fmt.Sprintf("rl:%s:%d", client, rand.Intn(8))).Err()
}
