// Package ginapp holds RL015 fixtures for gin: per-route middleware, a
// group's middleware, and a project middleware using x/time/rate.
package ginapp

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// RateLimit refuses requests beyond the shared limiter's rate.
func RateLimit(l *rate.Limiter) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !l.Allow() {
			c.AbortWithStatus(http.StatusForbidden)
			return
		}
		c.Next()
	}
}

// Auth checks the session: no limit.
func Auth() gin.HandlerFunc {
	return func(c *gin.Context) { c.Next() }
}

func handle(c *gin.Context) {}

// Setup limits the auth group and one API route, and forgets another.
func Setup() *gin.Engine {
	lim := rate.NewLimiter(1, 5)
	r := gin.New()
	auth := r.Group("/auth", RateLimit(lim))
	{
		auth.POST("/login", handle)
		auth.POST("/otp", handle)
	}
	api := r.Group("/api")
	api.Use(Auth())
	api.POST("/transfer", RateLimit(lim), handle)
	api.POST("/withdraw", Auth(), handle) // want `POST /api/withdraw has no rate limit while 3 of the 4 routes of r \(rl015/ginapp.Setup\)`
	r.GET("/ping", handle)
	return r
}
