// Package rl009 defines an Analyzer that reports limit decisions taken on
// eventually consistent DynamoDB reads.
//
// # Analyzer RL009
//
// RL009: limit decision based on an eventually consistent DynamoDB read
//
// A GetItem or Query (aws-sdk-go-v2 or aws-sdk-go v1, also the WithContext
// forms) without ConsistentRead, whose output (Item, Items, Count, or a
// value computed or unmarshalled from them within the function) is
// compared with <, <=, > or >= against something other than 0, can read a
// stale count: a burst of requests all see "under the limit" and pass.
// The comparison must decide: it is returned, assigned to a variable that
// is returned or tested, or it is the condition of an if or case whose
// branch returns, panics, breaks or answers 429. The read must be in
// limiter code, or visibly concern a counter or a limit (its table,
// expressions or attribute names, a constant attribute looked up in the
// result, or the names in the comparison). The finding
// is medium; the fix is ConsistentRead: aws.Bool(true), or better no read
// at all: a conditional UpdateItem (RL002).
//
// Not reported: ConsistentRead given any value other than nil or a
// constant false (aws.Bool(true), &trueVar, a flag from configuration);
// queries on a secondary index (IndexName set), which cannot be read
// consistently; results that are not compared, or only tested for
// existence (== nil, len(...) > 0) or only clamped for a header; reads
// of other data outside limiter code (a user profile); reads whose result
// only yields a limit (every attribute looked up names one: max_requests,
// rate_limit), since a stale limit admits no burst; inputs built out of
// sight or handed to a helper before the call; and results returned to a
// caller that compares them.
package rl009
