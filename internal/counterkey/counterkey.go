// Package counterkey classifies the names of counter-table columns and
// counter-key attributes, for the rules that judge how a rate-limit counter
// is keyed (RL004 unsharded-counter-row). Both language engines use it, so a
// column reads the same way in Go and in Python.
//
// Names are matched by their words: "client_id", "clientId", "ClientID" and
// "client-id" all split into the words client and id.
package counterkey

import (
	"strings"
	"unicode"
)

// Role is what a key part tells about the counter it keys.
type Role int

// Key part roles.
const (
	Unknown  Role = iota // a name that says nothing of the key's spread
	Client               // a client identity: user, account, API key, IP, ...
	Time                 // a time bucket or window
	Shard                // a shard or partition number
	Endpoint             // a route or endpoint name: spreads nothing per client
)

var roleWords = map[string]Role{
	// client identity
	"client": Client, "user": Client, "uid": Client, "account": Client,
	"tenant": Client, "org": Client, "customer": Client, "principal": Client,
	"subject": Client, "sub": Client, "ip": Client, "addr": Client,
	"address": Client, "apikey": Client, "token": Client, "session": Client,
	"caller": Client, "identity": Client, "owner": Client, "member": Client,
	"key": Client, "pk": Client,
	// time bucket
	"bucket": Time, "window": Time, "minute": Time, "hour": Time, "day": Time,
	"second": Time, "period": Time, "epoch": Time, "ts": Time, "time": Time,
	"timestamp": Time, "slot": Time, "interval": Time, "date": Time, "sk": Time,
	// shard
	"shard": Shard, "partition": Shard, "stripe": Shard,
	// endpoint
	"endpoint": Endpoint, "route": Endpoint, "path": Endpoint, "method": Endpoint,
	"resource": Endpoint, "api": Endpoint, "name": Endpoint, "scope": Endpoint,
	"action": Endpoint, "operation": Endpoint, "op": Endpoint, "counter": Endpoint,
	"id": Unknown,
}

// Classify returns the strongest role among the words of name: a shard
// beats a time bucket, which beats a client identity, which beats an
// endpoint name. "api_key" is a client identity, not an endpoint.
func Classify(name string) Role {
	words := Words(name)
	joined := strings.Join(words, "")
	best := Unknown
	if joined == "apikey" || strings.Contains(joined, "apikey") {
		best = Client
	}
	for _, w := range words {
		r := roleWords[w]
		if rank(r) > rank(best) {
			best = r
		}
	}
	return best
}

func rank(r Role) int {
	switch r {
	case Shard:
		return 4
	case Time:
		return 3
	case Client:
		return 2
	case Endpoint:
		return 1
	}
	return 0
}

// Spreads reports whether a key part with this role spreads writes over
// many rows: a client identity, a time bucket or a shard number.
func (r Role) Spreads() bool { return r == Client || r == Time || r == Shard }

// counterWords are words that mark a column as a counted quantity.
var counterWords = map[string]bool{
	"count": true, "counter": true, "hits": true, "hit": true,
	"requests": true, "request": true, "tokens": true, "used": true,
	"calls": true, "attempts": true, "usage": true, "consumed": true,
	"remaining": true, "n": true, "total": true, "quota": true, "credits": true,
}

// IsCounterName reports whether name (a column or attribute) names a
// counted quantity, such as "request_count", "hits" or "tokensUsed".
func IsCounterName(name string) bool {
	for _, w := range Words(name) {
		if counterWords[w] {
			return true
		}
	}
	return false
}

// Words splits an identifier into lower-case words at underscores, hyphens,
// dots, colons, spaces and lower-to-upper case changes ("clientID" gives
// client, id).
func Words(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	runes := []rune(name)
	for i, r := range runes {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && len(cur) > 0 &&
			(unicode.IsLower(cur[len(cur)-1]) ||
				i+1 < len(runes) && unicode.IsLower(runes[i+1])):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

// limitWords mark a key, table or SQL text as a rate limit's. Hits and
// requests are left out: page_hits counts views.
var limitWords = map[string]bool{
	"limit": true, "limits": true, "limiter": true, "ratelimit": true, "ratelimits": true,
	"rl": true, "quota": true, "quotas": true, "throttle": true, "throttles": true,
	"throttling": true, "attempts": true, "bucket": true,
	"window": true, "windows": true,
	"buckets": true,
}

// MentionsLimit reports whether s (a key, a key prefix, a table name, SQL
// text) speaks of a rate limit: "rl:", "rate_limits", "api_quota",
// "login_attempts". A page-view or stock counter does not.
func MentionsLimit(s string) bool {
	for _, w := range Words(s) {
		if limitWords[w] {
			return true
		}
	}
	return false
}

// IsLimitFunc reports whether a function or method name speaks of rate
// limiting: Allow, RateLimit, is_rate_limited, Throttle, check_quota,
// TokenBucket.
func IsLimitFunc(name string) bool {
	l := strings.ToLower(name)
	for _, w := range []string{"limit", "allow", "throttl", "quota", "bucket"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// loginWords name the account a login form submits.
var loginWords = map[string]bool{
	"username": true, "user": true, "email": true, "login": true, "phone": true,
	"mobile": true, "account": true, "identifier": true,
}

// IsLoginName reports whether name (a form or body field) names the
// account a login submits: username, email, login, phone.
func IsLoginName(name string) bool {
	for _, w := range Words(name) {
		if loginWords[w] {
			return true
		}
	}
	return false
}

// MentionsPassword reports whether s (an identifier, a field name, a
// string) speaks of a password or a one-time code: code that reads one
// is a login, a reset or a second factor.
func MentionsPassword(s string) bool {
	l := strings.ToLower(s)
	if strings.Contains(l, "password") || strings.Contains(l, "passwd") || strings.Contains(l, "passphrase") {
		return true
	}
	for _, w := range Words(s) {
		if w == "otp" || w == "totp" || w == "passcode" {
			return true
		}
	}
	return false
}

// timeFieldWords say that a request field holds a time.
var timeFieldWords = map[string]bool{
	"ts": true, "time": true, "timestamp": true, "datetime": true, "window": true,
	"epoch": true, "now": true, "since": true, "unix": true,
}

// IsTimeField reports whether a request field's name (a header, query
// parameter or body field) says it holds a time: X-Client-Time, ts,
// sent_timestamp, window_start. Dates and buckets are left out: a booking
// date or a shard bucket is a resource, not the client's clock.
func IsTimeField(name string) bool {
	for _, w := range Words(name) {
		if timeFieldWords[w] {
			return true
		}
	}
	return false
}
