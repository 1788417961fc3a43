// Package respond holds RL014 fixtures for a JSON helper that writes the
// status it is given.
package respond

import (
	"encoding/json"
	"net/http"
)

// JSON writes v with status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// limited answers 429 through the helper.
func limited(w http.ResponseWriter, r *http.Request) {
	JSON(w, http.StatusTooManyRequests, map[string]string{"error": "slow down"}) // want `this 429 response, written by respond.JSON, carries no Retry-After header`
}

// limitedWithHeader sets the header before.
func limitedWithHeader(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "60")
	JSON(w, http.StatusTooManyRequests, map[string]string{"error": "slow down"})
}

// ok is not a 429.
func ok(w http.ResponseWriter, r *http.Request) {
	JSON(w, http.StatusOK, nil)
}
