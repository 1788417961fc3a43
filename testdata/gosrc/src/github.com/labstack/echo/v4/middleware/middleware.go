// Package middleware is a stub of github.com/labstack/echo/v4/middleware.
package middleware

import "github.com/labstack/echo/v4"

// RateLimiterStore decides whether an identifier may proceed.
type RateLimiterStore interface {
	Allow(identifier string) (bool, error)
}

// RateLimiter limits requests with a store.
func RateLimiter(store RateLimiterStore) echo.MiddlewareFunc { return nil }

// NewRateLimiterMemoryStore returns an in-memory store.
func NewRateLimiterMemoryStore(rate float64) RateLimiterStore { return nil }

// Logger logs requests.
func Logger() echo.MiddlewareFunc { return nil }
