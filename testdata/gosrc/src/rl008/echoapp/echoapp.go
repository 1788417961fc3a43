package echoapp

import (
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{})

// New builds the server with echo's defaults: RealIP reads the forwarding
// headers.
func New() *echo.Echo {
	e := echo.New()
	e.GET("/", ByRealIP)
	return e
}

func count(c echo.Context, key string) (int64, error) {
	return rdb.Incr(c.Request().Context(), "rl:"+key).Result()
}

// ByRealIP keys on c.RealIP() with no IP extractor set.
func ByRealIP(c echo.Context) error {
	if n, _ := count(c, c.RealIP()); n > 100 { // want `echo's c.RealIP\(\), which reads X-Forwarded-For and X-Real-IP`
		return echo.ErrTooManyRequests
	}
	return nil
}

// ByForwardedHeader reads X-Forwarded-For through the request.
func ByForwardedHeader(c echo.Context) error {
	ip := c.Request().Header.Get("X-Forwarded-For") // want `the first X-Forwarded-For entry`
	if n, _ := count(c, ip); n > 100 {
		return echo.ErrTooManyRequests
	}
	return nil
}

// ByQuery keys on a query parameter.
func ByQuery(c echo.Context) error {
	if n, _ := count(c, c.QueryParam("app")); n > 100 { // want `the app query parameter, which nothing authenticates`
		return echo.ErrTooManyRequests
	}
	return nil
}

// ByPath keys on a path parameter: silent.
func ByPath(c echo.Context) error {
	if n, _ := count(c, c.Param("id")); n > 100 {
		return echo.ErrTooManyRequests
	}
	return nil
}

// ByVerifiedKey looks the key up first: silent.
func ByVerifiedKey(c echo.Context, keys map[string]bool) error {
	key := c.Request().Header.Get("X-App-Key")
	if !keys[key] {
		return echo.ErrUnauthorized
	}
	if n, _ := count(c, key); n > 100 {
		return echo.ErrTooManyRequests
	}
	return nil
}
