// Package rl001 defines an Analyzer that reports a counter read followed by
// a write that depends on it, with nothing that makes the pair atomic.
//
// # Analyzer RL001
//
// RL001: counter read then written without atomicity
//
// Within one function, a read of a counter (DynamoDB GetItem/Query, an SQL
// SELECT scanned into variables, a go-redis GET) followed by a write to the
// same store (and the same table when both are known) that either writes a
// value computed from the read (PutItem, UpdateItem SET n = :v, UPDATE ...
// SET n = $1, upsert DO UPDATE SET n = $2, Redis SET) or runs only when the
// read value passed a limit check or an existence check. The finding sits on
// the write, with the read as related location.
//
// The pair must concern a counter or limit: the SQL text, Redis key or
// DynamoDB table/attributes name one (count, hits, tokens, rate_limits,
// quota, ...), the function is limiter code (its name or receiver says
// limit/allow/throttle/quota/bucket, or it answers 429), or the write runs
// only after a less-than/greater-than check of the read value.
//
// Not reported: a write with a ConditionExpression or Expected (DynamoDB),
// an UPDATE whose WHERE compares the count (WHERE n < $2) or the value read
// (optimistic concurrency); SELECT ... FOR UPDATE; LOCK TABLE, advisory
// locks, SET TRANSACTION ISOLATION LEVEL SERIALIZABLE / REPEATABLE READ,
// sql.TxOptions or pgx.TxOptions with such an isolation level in the same
// function; Redis WATCH, TxPipelined, Lua (Eval/EvalSha/Script.Run), SETNX
// locks or a lock from a non-standard-library package held in the
// function; an atomic write whose returned value decides; an increment
// that comes before the read; an INSERT that only runs when a count read
// before it is zero (an existence check, which a key constraint settles).
package rl001
