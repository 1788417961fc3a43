// Package echotrusted sets Echo.IPExtractor: c.RealIP() is the peer.
package echotrusted

import (
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{})

// New uses the socket peer as the client address.
func New() *echo.Echo {
	e := echo.New()
	e.IPExtractor = echo.ExtractIPDirect()
	e.GET("/", ByRealIP)
	return e
}

// ByRealIP is safe with the extractor set.
func ByRealIP(c echo.Context) error {
	if n, _ := rdb.Incr(c.Request().Context(), "rl:"+c.RealIP()).Result(); n > 100 {
		return echo.ErrTooManyRequests
	}
	return nil
}
