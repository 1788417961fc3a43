// Package rate is a test stub of golang.org/x/time/rate.
package rate

import (
	"context"
	"time"
)

// Limit is events per second.
type Limit float64

// Every converts an interval to a Limit.
func Every(interval time.Duration) Limit { return 0 }

// Limiter is a token bucket.
type Limiter struct{}

// NewLimiter returns a limiter of r events per second and bursts of b.
func NewLimiter(r Limit, b int) *Limiter { return &Limiter{} }

// Allow reports whether an event may happen now.
func (lim *Limiter) Allow() bool { return true }

// AllowN reports whether n events may happen at time t.
func (lim *Limiter) AllowN(t time.Time, n int) bool { return true }

// Wait blocks until an event may happen.
func (lim *Limiter) Wait(ctx context.Context) error { return nil }
