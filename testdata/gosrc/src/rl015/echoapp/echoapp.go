// Package echoapp holds RL015 fixtures for echo: per-route middleware
// after the handler, and a group limited with echo's RateLimiter.
package echoapp

import (
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func handle(c echo.Context) error { return nil }

// New limits the account group and the login, not the signup.
func New() *echo.Echo {
	e := echo.New()
	e.Use(middleware.Logger())
	store := middleware.NewRateLimiterMemoryStore(5)
	e.POST("/login", handle, middleware.RateLimiter(store))
	e.POST("/signup", handle) // want `POST /signup has no rate limit while 3 of the 4 routes of e \(rl015/echoapp.New\)`
	acct := e.Group("/account", middleware.RateLimiter(store))
	acct.POST("/email", handle)
	acct.Add("PUT", "/password", handle)
	return e
}

// LateGroup applies a group's limiter after its first route: the route
// registered before stays unlimited.
func LateGroup() *echo.Echo {
	e := echo.New()
	store := middleware.NewRateLimiterMemoryStore(5)
	g := e.Group("/v2")
	g.POST("/early", handle) // want `POST /v2/early has no rate limit while 2 of the 3 routes of e \(rl015/echoapp.LateGroup\)`
	g.Use(middleware.RateLimiter(store))
	g.POST("/a", handle)
	g.POST("/b", handle)
	return e
}
