// Package backoff is a stub of github.com/cenkalti/backoff/v4 for analyzer
// tests: the exported API with the library's signatures, no behaviour.
package backoff

import (
	"context"
	"time"
)

// BackOff is a back-off policy.
type BackOff interface {
	NextBackOff() time.Duration
	Reset()
}

// Stop tells that no more retries should be made.
const Stop time.Duration = -1

// ZeroBackOff retries immediately, forever.
type ZeroBackOff struct{}

func (b *ZeroBackOff) Reset()                     {}
func (b *ZeroBackOff) NextBackOff() time.Duration { return 0 }

// StopBackOff never retries.
type StopBackOff struct{}

func (b *StopBackOff) Reset()                     {}
func (b *StopBackOff) NextBackOff() time.Duration { return Stop }

// ConstantBackOff waits the same interval, forever.
type ConstantBackOff struct {
	Interval time.Duration
}

func (b *ConstantBackOff) Reset()                     {}
func (b *ConstantBackOff) NextBackOff() time.Duration { return b.Interval }

// NewConstantBackOff returns a ConstantBackOff of d.
func NewConstantBackOff(d time.Duration) *ConstantBackOff { return &ConstantBackOff{Interval: d} }

// Clock tells the time.
type Clock interface {
	Now() time.Time
}

// ExponentialBackOff grows its interval by Multiplier, randomized by
// RandomizationFactor; it stops after MaxElapsedTime, never when that is 0.
type ExponentialBackOff struct {
	InitialInterval     time.Duration
	RandomizationFactor float64
	Multiplier          float64
	MaxInterval         time.Duration
	MaxElapsedTime      time.Duration
	Stop                time.Duration
	Clock               Clock
}

// Default values for ExponentialBackOff.
const (
	DefaultInitialInterval     = 500 * time.Millisecond
	DefaultRandomizationFactor = 0.5
	DefaultMultiplier          = 1.5
	DefaultMaxInterval         = 60 * time.Second
	DefaultMaxElapsedTime      = 15 * time.Minute
)

// ExponentialBackOffOpts configures NewExponentialBackOff.
type ExponentialBackOffOpts func(*ExponentialBackOff)

// NewExponentialBackOff returns an ExponentialBackOff with the defaults.
func NewExponentialBackOff(opts ...ExponentialBackOffOpts) *ExponentialBackOff {
	return &ExponentialBackOff{MaxElapsedTime: DefaultMaxElapsedTime}
}

func (b *ExponentialBackOff) Reset()                        {}
func (b *ExponentialBackOff) NextBackOff() time.Duration    { return 0 }
func (b *ExponentialBackOff) GetElapsedTime() time.Duration { return 0 }

func WithInitialInterval(duration time.Duration) ExponentialBackOffOpts {
	return func(b *ExponentialBackOff) { b.InitialInterval = duration }
}
func WithRandomizationFactor(randomizationFactor float64) ExponentialBackOffOpts {
	return func(b *ExponentialBackOff) { b.RandomizationFactor = randomizationFactor }
}
func WithMultiplier(multiplier float64) ExponentialBackOffOpts {
	return func(b *ExponentialBackOff) { b.Multiplier = multiplier }
}
func WithMaxInterval(duration time.Duration) ExponentialBackOffOpts {
	return func(b *ExponentialBackOff) { b.MaxInterval = duration }
}
func WithMaxElapsedTime(duration time.Duration) ExponentialBackOffOpts {
	return func(b *ExponentialBackOff) { b.MaxElapsedTime = duration }
}
func WithRetryStopDuration(duration time.Duration) ExponentialBackOffOpts {
	return func(b *ExponentialBackOff) { b.Stop = duration }
}
func WithClockProvider(clock Clock) ExponentialBackOffOpts {
	return func(b *ExponentialBackOff) { b.Clock = clock }
}

// WithMaxRetries stops b after max retries.
func WithMaxRetries(b BackOff, max uint64) BackOff { return b }

// BackOffContext is a BackOff that stops when its context ends.
type BackOffContext interface {
	BackOff
	Context() context.Context
}

type backOffContext struct {
	BackOff
	ctx context.Context
}

func (b *backOffContext) Context() context.Context { return b.ctx }

// WithContext stops b when ctx ends.
func WithContext(b BackOff, ctx context.Context) BackOffContext {
	return &backOffContext{BackOff: b, ctx: ctx}
}

// Operation is the function Retry retries.
type Operation func() error

// OperationWithData is the function RetryWithData retries.
type OperationWithData[T any] func() (T, error)

// Notify is called with the error and the wait after each failed attempt.
type Notify func(error, time.Duration)

// Timer waits between attempts.
type Timer interface {
	Start(duration time.Duration)
	Stop()
	C() <-chan time.Time
}

// Retry runs o until it succeeds or b stops.
func Retry(o Operation, b BackOff) error { return nil }

// RetryWithData is Retry for an operation that returns a value.
func RetryWithData[T any](o OperationWithData[T], b BackOff) (T, error) {
	var zero T
	return zero, nil
}

// RetryNotify is Retry calling notify after each failed attempt.
func RetryNotify(operation Operation, b BackOff, notify Notify) error { return nil }

// RetryNotifyWithData is RetryNotify for an operation that returns a value.
func RetryNotifyWithData[T any](operation OperationWithData[T], b BackOff, notify Notify) (T, error) {
	var zero T
	return zero, nil
}

// RetryNotifyWithTimer is RetryNotify with a timer of its own.
func RetryNotifyWithTimer(operation Operation, b BackOff, notify Notify, t Timer) error { return nil }

// RetryNotifyWithTimerAndData is RetryNotifyWithTimer for an operation
// that returns a value.
func RetryNotifyWithTimerAndData[T any](operation OperationWithData[T], b BackOff, notify Notify, t Timer) (T, error) {
	var zero T
	return zero, nil
}

// PermanentError stops the retries.
type PermanentError struct {
	Err error
}

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent wraps err so that it is not retried.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &PermanentError{Err: err}
}
