// Command server wires the limiter to Redis.
package main

import (
	"context"

	"github.com/redis/go-redis/v9"

	"module/rl013/iface/limiter"
	"module/rl013/iface/redisstore"
)

func main() {
	l := limiter.New(redisstore.New(redis.NewClient(&redis.Options{Addr: "redis:6379"})), 100)
	_, _ = l.Allow(context.Background(), "client")
	_, _ = l.AllowWindow(context.Background(), "client")
}
