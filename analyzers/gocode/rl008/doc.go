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
// An authentication step is an if (or a switch case) before the count
// that looks the value up (a map index; a datastore read such as a SELECT
// or a Redis GET; a call other than a format check, a package helper that
// only checks the form, a counter write or the limiter; an equality with
// a non-constant secret; or a variable holding such a lookup: ok, err,
// the account found) and rejects (return, Abort*, panic) with a status
// other than 429 or 5xx; an if whose checked branch holds the count; or a
// verifier (verifyKey, validateToken, requireSession) called as a
// statement with the value. A header or cookie that such a step checks
// anywhere in the package (an authentication middleware) counts as
// checked in every handler. Presence and format tests (key == "",
// len(key) == 0, strings.HasPrefix) are not authentication. Forwarding
// headers are reported even when checked.
//
// Only counters that count a rate limit are sinks (a limit-named
// function, limit words in the key or SQL, a compared count).
//
// Not reported: X-Forwarded-For hops other than the first (the right-most,
// or one found walking from the right), r.RemoteAddr without a rewriting
// middleware, path parameters (chi.URLParam, c.Param), values taken from
// the request context an authentication middleware set, identity headers
// of an authenticating gateway and address headers of a CDN, a login's
// attempts keyed on the submitted account, test files, and values read as
// a time (RL007 reports those).
package rl008
