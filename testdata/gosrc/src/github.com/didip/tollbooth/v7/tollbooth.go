// Package tollbooth is a stub of github.com/didip/tollbooth/v7.
package tollbooth

import "net/http"

// Limiter holds the limits.
type Limiter struct{}

// NewLimiter returns a limiter of max requests per second.
func NewLimiter(max float64, options any) *Limiter { return &Limiter{} }

// LimitFuncHandler limits a handler function.
func LimitFuncHandler(lmt *Limiter, next func(http.ResponseWriter, *http.Request)) http.Handler {
	return http.HandlerFunc(next)
}
