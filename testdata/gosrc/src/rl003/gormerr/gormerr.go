// Package gormerr reads a counter record with gorm, whose errors come as
// the Error field of its result.
package gormerr

import (
	"errors"
	"net/http"

	"gorm.io/gorm"
)

// RateLimit is a counter record.
type RateLimit struct {
	Key   string
	Count int
}

// FailOpen serves the request when the read fails.
func FailOpen(db *gorm.DB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var rl RateLimit
		if err := db.Where("key = ?", r.RemoteAddr).First(&rl).Error; err != nil { // want `the error branch of First \(the rate-limit decision\) lets the request through \(fail-open\)`
			next.ServeHTTP(w, r)
			return
		}
		if rl.Count >= 100 {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// NotFoundOnly lets a missing record through and surfaces the rest.
func NotFoundOnly(db *gorm.DB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var rl RateLimit
		err := db.Where("key = ?", r.RemoteAddr).First(&rl).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			next.ServeHTTP(w, r)
			return
		}
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if rl.Count >= 100 {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
