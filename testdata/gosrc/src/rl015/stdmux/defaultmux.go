package stdmux

import (
	"net/http"

	"golang.org/x/time/rate"
)

var global = rate.NewLimiter(10, 10)

// The handlers of DefaultServeMux limit themselves with x/time/rate.
func init() {
	http.HandleFunc("/api/search", func(w http.ResponseWriter, r *http.Request) {
		if !global.Allow() {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
	})
	http.HandleFunc("/api/export", export)
	http.HandleFunc("/api/import", func(w http.ResponseWriter, r *http.Request) {}) // want `\* /api/import has no rate limit while 2 of the 3 routes of http.DefaultServeMux`
	http.Handle("/metrics", http.NotFoundHandler())
}

func export(w http.ResponseWriter, r *http.Request) {
	if err := global.Wait(r.Context()); err != nil {
		http.Error(w, "slow down", http.StatusServiceUnavailable)
	}
}
