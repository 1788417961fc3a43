// Package echohandled installs an error handler that sets Retry-After:
// the 429 errors the handlers return get it there.
package echohandled

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func setup() *echo.Echo {
	e := echo.New()
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		if he, ok := err.(*echo.HTTPError); ok && he.Code == http.StatusTooManyRequests {
			c.Response().Header().Set("Retry-After", "60")
		}
		_ = c.JSON(http.StatusInternalServerError, nil)
	}
	e.GET("/", handler)
	return e
}

func handler(c echo.Context) error {
	if c.RealIP() == "" {
		return echo.ErrTooManyRequests
	}
	return nil
}
