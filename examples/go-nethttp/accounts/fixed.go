package accounts

import "net/http"

// FixedRoutes limits the second factor like its neighbours; the health
// check stays open.
func FixedRoutes(l *Limiter, h *Handlers) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", l.Limit(h.Login))
	mux.HandleFunc("POST /login/mfa", l.Limit(h.VerifyMFA))
	mux.HandleFunc("POST /password/reset", l.Limit(h.RequestReset))
	mux.HandleFunc("GET /healthz", h.Health)
	return mux
}
