// Package shared registers its routes from a command's Run, a function
// literal in a variable's declaration, and from a test setup: the
// registration shared by both applications is reported once.
package shared

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/httprate"
)

func h(w http.ResponseWriter, r *http.Request) {}

// Command is a CLI command.
type Command struct{ Run func(args []string) }

var serve = &Command{Run: func(args []string) {
	r := chi.NewRouter()
	RegisterRoutes(r)
	http.ListenAndServe(":8080", r)
}}

// SetupTest builds the same application for tests.
func SetupTest() *chi.Mux {
	r := chi.NewRouter()
	RegisterRoutes(r)
	return r
}

// RegisterRoutes limits the auth routes, not the invite.
func RegisterRoutes(r chi.Router) {
	r.With(httprate.LimitByIP(5, time.Minute)).Post("/login", h)
	r.With(httprate.LimitByIP(5, time.Minute)).Post("/register", h)
	r.Post("/invite", h) // want `POST /invite has no rate limit while 2 of the 3 routes of r \(rl015/shared.SetupTest\)`
}
