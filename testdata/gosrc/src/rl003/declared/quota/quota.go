// Package quota stands for a rate-limit client the analysis cannot see
// into: its functions do nothing rlcheck recognizes by itself. The
// configuration above declares which of them decide a limit.
package quota

import (
	"context"
	"errors"
)

// ErrLimited is returned when the limit is reached.
var ErrLimited = errors.New("quota: limited")

// Gate is a limiter (declared: limiters.go names its Check).
type Gate struct {
	remote func(ctx context.Context, key string) error
}

// Check returns ErrLimited when key is over its limit, or the backend's
// error; nil lets the request through.
func (g *Gate) Check(ctx context.Context, key string) error { return g.remote(ctx, key) }

// Permit reports whether key may proceed (declared: a wrapper with op
// decide).
func Permit(ctx context.Context, key string) (bool, error) { return true, nil }

// Options configures a Gate.
type Options struct{ Addr string }

// NewGate connects a Gate: a constructor of the declared package, no
// decision.
func NewGate(ctx context.Context, o Options) (*Gate, error) { return &Gate{}, nil }
