// Package declared holds an RL015 fixture whose limiter is declared in
// the configuration: the middleware calling it limits, and the route it
// does not wrap is reported.
package declared

import (
	"net/http"

	"rl015/declared/quota"
)

var gate = &quota.Gate{Addr: "quota:9000"}

func limited(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if ok, err := gate.Check(r); err != nil || !ok {
			http.Error(w, "slow down", http.StatusServiceUnavailable)
			return
		}
		next(w, r)
	}
}

func handle(w http.ResponseWriter, r *http.Request) {}

// Routes registers the API.
func Routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", limited(handle))
	mux.HandleFunc("POST /reset", limited(handle))
	mux.HandleFunc("POST /mfa", handle) // want `POST /mfa has no rate limit while 2 of the 3 routes`
	return mux
}
