// Package rl008 defines an Analyzer that reports rate-limit keys taken
// from request values the client can change at will.
//
// # Analyzer RL008
//
// RL008: spoofable limit key
//
// A counter key that comes from a forwarding header (the first
// X-Forwarded-For entry, X-Real-IP, Forwarded), from a framework helper
// that trusts them (gin's c.ClientIP() in a package that creates the engine
// without SetTrustedProxies or TrustedPlatform, echo's c.RealIP() in a
// package that calls echo.New without setting Echo.IPExtractor,
// r.RemoteAddr in a package that installs chi's middleware.RealIP or
// gorilla's handlers.ProxyHeaders), or from any other header, query
// parameter, form or body field or cookie that no authentication step
// checked first, lets a client reset its limit by sending a new value.
//
// An authentication step is an if before the count that looks the value
// up (a map index, a call other than a strings, strconv, regexp or net
// format check, an equality with a non-constant secret, or a variable
// holding such a lookup: ok, err, the account found) and rejects (return,
// Abort*, panic) with a status other than 429; an if whose checked branch
// holds the count; or a verifier (verify, validate, auth...) called as a
// statement with the value. A header or cookie that such a step checks
// anywhere in the package (an authentication middleware) counts as checked
// in every handler. Presence and format tests (key == "", len(key) == 0,
// strings.HasPrefix) are not authentication. Forwarding headers are
// reported even when checked.
//
// Not reported: the right-most X-Forwarded-For entry (parts[len(parts)-1],
// s[strings.LastIndex(s, ",")+1:]), r.RemoteAddr without a rewriting
// middleware, path parameters (chi.URLParam, c.Param), values taken from
// the request context an authentication middleware set, and values read
// as a time (RL007 reports those).
package rl008
