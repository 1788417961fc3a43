// Package retry is a stub of github.com/sethvargo/go-retry for analyzer
// tests: the exported API with the library's signatures, no behaviour.
package retry

import (
	"context"
	"time"
)

// Backoff returns the wait before the next attempt, or stop.
type Backoff interface {
	Next() (next time.Duration, stop bool)
}

// BackoffFunc is a Backoff written as a function.
type BackoffFunc func() (time.Duration, bool)

// Next implements Backoff.
func (b BackoffFunc) Next() (time.Duration, bool) { return b() }

// NewConstant waits t before every attempt, forever.
func NewConstant(t time.Duration) Backoff {
	return BackoffFunc(func() (time.Duration, bool) { return t, false })
}

// NewExponential doubles its wait from base, forever.
func NewExponential(base time.Duration) Backoff {
	return BackoffFunc(func() (time.Duration, bool) { return base, false })
}

// NewFibonacci grows its wait along the Fibonacci sequence, forever.
func NewFibonacci(base time.Duration) Backoff {
	return BackoffFunc(func() (time.Duration, bool) { return base, false })
}

// WithJitter adds a random ±j to each wait.
func WithJitter(j time.Duration, next Backoff) Backoff { return next }

// WithJitterPercent adds a random ±j% to each wait.
func WithJitterPercent(j uint64, next Backoff) Backoff { return next }

// WithMaxRetries stops after max retries.
func WithMaxRetries(max uint64, next Backoff) Backoff { return next }

// WithCappedDuration caps each wait.
func WithCappedDuration(cap time.Duration, next Backoff) Backoff { return next }

// WithMaxDuration stops once timeout has passed.
func WithMaxDuration(timeout time.Duration, next Backoff) Backoff { return next }

// RetryFunc is the function Do retries.
type RetryFunc func(ctx context.Context) error

// RetryFuncValue is the function DoValue retries.
type RetryFuncValue[T any] func(ctx context.Context) (T, error)

// RetryableError marks err as retryable; Do returns other errors at once.
func RetryableError(err error) error { return err }

// Do retries f with b until it succeeds, returns an error not marked
// retryable, b stops, or ctx ends.
func Do(ctx context.Context, b Backoff, f RetryFunc) error { return nil }

// DoValue is Do for a function that returns a value.
func DoValue[T any](ctx context.Context, b Backoff, f RetryFuncValue[T]) (T, error) {
	var zero T
	return zero, nil
}

// Constant is Do with NewConstant(t).
func Constant(ctx context.Context, t time.Duration, f RetryFunc) error { return nil }

// Exponential is Do with NewExponential(base).
func Exponential(ctx context.Context, base time.Duration, f RetryFunc) error { return nil }

// Fibonacci is Do with NewFibonacci(base).
func Fibonacci(ctx context.Context, base time.Duration, f RetryFunc) error { return nil }
