// Package declared holds an RL013 near-miss: a declared increment may set
// its expiry inside the code rlcheck cannot see, so RL013 does not judge
// it (the Python engine reads declarations the same way); a go-redis INCR
// beside it is judged.
package declared

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"rl013/declared/counters"
)

const limit = 100

// Declared counts through the declared client and refreshes the expiry.
func Declared(ctx context.Context, c *counters.Client, rdb *redis.Client, user string) bool {
	n, err := c.Hit(ctx, "rl:"+user)
	rdb.Expire(ctx, "rl:"+user, time.Minute)
	return err == nil && n <= limit
}

// Direct counts with go-redis and sets the expiry in another round trip.
func Direct(ctx context.Context, rdb *redis.Client, user string) bool {
	n, err := rdb.Incr(ctx, "rl:"+user).Result() // want `the expiry of this rate-limit counter is set in a separate round trip from its INCR`
	rdb.Expire(ctx, "rl:"+user, time.Minute)
	return err == nil && n <= limit
}
