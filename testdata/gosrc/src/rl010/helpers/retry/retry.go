// Package retry is a project's own retry helper that shares its names with
// avast/retry-go; RL010 does not read it.
package retry

// Option configures Do.
type Option func(*int)

// Attempts sets the number of attempts.
func Attempts(n uint) Option { return func(*int) {} }

// Do runs fn.
func Do(fn func() error, opts ...Option) error { return fn() }
