// Command server wires the Redis limiter into the middleware.
package main

import (
	"net/http"

	"github.com/redis/go-redis/v9"

	"module/rl003/checker/limiter"
	"module/rl003/checker/middleware"
)

func main() {
	l := &limiter.Redis{Client: redis.NewClient(&redis.Options{}), Max: 10}
	h := http.NotFoundHandler()
	_ = http.ListenAndServe(":8080", middleware.Limit(l, middleware.Strict(l, h)))
}
