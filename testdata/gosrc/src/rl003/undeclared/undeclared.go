// Package undeclared is rl003/declared without a configuration: the
// calls of quota decide nothing rlcheck can see, so their error branches
// are not judged.
package undeclared

import (
	"errors"
	"net/http"

	"rl003/declared/quota"
	"rl003/declared/quota/sub"
)

// GateFailOpen lets the request through on any error of Check.
func GateFailOpen(g *quota.Gate, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := g.Check(r.Context(), r.RemoteAddr); err != nil {
			if errors.Is(err, quota.ErrLimited) {
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// GateDiscarded drops the verdict.
func GateDiscarded(g *quota.Gate, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = g.Check(r.Context(), r.RemoteAddr)
		next.ServeHTTP(w, r)
	})
}

// GateStrict answers 429 when limited and 503 on any other error.
func GateStrict(g *quota.Gate, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := g.Check(r.Context(), r.RemoteAddr); err != nil {
			if errors.Is(err, quota.ErrLimited) {
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			http.Error(w, "limiter unavailable", http.StatusServiceUnavailable)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// PermitFailOpen serves the request when Permit fails.
func PermitFailOpen(w http.ResponseWriter, r *http.Request, next http.Handler) {
	ok, err := quota.Permit(r.Context(), r.RemoteAddr)
	if err != nil {
		next.ServeHTTP(w, r)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	next.ServeHTTP(w, r)
}

// AdmitFailOpen ignores the error of a limiter of the declared package
// below quota.
func AdmitFailOpen(w http.ResponseWriter, r *http.Request, next http.Handler) {
	ok, err := sub.Admit(r.Context(), r.RemoteAddr)
	if err != nil {
		next.ServeHTTP(w, r)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	_ = sub.Flush(r.Context()) // only an error, and not named: no decision
	next.ServeHTTP(w, r)
}

// Setup builds a Gate and carries on without one when that fails: the
// constructor of a declared package decides nothing.
func Setup(r *http.Request) *quota.Gate {
	g, err := quota.NewGate(r.Context(), quota.Options{Addr: "localhost:6379"})
	if err != nil {
		return nil
	}
	return g
}
