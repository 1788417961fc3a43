// Package chiglobal limits every route with global middleware: no
// findings.
package chiglobal

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/httprate"
)

func h(w http.ResponseWriter, r *http.Request) {}

// Routes applies the limiter to the whole router.
func Routes() *chi.Mux {
	r := chi.NewRouter()
	r.Use(httprate.LimitByIP(100, time.Minute))
	r.Post("/login", h)
	r.With(httprate.LimitByIP(5, time.Minute)).Post("/reset", h)
	r.Get("/items", h)
	return r
}

// Wrapped wraps a whole mux in a limiter: no findings either.
func Wrapped() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/login", httprate.LimitByIP(5, time.Minute)(http.HandlerFunc(h)))
	mux.Handle("/reset", httprate.LimitByIP(5, time.Minute)(http.HandlerFunc(h)))
	mux.HandleFunc("/items", h)
	return httprate.LimitByIP(100, time.Minute)(mux)
}
