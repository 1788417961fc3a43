// Package gin holds RL014 fixtures for gin handlers.
package gin

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func over(c *gin.Context) bool { return c.GetHeader("X-Key") == "" }

func json429(c *gin.Context) {
	if over(c) {
		c.JSON(429, gin.H{"error": "rate limited"}) // want `no Retry-After header.*c.Header\("Retry-After", strconv.Itoa\(seconds\)\)`
	}
}

func abort(c *gin.Context) {
	if over(c) {
		c.AbortWithStatus(http.StatusTooManyRequests) // want `no Retry-After`
		return
	}
	c.Next()
}

func abortJSON(c *gin.Context) {
	if over(c) {
		c.AbortWithStatusJSON(http.StatusTooManyRequests, gin.H{"error": "slow down"}) // want `no Retry-After`
	}
}

func withHeader(c *gin.Context) {
	if over(c) {
		c.Header("Retry-After", "60")
		c.AbortWithStatusJSON(http.StatusTooManyRequests, gin.H{"error": "slow down"})
	}
}

func viaWriter(c *gin.Context) {
	c.Writer.Header().Set("Retry-After", "60")
	c.JSON(http.StatusTooManyRequests, gin.H{})
}

// contextValue is gin's c.Set, which stores a context value, not a
// header.
func contextValue(c *gin.Context) {
	c.Set("Retry-After", "60")
	c.JSON(http.StatusTooManyRequests, gin.H{}) // want `no Retry-After`
}

func other(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{})
}
