// Package accounts is the account service of a small web application on
// net/http's ServeMux: login, a second factor, password reset. Requests
// are rate-limited per client address with a counter in PostgreSQL.
package accounts

import (
	"database/sql"
	"net"
	"net/http"
	"time"
)

// Limiter counts each client's requests per minute in PostgreSQL.
type Limiter struct {
	DB        *sql.DB
	PerMinute int
}

// countRequest increments the client's counter of the current minute in
// one statement and returns the new count.
const countRequest = `INSERT INTO rate_limits (client, window_start, count) VALUES ($1, $2, 1)
ON CONFLICT (client, window_start) DO UPDATE SET count = rate_limits.count + 1
RETURNING count`

// Limit refuses a client's requests beyond PerMinute a minute.
func (l *Limiter) Limit(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		client, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			client = r.RemoteAddr
		}
		window := time.Now().Unix() / 60 * 60
		var n int
		if err := l.DB.QueryRowContext(r.Context(), countRequest, client, window).Scan(&n); err != nil {
			http.Error(w, "rate limiter unavailable", http.StatusServiceUnavailable)
			return
		}
		if n > l.PerMinute {
			w.Header().Set("Retry-After", "60")
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		next(w, r)
	}
}

// Handlers serve the account routes.
type Handlers struct{ DB *sql.DB }

// Login checks a password.
func (h *Handlers) Login(w http.ResponseWriter, r *http.Request) {}

// VerifyMFA checks the six-digit code of the second factor.
func (h *Handlers) VerifyMFA(w http.ResponseWriter, r *http.Request) {}

// RequestReset mails a password reset link.
func (h *Handlers) RequestReset(w http.ResponseWriter, r *http.Request) {}

// Health answers the load balancer.
func (h *Handlers) Health(w http.ResponseWriter, r *http.Request) {}
