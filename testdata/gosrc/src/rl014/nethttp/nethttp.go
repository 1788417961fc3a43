// Package nethttp holds RL014 fixtures for net/http handlers.
package nethttp

import (
	"net/http"
	"strconv"
)

const retryAfter = "Retry-After"

func limited(r *http.Request) bool { return r.Header.Get("X-Key") == "" }

// writeHeader answers 429 without telling the client when to come back.
func writeHeader(w http.ResponseWriter, r *http.Request) {
	if limited(r) {
		w.WriteHeader(http.StatusTooManyRequests) // want `this 429 response carries no Retry-After header.*w.Header\(\).Set\("Retry-After", strconv.Itoa\(seconds\)\)`
		return
	}
	w.WriteHeader(http.StatusOK)
}

// httpError answers 429 with http.Error and a literal status.
func httpError(w http.ResponseWriter, r *http.Request) {
	if limited(r) {
		http.Error(w, "too many requests", 429) // want `this 429 response carries no Retry-After header`
	}
}

// middleware answers 429 from a closure.
func middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if limited(r) {
			http.Error(w, "slow down", http.StatusTooManyRequests) // want `no Retry-After`
			return
		}
		next.ServeHTTP(w, r)
	})
}

// otherBranch sets the header only on the other branch.
func otherBranch(w http.ResponseWriter, r *http.Request, banned bool) {
	if banned {
		w.Header().Set("Retry-After", "3600")
	} else {
		w.WriteHeader(http.StatusTooManyRequests) // want `no Retry-After`
	}
}

// withHeader sets Retry-After first.
func withHeader(w http.ResponseWriter, r *http.Request) {
	if limited(r) {
		w.Header().Set("Retry-After", strconv.Itoa(30))
		w.WriteHeader(http.StatusTooManyRequests)
	}
}

// lowerCase names the header in lower case, through a constant.
func lowerCase(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Add("retry-after", "30")
	http.Error(w, "slow down", http.StatusTooManyRequests)
}

// viaConstant names the header through a constant.
func viaConstant(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(retryAfter, "30")
	w.WriteHeader(http.StatusTooManyRequests)
}

// indexed assigns the header map entry.
func indexed(w http.ResponseWriter, r *http.Request) {
	w.Header()["Retry-After"] = []string{"30"}
	w.WriteHeader(http.StatusTooManyRequests)
}

// setRateHeaders is a helper that sets the rate-limit headers.
func setRateHeaders(w http.ResponseWriter, reset int) {
	w.Header().Set("X-RateLimit-Reset", strconv.Itoa(reset))
	w.Header().Set("Retry-After", strconv.Itoa(reset))
}

// viaHelper sets the header through the helper.
func viaHelper(w http.ResponseWriter, r *http.Request) {
	setRateHeaders(w, 30)
	w.WriteHeader(http.StatusTooManyRequests)
}

// notLimited writes other statuses.
func notLimited(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusServiceUnavailable)
}

// tooMany writes the 429 for handlers that set the header before they
// call it.
func tooMany(w http.ResponseWriter, msg string) {
	http.Error(w, msg, http.StatusTooManyRequests)
}

func callsTooMany(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "10")
	tooMany(w, "slow down")
}

// headerNames is a configuration of header names.
type headerNames struct{ RetryAfter, Remaining string }

var names = headerNames{RetryAfter: "Retry-After", Remaining: "X-RateLimit-Remaining"}

// configured names the header through a configurable field.
func configured(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(names.RetryAfter, "30")
	w.WriteHeader(http.StatusTooManyRequests)
}

// otherConfigured sets another configurable header only.
func otherConfigured(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(names.Remaining, "0")
	w.WriteHeader(http.StatusTooManyRequests) // want `no Retry-After`
}
