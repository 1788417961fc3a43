// Package retry is a stub of github.com/avast/retry-go/v4 for analyzer
// tests: the exported API with the library's signatures, no behaviour.
package retry

import (
	"context"
	"time"
)

// RetryableFunc is the function Do retries.
type RetryableFunc func() error

// RetryableFuncWithData is the function DoWithData retries.
type RetryableFuncWithData[T any] func() (T, error)

// RetryIfFunc decides whether an error is retried.
type RetryIfFunc func(error) bool

// OnRetryFunc is called after each failed attempt.
type OnRetryFunc func(n uint, err error)

// DelayTypeFunc returns the wait after attempt n failed with err.
type DelayTypeFunc func(n uint, err error, config *Config) time.Duration

// Timer waits between attempts.
type Timer interface {
	After(time.Duration) <-chan time.Time
}

// Config is the retry configuration the options change.
type Config struct {
	attempts  uint
	delay     time.Duration
	maxJitter time.Duration
	delayType DelayTypeFunc
	context   context.Context
}

// Option changes the configuration.
type Option func(*Config)

// Do retries retryableFunc: 10 attempts by default, waiting BackOffDelay
// combined with RandomDelay.
func Do(retryableFunc RetryableFunc, opts ...Option) error { return nil }

// DoWithData is Do for a function that returns a value.
func DoWithData[T any](retryableFunc RetryableFuncWithData[T], opts ...Option) (T, error) {
	var zero T
	return zero, nil
}

// Attempts sets the number of attempts; 0 retries until it succeeds.
func Attempts(attempts uint) Option { return func(c *Config) { c.attempts = attempts } }

// UntilSucceeded retries until the function succeeds: Attempts(0).
func UntilSucceeded() Option { return func(c *Config) { c.attempts = 0 } }

// AttemptsForError limits the attempts for one error.
func AttemptsForError(attempts uint, err error) Option { return func(c *Config) {} }

// Delay sets the base delay (100ms by default).
func Delay(delay time.Duration) Option { return func(c *Config) { c.delay = delay } }

// MaxDelay caps each delay.
func MaxDelay(maxDelay time.Duration) Option { return func(c *Config) {} }

// MaxJitter sets the maximum random jitter of RandomDelay.
func MaxJitter(maxJitter time.Duration) Option { return func(c *Config) { c.maxJitter = maxJitter } }

// DelayType sets how the delay is computed.
func DelayType(delayType DelayTypeFunc) Option { return func(c *Config) { c.delayType = delayType } }

// BackOffDelay doubles the delay after each attempt.
func BackOffDelay(n uint, _ error, config *Config) time.Duration { return config.delay << n }

// FixedDelay keeps the delay the same through all attempts.
func FixedDelay(_ uint, _ error, config *Config) time.Duration { return config.delay }

// RandomDelay picks a random delay up to MaxJitter.
func RandomDelay(_ uint, _ error, config *Config) time.Duration { return config.maxJitter }

// CombineDelay adds up the delays of several delay types.
func CombineDelay(delays ...DelayTypeFunc) DelayTypeFunc {
	return func(n uint, err error, config *Config) time.Duration { return 0 }
}

// OnRetry sets the function called after each failed attempt.
func OnRetry(onRetry OnRetryFunc) Option { return func(c *Config) {} }

// RetryIf sets which errors are retried.
func RetryIf(retryIf RetryIfFunc) Option { return func(c *Config) {} }

// Context sets the context whose end stops the retries.
func Context(ctx context.Context) Option { return func(c *Config) { c.context = ctx } }

// LastErrorOnly returns only the last error instead of all of them.
func LastErrorOnly(lastErrorOnly bool) Option { return func(c *Config) {} }

// WithTimer replaces the timer.
func WithTimer(t Timer) Option { return func(c *Config) {} }

// WrapContextErrorWithLastError adds the last error to a context error.
func WrapContextErrorWithLastError(wrapContextErrorWithLastError bool) Option {
	return func(c *Config) {}
}

// Unrecoverable marks an error as not to be retried.
func Unrecoverable(err error) error { return err }

// IsRecoverable reports whether err may be retried.
func IsRecoverable(err error) bool { return true }

// Error is the list of the errors of all attempts.
type Error []error

func (e Error) Error() string { return "All attempts fail" }
