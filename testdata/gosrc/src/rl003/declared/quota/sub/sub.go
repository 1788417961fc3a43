// Package sub lies below a declared limiter package: its functions that
// return a verdict and an error are limiters too.
package sub

import "context"

// Admit reports whether key may proceed, or returns the backend's error.
func Admit(ctx context.Context, key string) (bool, error) { return true, nil }

// Flush drops the local cache: it returns only an error, and decides
// nothing.
func Flush(ctx context.Context) error { return nil }
