// Package limiter holds RL003 fixtures for limiter libraries' Allow calls.
package limiter

import (
	"context"
	"errors"
	"net/http"
	"strconv"
)

// Result is a limiter decision.
type Result struct{ Allowed int }

// Limiter is a shared-store limiter.
type Limiter struct{}

// Allow counts one request for key.
func (l *Limiter) Allow(ctx context.Context, key string) (*Result, error) { return &Result{}, nil }

// Take takes one token.
func (l *Limiter) Take(key string) (bool, error) { return true, nil }

// Close releases the limiter.
func (l *Limiter) Close() error { return nil }

func middleware(l *Limiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res, err := l.Allow(r.Context(), r.RemoteAddr)
		if err != nil { // want `the error branch of Allow \(the rate-limit decision\) lets the request through`
			next.ServeHTTP(w, r)
			return
		}
		if res.Allowed == 0 {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func take(l *Limiter, w http.ResponseWriter, r *http.Request, next http.Handler) {
	ok, _ := l.Take(r.RemoteAddr) // want `the error of Take \(the rate-limit decision\) is discarded`
	if !ok {
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	_ = l.Close()
	next.ServeHTTP(w, r)
}

func takeChecked(l *Limiter, w http.ResponseWriter, r *http.Request, next http.Handler) {
	ok, err := l.Take(r.RemoteAddr)
	if err != nil {
		http.Error(w, "limiter unavailable", http.StatusServiceUnavailable)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	next.ServeHTTP(w, r)
}

// Config holds limits.
type Config struct{}

// GetLimit reads the configured limit: a getter, not a decision.
func (c *Config) GetLimit(key string) (int, error) { return 10, nil }

func configured(c *Config, l *Limiter, key string) (bool, error) {
	max, _ := c.GetLimit(key)
	ok, err := l.Take(key)
	if err != nil {
		return false, err
	}
	return ok && max > 0, nil
}

// HandlerFunc is an echo-style handler.
type HandlerFunc func(key string) error

// echoStyle calls the next handler when the limiter fails.
func echoStyle(l *Limiter, next HandlerFunc) HandlerFunc {
	return func(key string) error {
		ok, err := l.Take(key)
		if err != nil { // want `lets the request through`
			return next(key)
		}
		if !ok {
			return errors.New("rate limited")
		}
		return next(key)
	}
}

// echoSurfaces returns a server error: fine.
func echoSurfaces(l *Limiter, next HandlerFunc) HandlerFunc {
	return func(key string) error {
		ok, err := l.Take(key)
		if err != nil {
			return errors.New("limiter store unavailable")
		}
		if !ok {
			return errors.New("rate limited")
		}
		return next(key)
	}
}

// echoLimited answers every error as limited.
func echoLimited(l *Limiter, next HandlerFunc) HandlerFunc {
	return func(key string) error {
		ok, err := l.Take(key)
		if err != nil { // want `answers every error as rate-limited`
			return errors.New("too many requests")
		}
		if !ok {
			return errors.New("too many requests")
		}
		return next(key)
	}
}

// RateLimit is a throttled-style decision with three results.
func (l *Limiter) RateLimit(key string, quantity int) (bool, Result, error) {
	return false, Result{}, nil
}

func throttledStyle(l *Limiter, w http.ResponseWriter, r *http.Request, next http.Handler) {
	limited, _, err := l.RateLimit(r.RemoteAddr, 1)
	if err != nil { // want `lets the request through`
		next.ServeHTTP(w, r)
		return
	}
	if limited {
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	next.ServeHTTP(w, r)
}

// remaining reads the limit header back: a secondary read, not a decision.
func remaining(resp *http.Response) bool {
	n, _ := strconv.Atoi(resp.Header.Get("X-RateLimit-Remaining"))
	return n > 0
}
