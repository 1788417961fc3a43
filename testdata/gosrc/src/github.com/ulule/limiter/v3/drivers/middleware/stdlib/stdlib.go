// Package stdlib is a stub of ulule/limiter's net/http middleware.
package stdlib

import (
	"net/http"

	"github.com/ulule/limiter/v3"
)

// Middleware is the net/http middleware.
type Middleware struct{}

// NewMiddleware returns the middleware of a limiter.
func NewMiddleware(l *limiter.Limiter) *Middleware { return &Middleware{} }

// Handler wraps h in the limit.
func (m *Middleware) Handler(h http.Handler) http.Handler { return h }
