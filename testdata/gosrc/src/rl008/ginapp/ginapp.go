package ginapp

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{})

func allow(c *gin.Context, key string) bool {
	n, err := rdb.Incr(c.Request.Context(), "rl:"+key).Result()
	return err == nil && n <= 100
}

// proxyConfig is the service's own config type: its SetTrustedProxies is
// not gin's.
type proxyConfig struct{}

func (proxyConfig) SetTrustedProxies([]string) error { return nil }

// Setup builds the router with gin's defaults: every proxy is trusted.
func Setup() *gin.Engine {
	_ = proxyConfig{}.SetTrustedProxies(nil)
	r := gin.Default()
	r.GET("/ip", ByClientIP)
	return r
}

// ByClientIP keys on c.ClientIP() while every proxy is trusted.
func ByClientIP(c *gin.Context) {
	if !allow(c, c.ClientIP()) { // want `gin's c.ClientIP\(\), which trusts X-Forwarded-For from any proxy`
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}

// ByHeader keys on an unverified header.
func ByHeader(c *gin.Context) {
	if !allow(c, c.GetHeader("X-Device-ID")) { // want `the X-Device-ID header, which nothing authenticates`
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}

// ByQuery keys on a query parameter.
func ByQuery(c *gin.Context) {
	user := c.DefaultQuery("user", "anonymous") // want `the user query parameter, which nothing authenticates`
	if !allow(c, user) {
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}

type signup struct {
	Team string `json:"team"`
}

// ByBody keys on a bound JSON field.
func ByBody(c *gin.Context) {
	var req signup
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	if !allow(c, req.Team) { // want `the Team field of the request body, which nothing authenticates`
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}

// ByPeer keys on the socket peer: silent.
func ByPeer(c *gin.Context) {
	if !allow(c, c.RemoteIP()) {
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}

// ByPath keys on a path parameter: silent.
func ByPath(c *gin.Context) {
	if !allow(c, c.Param("org")) {
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}

// ByUser keys on the user an authentication middleware set: silent.
func ByUser(c *gin.Context) {
	if !allow(c, c.GetString("user_id")) {
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}

// AuthMiddleware rejects unknown tokens: the header it checks is
// verified in every handler of the package.
func AuthMiddleware(tokens map[string]string) gin.HandlerFunc {
	return func(c *gin.Context) {
		user, ok := tokens[c.GetHeader("Authorization")]
		if !ok {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "unauthorized"})
			return
		}
		c.Set("user_id", user)
		c.Next()
	}
}

// ByToken keys on the token AuthMiddleware verified: silent.
func ByToken(c *gin.Context) {
	if !allow(c, c.GetHeader("Authorization")) {
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}
