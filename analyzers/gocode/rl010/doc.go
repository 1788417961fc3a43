// Package rl010 defines an Analyzer that reports unsafe retry loops around
// counter transactions and limiter calls.
//
// # Analyzer RL010
//
// RL010: retry loop around a counter transaction that falls through to
// allow, or retries without backoff
//
// A retry loop is a for loop (for {}, a three-clause loop whose condition
// compares the counter, or a range over an integer) whose body calls a
// counter store (DynamoDB, SQL through database/sql, pgx, sqlx or gorm,
// go-redis, also BeginTx) or a limiter, and whose error branch goes round
// again (continue, or an if on an error that is the body's last
// statement). Ranges over slices, maps and channels iterate over data and
// are never retry loops.
//
// High: a bounded loop whose exhaustion falls through to statements that
// allow the request (return true, a nil error, next.ServeHTTP, c.Next())
// with no denial on the way; or a for {} with no attempt bound and no
// context check (ctx.Err(), ctx.Done()) that retries an error.
//
// Medium: a bounded loop that retries with no sleep or with a constant
// sleep; a SQL loop that retries only on context.DeadlineExceeded or
// timeouts and never looks at SQLSTATE 40001.
//
// Everything is resolved through types.Info: the sleep is time.Sleep,
// time.After, time.NewTimer or a timer's Reset; a duration that calls
// math/rand, a backoff package, or uses a variable that changes in the
// loop (the attempt counter) is backoff or jitter. The analysis of a loop
// stays within one function (a function literal is one of its own).
// Retries of other data (a SQL text, Redis key or function name that does
// not speak of a counter or a limit) are not reported.
//
// Retry helpers of three libraries, known by import path, are read too:
// avast/retry-go v4 (retry.Do, retry.DoWithData and their options),
// cenkalti/backoff v4 (backoff.Retry, RetryNotify and the *Data variants,
// the BackOff followed through local variables, WithMaxRetries and
// WithContext), and sethvargo/go-retry (retry.Do, DoValue, Constant,
// Exponential, Fibonacci, the Backoff followed through its middleware).
// The retried function (a function literal, a local variable holding one,
// or a function or method of the package) must call a counter store or a
// limiter. High: Attempts(0) or UntilSucceeded() without retry.Context; a
// ConstantBackOff, ZeroBackOff, or ExponentialBackOff with MaxElapsedTime
// 0, not wrapped in WithMaxRetries or WithContext; or, when the retried
// call decides a limit, the helper's error is discarded or its err != nil
// branch does not deny, and what follows allows the request (read as
// after a loop). Medium: retry.FixedDelay (MaxJitter only feeds
// RandomDelay), a ConstantBackOff or ZeroBackOff, go-retry's NewConstant
// or Constant without WithJitter. go-retry's Do stops with its context and
// retries only errors marked RetryableError: without one it never retries.
package rl010
