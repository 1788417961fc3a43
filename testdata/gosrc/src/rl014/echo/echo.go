// Package echo holds RL014 fixtures for echo handlers.
package echo

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func over(c echo.Context) bool { return c.RealIP() == "" }

func json429(c echo.Context) error {
	if over(c) {
		return c.JSON(http.StatusTooManyRequests, map[string]string{"error": "slow down"}) // want `no Retry-After header.*c.Response\(\).Header\(\).Set\("Retry-After"`
	}
	return c.NoContent(http.StatusOK)
}

func httpError(c echo.Context) error {
	if over(c) {
		return echo.NewHTTPError(http.StatusTooManyRequests, "slow down") // want `this 429 error carries no Retry-After header.*before returning it, or in the error handler`
	}
	return nil
}

func errValue(c echo.Context) error {
	if over(c) {
		return echo.ErrTooManyRequests // want `this 429 error carries no Retry-After`
	}
	return nil
}

func withHeader(c echo.Context) error {
	if over(c) {
		c.Response().Header().Set("Retry-After", "60")
		return echo.ErrTooManyRequests
	}
	return nil
}

func withHeaderJSON(c echo.Context) error {
	c.Response().Header().Set("Retry-After", "60")
	return c.JSON(http.StatusTooManyRequests, nil)
}
