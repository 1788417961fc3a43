package accounts

import "net/http"

// VulnerableRoutes limits the login and the reset request but not the
// second factor: with the password known, an attacker tries the million
// six-digit codes at full speed (RL015).
func VulnerableRoutes(l *Limiter, h *Handlers) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", l.Limit(h.Login))
	mux.HandleFunc("POST /login/mfa", h.VerifyMFA)
	mux.HandleFunc("POST /password/reset", l.Limit(h.RequestReset))
	mux.HandleFunc("GET /healthz", h.Health)
	return mux
}
