// Package rl005 defines an Analyzer that reports per-process hash seeds
// feeding counter keys, shard numbers and cross-process lock ids.
//
// # Analyzer RL005
//
// RL005: unstable shard hash
//
// hash/maphash seeds are random per process (maphash.MakeSeed, or a
// maphash.Hash whose seed was never set), so every instance of the service
// computes a different hash for the same client. A maphash value
// (maphash.String, maphash.Bytes, maphash.Comparable, Hash.Sum64), also
// after arithmetic (% n), conversions, strconv, fmt.Sprintf or string
// concatenation within the function, that reaches the key argument of a
// counting Redis command, a Key value of a DynamoDB UpdateItem or GetItem,
// or a SQL bind parameter used as a key (a counter key, a shard column,
// pg_advisory_lock($1)) splits the count across processes. The fix is a
// stable digest: hash/fnv, hash/crc32 or crypto/sha256.
//
// Not reported: hash/fnv, hash/crc32, crypto hashes; maphash used only
// in process (a map, a slice of mutexes); values that leave the function
// before reaching a store call.
//
// A random shard (math/rand or math/rand/v2 Intn, IntN, N, ...) in the key
// of a Redis increment whose own result is compared with < <= > >= is
// reported too: the limit check reads one shard, so each shard allows the
// full limit. Not reported when the function reads Redis in a loop, with
// MGet or a script (the shards are summed), when the result is not
// compared, or when the random value only jitters an expiry.
package rl005
