// Package rl007 defines an Analyzer that reports rate-limit windows
// computed from a time the client sends.
//
// # Analyzer RL007
//
// RL007: client-controlled window time
//
// A request value (a header, query parameter, form or body field, cookie;
// of net/http, gin, echo or chi handlers) that is used as a time and then
// reaches a counter key lets each client pick its own window. A value is
// used as a time when it is parsed or converted to one (time.Parse,
// time.Unix), goes through window arithmetic (an operand that is a
// time.Duration, names a window, interval, period, seconds or ttl, or is
// 60, 3600, 86400 or 1000), or is read under a name that says time (ts,
// time, timestamp, epoch, window; not a date or a bucket). Counter keys
// are those of RL006 (a Redis INCR family command or INCR script, the key
// parameters of a SQL counter write, the Key values of a DynamoDB
// UpdateItem that adds), the scores and bounds of a sorted-set log that
// is counted, and the arguments of the package's functions that pass them
// on to one; only counters that count a rate limit are sinks.
//
// Values are followed through the package (see reqflow): assignments,
// string building, strconv, conversions, fields of decoded bodies, and the
// parameters and results of the package's functions. The fix is the
// server's clock: time.Now().Unix() / window * window.
package rl007
