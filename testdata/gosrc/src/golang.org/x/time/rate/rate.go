// Package rate is a stub of golang.org/x/time/rate.
package rate

import "context"

// Limit is events per second.
type Limit float64

// Limiter is a token bucket.
type Limiter struct{}

func NewLimiter(r Limit, b int) *Limiter            { return &Limiter{} }
func (lim *Limiter) Allow() bool                    { return true }
func (lim *Limiter) Wait(ctx context.Context) error { return nil }
