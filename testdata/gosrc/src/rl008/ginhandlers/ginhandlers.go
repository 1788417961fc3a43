// Package ginhandlers holds handlers only: the engine, and with it the
// trusted proxies, is set up in another package, so c.ClientIP() is given
// the benefit of the doubt.
package ginhandlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{})

// ByClientIP keys on c.ClientIP().
func ByClientIP(c *gin.Context) {
	if n, _ := rdb.Incr(c.Request.Context(), "rl:"+c.ClientIP()).Result(); n > 100 {
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}

// ByHeader still reports what does not depend on the engine.
func ByHeader(c *gin.Context) {
	if n, _ := rdb.Incr(c.Request.Context(), "rl:"+c.GetHeader("X-Forwarded-For")).Result(); n > 100 { // want `the first X-Forwarded-For entry`
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}
