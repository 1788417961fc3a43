// Package sub lies below a declared limiter package: its functions are
// limiters too.
package sub

import "context"

// Wait blocks until key may proceed, or returns the backend's error.
func Wait(ctx context.Context, key string) error { return nil }
