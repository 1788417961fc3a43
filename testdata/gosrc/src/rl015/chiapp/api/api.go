// Package api registers routes on a router made in another package.
package api

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/httprate"
)

func h(w http.ResponseWriter, r *http.Request) {}

// RegisterRoutes adds the API routes to the application's router.
func RegisterRoutes(r chi.Router) {
	r.Route("/api", func(r chi.Router) {
		r.With(httprate.LimitByIP(50, time.Minute)).Get("/items", h)
		r.Method("DELETE", "/items/{id}", http.HandlerFunc(h)) // want `DELETE /api/items/\{id\} has no rate limit while 5 of the 7 routes of r \(rl015/chiapp.Routes\)`
	})
}
