// Package reqsource names where in a request a client-controlled value
// comes from, and states the fixes of the rules that judge such values in
// limit keys and windows (RL007, RL008), from language-neutral inputs, so
// that both engines describe a source the same way.
package reqsource

import "strings"

// Kind is where in the request a value comes from.
type Kind int

// Source kinds.
const (
	Header    Kind = iota + 1 // a request header other than the forwarding ones
	Forwarded                 // X-Forwarded-For, X-Real-IP, Forwarded, or a helper that trusts them
	Query                     // a query parameter
	Form                      // a form field
	Body                      // the request body or a field of it
	Cookie                    // a cookie
)

// Describe names a source for a message: "the X-API-Key header", "the
// first X-Forwarded-For entry", "the client_id query parameter". field is
// the header, parameter, field or cookie name, "" when unknown.
func Describe(k Kind, field string) string {
	if field == "" {
		return map[Kind]string{Header: "a request header", Forwarded: "a forwarding header", Query: "a query parameter", Form: "a form field", Body: "the request body", Cookie: "a cookie"}[k]
	}
	switch k {
	case Forwarded:
		if strings.EqualFold(field, "X-Forwarded-For") {
			return "the first X-Forwarded-For entry"
		}
		return "the " + field + " header"
	case Header:
		return "the " + field + " header"
	case Query:
		return "the " + field + " query parameter"
	case Form:
		return "the " + field + " form field"
	case Cookie:
		return "the " + field + " cookie"
	case Body:
		return "the " + field + " field of the request body"
	}
	return "the request body"
}

// ReadBy adds the function of the scanned code that reads a value to its
// description: "the first X-Forwarded-For entry (read by
// utils.ClientIP)".
func ReadBy(description, helper string) string {
	if helper == "" {
		return description
	}
	return description + " (read by " + helper + ")"
}

// Fixes the messages name.
const (
	// FixForwarded is RL008's fix for a forwarding header.
	FixForwarded = "key on the peer address as seen by your trusted proxy (the right-most untrusted X-Forwarded-For hop, or gin's SetTrustedProxies / echo's IPExtractor) or on the authenticated principal"
	// FixUnverified is RL008's fix for a value nothing authenticates.
	FixUnverified = "verify it first (reject unknown keys) and key the limit on the authenticated principal"
	// FixClientTime is RL007's fix.
	FixClientTime = "compute the window from the server's clock"
)
