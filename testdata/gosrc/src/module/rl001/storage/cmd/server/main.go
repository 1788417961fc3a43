// Command server wires the Redis store into the limiter.
package main

import (
	"context"

	"github.com/redis/go-redis/v9"

	"module/rl001/storage/limiter"
	"module/rl001/storage/redisstore"
)

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	l := limiter.New(redisstore.New(rdb), 10)
	_, _ = l.Allow(context.Background(), "client")
	_, _ = l.AllowAtomic(context.Background(), "client")
}
