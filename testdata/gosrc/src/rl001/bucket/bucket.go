// Package bucket keeps a token bucket in a Redis hash, read and written
// back under a process-local mutex.
package bucket

import (
	"context"
	"sync"

	"github.com/redis/go-redis/v9"
)

type record struct {
	Tokens float64 `redis:"tokens"`
}

// TokenBucket takes tokens per key.
type TokenBucket struct {
	sync.Mutex
	rdb *redis.Client
}

// Take reads the bucket and writes back what is left.
func (b *TokenBucket) Take(ctx context.Context, key string) bool {
	b.Lock()
	defer b.Unlock()
	var rec record
	if err := b.rdb.HGetAll(ctx, key).Scan(&rec); err != nil || rec.Tokens < 1 {
		return false
	}
	rec.Tokens--
	b.rdb.HSet(ctx, key, "tokens", rec.Tokens) // want `HSet runs on a decision taken from the HGETALL before it`
	return true
}
