// Package chiapp holds RL015 fixtures for chi: groups, With, Route, a
// sub-router mounted from a constructor, and routes registered by a
// function of another package.
package chiapp

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/httprate"

	"rl015/chiapp/api"
)

func h(w http.ResponseWriter, r *http.Request) {}

// Routes limits the auth routes with httprate, except one.
func Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.Logger) // logging is no limit
	r.Group(func(r chi.Router) {
		r.Use(httprate.LimitByIP(5, time.Minute))
		r.Post("/login", h)
		r.Post("/register", h)
	})
	r.With(httprate.LimitByIP(5, time.Minute)).Post("/password/reset", h)
	r.Post("/password/confirm", h) // want `POST /password/confirm has no rate limit while 5 of the 7 routes of r \(rl015/chiapp.Routes\) have one`
	r.Route("/v1", func(r chi.Router) {
		r.Get("/status", h) // not judged
		r.Post("/logout", h)
	})
	r.Mount("/admin", adminRouter())
	api.RegisterRoutes(r)
	return r
}

// adminRouter is limited as a whole where it is made.
func adminRouter() chi.Router {
	r := chi.NewRouter()
	r.Use(httprate.LimitByIP(100, time.Minute))
	r.Get("/users", h)
	return r
}
