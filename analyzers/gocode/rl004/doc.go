// Package rl004 defines an Analyzer that reports rate-limit counters that
// every client increments on one row or item.
//
// # Analyzer RL004
//
// RL004: counter row shared by all clients
//
// Reported: SQL UPDATE ... SET c = c + x and upserts with DO UPDATE SET
// c = t.c + x (also decrements) passed to database/sql, pgx, sqlx or gorm,
// whose key (the WHERE equalities, or an upsert's conflict target) holds
// only literals, placeholders bound to constant Go values, or endpoint and
// route names, when the column names a count (hits, request_count) or the
// table a limit (rate_limits, quota, counters); CREATE TABLE with an
// integer counter column (its name ends in count, hits, requests, tokens,
// used, calls, ...) whose primary key has no client identity, time bucket
// or shard column, and either consists of endpoint names only or sits in
// a table with no such column at all; DynamoDB UpdateItem increments whose
// Key literal holds only constants (or endpoint names).
//
// Not reported: keys with a client identity, time bucket or shard number
// bound to a non-constant value (a global counter split over shard rows is
// the fix); a surrogate id key next to a client column; SQL text that is
// not constant; Redis keys.
package rl004
