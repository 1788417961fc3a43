// Package gorilla holds RL015 fixtures for gorilla/mux: a sub-router
// limited with sethvargo/go-limiter, a route outside it.
package gorilla

import (
	"net/http"

	"github.com/gorilla/mux"
	"github.com/sethvargo/go-limiter/httplimit"
)

func h(w http.ResponseWriter, r *http.Request) {}

// Router limits the API sub-router; the legacy upload route is left out.
func Router(m *httplimit.Middleware) *mux.Router {
	r := mux.NewRouter()
	api := r.PathPrefix("/api").Subrouter()
	api.Use(m.Handle)
	api.HandleFunc("/orders", h).Methods("POST")
	api.HandleFunc("/orders/{id}", h).Methods("GET", "DELETE")
	r.HandleFunc("/upload", h).Methods("POST") // want `POST /upload has no rate limit while 3 of the 4 routes of r \(rl015/gorilla.Router\)`
	r.Path("/readyz").HandlerFunc(h)
	return r
}
