// Package rl003 defines an Analyzer that reports swallowed errors of the
// call that makes a rate-limit decision.
//
// # Analyzer RL003
//
// RL003: rate-limit decision error swallowed or not narrowed
//
// The deciding call is a counter read or increment in a recognised
// datastore (DynamoDB GetItem/Query/UpdateItem, a go-redis counter command's
// Result/Int/Val, a database/sql or pgx QueryRow(...).Scan) or a limiter
// method named like Allow/Take/Wait/Acquire returning (bool or a result,
// error), whose value then flows into a condition, comparison or return.
// A datastore read counts only when it concerns a counter or limit (the
// SQL text, Redis key or DynamoDB table/expressions name one) or sits in
// limiter code (the function or receiver name says limit, allow,
// throttle, quota or bucket, or the function answers 429).
//
// Reported: the error is discarded (assigned to _, never read, Redis Val(),
// a Scan used as a statement) (high); an err != nil branch that lets the
// request through (next.ServeHTTP, c.Next(), returns true, returns a nil
// error from an error-only decision function, or falls through) (high),
// also after narrowing one expected error with errors.As/errors.Is or
// awserr Code(); an err != nil branch that answers 429 or returns false
// without narrowing (medium); a deferred recover() in limiter code that
// swallows the panic (medium; high when it sets a result to true or serves
// the request).
//
// Not reported: errors of calls that do not decide (Rollback, Close,
// Expire, header reads); branches that return or wrap the error, answer
// 5xx or panic.
package rl003
