package frameworks

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{})

// GinWindow takes the window from a gin header.
func GinWindow(c *gin.Context) {
	ms, _ := strconv.ParseInt(c.GetHeader("X-Request-Timestamp"), 10, 64) // want `the X-Request-Timestamp header, a time the client chooses`
	key := fmt.Sprintf("rl:%s:%d", c.GetString("user"), time.UnixMilli(ms).Unix()/60)
	if n, _ := rdb.Incr(c.Request.Context(), key).Result(); n > 100 {
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}

// EchoWindow takes the window from an echo query parameter.
func EchoWindow(c echo.Context) error {
	epoch, _ := strconv.ParseInt(c.QueryParam("epoch"), 10, 64) // want `the epoch query parameter, a time the client chooses`
	key := "rl:" + strconv.FormatInt(epoch-epoch%3600, 10)
	if n, _ := rdb.Incr(c.Request().Context(), key).Result(); n > 100 {
		return echo.ErrTooManyRequests
	}
	return nil
}

// GinServerWindow is the fix: the server's clock.
func GinServerWindow(c *gin.Context) {
	key := fmt.Sprintf("rl:%s:%d", c.GetString("user"), time.Now().Unix()/60)
	if n, _ := rdb.Incr(c.Request.Context(), key).Result(); n > 100 {
		c.AbortWithStatus(http.StatusTooManyRequests)
	}
}
