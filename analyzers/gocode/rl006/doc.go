// Package rl006 defines an Analyzer that reports counter keys whose window
// part is the raw current time instead of the time floored to the window.
//
// # Analyzer RL006
//
// RL006: unaligned window key
//
// A key of a counter increment (Redis Incr, IncrBy, IncrByFloat, HIncrBy,
// a key of a constant Lua script run with Eval that calls INCR;
// a bind parameter of a SQL increment's key predicates or upserted key; a
// Key value of a DynamoDB UpdateItem that adds)
// built from time.Now().Unix(), UnixMilli(), UnixMicro() or UnixNano(),
// from now - window, or from time.Now().Format with a layout that has
// seconds, with no floor to the window, changes every second
// (or faster): no key ever reaches the limit. The value is followed
// within the function through assignments, arithmetic, conversions,
// strconv, fmt.Sprintf and string concatenation.
//
// Aligned, not reported: integer division by the window (t.Unix() / w,
// t.Unix() / w * w), now - now % w, t.Truncate(d).Unix(); sliding logs
// that store raw timestamps as members or scores (ZAdd) and count a range.
// A Format layout without seconds counts as aligned.
package rl006
