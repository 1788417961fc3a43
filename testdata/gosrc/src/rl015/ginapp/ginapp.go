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

// Late applies the limiter after the first route: gin's Use covers the
// routes registered after it, and a group takes the middleware its
// parent had when it was made.
func Late() *gin.Engine {
	lim := rate.NewLimiter(1, 5)
	r := gin.New()
	early := r.Group("/early")
	r.POST("/signin", handle) // want `POST /signin has no rate limit while 2 of the 4 routes of r \(rl015/ginapp.Late\)`
	r.Use(RateLimit(lim))
	r.POST("/signup", handle)
	r.POST("/recover", handle)
	early.POST("/otp", handle) // want `POST /early/otp has no rate limit while 2 of the 4 routes of r \(rl015/ginapp.Late\)`
	return r
}

type server struct{ engine *gin.Engine }

func (s *server) routes() {
	s.engine.POST("/orders", handle)
	s.engine.POST("/refunds", handle)
}

// newServer applies the limiter in another function than the one that
// registers the routes, declared after it: it covers them all.
func newServer(lim *rate.Limiter) *server {
	s := &server{engine: gin.New()}
	s.engine.Use(RateLimit(lim))
	s.routes()
	return s
}
