// Package verdict reads what rate-limit code answers, from
// language-neutral inputs (names, texts, status codes), for both engines:
// whether a function's name says that true means "limited", whether a
// text or an error's name says "rate limited", and which HTTP statuses
// deny for the limit and which surface a failure.
package verdict

import "strings"

// Inverted reports whether a function's name says that a true result
// means the request is limited (IsBlocked, Exceeded, ShouldThrottle), so
// that returning false lets it in.
func Inverted(name string) bool {
	name = strings.ToLower(name)
	for _, w := range []string{"block", "limited", "exceed", "deny", "denied", "throttle", "reject"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// SaysLimited reports whether a text (an error message, a sentinel's
// name such as ErrRateLimited or ErrTooManyRequests) means "rate
// limited".
func SaysLimited(s string) bool {
	s = strings.ToLower(s)
	for _, w := range []string{"ratelimit", "rate limit", "rate-limit", "limited",
		"limitexceeded", "limit exceeded", "throttl", "toomany", "too many", "quota"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Is429 reports whether code is 429 Too Many Requests: the answer of a
// limit.
func Is429(code int64) bool { return code == 429 }

// Is5xx reports whether code is a server error: a failure surfaced.
func Is5xx(code int64) bool { return code >= 500 && code <= 599 }
