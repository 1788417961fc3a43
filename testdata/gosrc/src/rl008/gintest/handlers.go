// Package gintest holds handlers whose engine is built only in a test:
// the production engine, and its trusted proxies, live elsewhere.
package gintest

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{})

// Limit keys on c.ClientIP().
func Limit(c *gin.Context) {
	if n, _ := rdb.Incr(c.Request.Context(), "rl:"+c.ClientIP()).Result(); n > 100 {
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}
