// Package rl013 defines an Analyzer that reports rate-limit counters
// whose expiry is set in a separate round trip from their increment, or
// never.
//
// # Analyzer RL013
//
// RL013: rate-limit counter whose expiry is set in a separate round trip,
// or never
//
// Redis (go-redis v6 to v9, redigo): an INCR, INCRBY, HINCRBY, or a SETNX
// without an expiration, of a rate-limit counter whose EXPIRE, PEXPIRE,
// EXPIREAT (or SET with an expiration) on the same key runs in another
// round trip is reported medium: a crash, a timeout or a failed EXPIRE
// between the two leaves a key that never expires, and that client stays
// limited forever. A counter that is given no expiry at all is reported
// low. One unit, and not reported: both commands queued on the same
// pipeline (TxPipeline or Pipeline with Exec, the callback of Pipelined
// or TxPipelined, redigo's Send of both), a Lua script on the key (Eval,
// EvalSha, Script.Run), or SETNX with an expiration, SetArgs with Mode
// "NX" and a TTL, or redigo's SET key 0 EX w NX before the increment.
//
// A counter is a rate-limit counter when its count reaches an allow/deny
// decision: an ordered comparison of the count (for SETNX, its answer in a
// condition or a return, on a key that names a limit) in the function, or
// in the callers it returns the count to. A page-view counter that
// nothing decides on owes no expiry.
//
// Calls are followed through the module's functions by the summary pass:
// an increment in a method of the project's store type (judged at the
// caller with the caller's expiry), an expiry in a helper (a function
// that gives a key parameter a time to live, directly or through another
// helper, a method of an interface implemented in another package). When
// the function that increments returns the count to callers that set the
// expiry, the pair is judged in the caller. Keys are compared as
// expressions in the function that runs both: the same variable, or the
// same text through variables assigned once.
//
// DynamoDB (aws-sdk-go-v2, aws-sdk-go v1): an UpdateItem that increments
// a counter, or a PutItem that writes a counter-named attribute, of a
// window item (its key, or for PutItem one of its attributes, is built
// from time.Now in the function) of a limit (its ConditionExpression
// bounds the count, the function is rate-limit code, or the output
// reaches an ordered comparison) that sets no TTL-like attribute (ttl,
// expires_at, expire_at, expiry, expiration, expires, ttl_epoch) is
// reported low. Items keyed without the time (lifetime caps, semaphores)
// are meant to stay.
package rl013
