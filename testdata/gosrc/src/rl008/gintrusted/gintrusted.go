// Package gintrusted sets gin's trusted proxies: c.ClientIP() reads
// X-Forwarded-For only from them.
package gintrusted

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{})

// Setup trusts only the load balancer's network.
func Setup() *gin.Engine {
	r := gin.New()
	if err := r.SetTrustedProxies([]string{"10.0.0.0/8"}); err != nil {
		panic(err)
	}
	r.GET("/", ByClientIP)
	return r
}

// ByClientIP is safe once the proxies are set.
func ByClientIP(c *gin.Context) {
	if n, _ := rdb.Incr(c.Request.Context(), "rl:"+c.ClientIP()).Result(); n > 100 {
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}
