// Package helpers holds RL010 fixtures for retry helpers: avast/retry-go,
// cenkalti/backoff and sethvargo/go-retry around counter and limiter calls.
package helpers

import "errors"

// errLimited denies the request.
var errLimited = errors.New("rate limited")

// Limiter is a shared-store limiter.
type Limiter struct{}

// Take counts one request for key.
func (l *Limiter) Take(key string) (bool, error) { return true, nil }
