// Package utils reads client addresses.
package utils

import (
	"net"
	"net/http"
	"strings"
)

// ClientIP trusts the first X-Forwarded-For entry, which the client
// writes itself.
func ClientIP(r *http.Request) string {
	if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
		return strings.TrimSpace(strings.Split(xff, ",")[0])
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	return host
}

// PeerIP is the address of the connection.
func PeerIP(r *http.Request) string {
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	return host
}
