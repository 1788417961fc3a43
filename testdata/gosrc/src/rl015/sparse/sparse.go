// Package sparse holds applications RL015 leaves alone: one limited
// route among many, none limited at all, a session middleware that reads
// Redis without counting.
package sparse

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/httprate"
	"github.com/redis/go-redis/v9"
)

func h(w http.ResponseWriter, r *http.Request) {}

// One limits one route of four: no pattern to hold the others to.
func One() *chi.Mux {
	r := chi.NewRouter()
	r.With(httprate.LimitByIP(5, time.Minute)).Post("/login", h)
	r.Get("/a", h)
	r.Get("/b", h)
	r.Get("/c", h)
	return r
}

// None limits nothing.
func None() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /a", h)
	mux.HandleFunc("GET /b", h)
	return mux
}

type sessions struct{ rdb *redis.Client }

// require looks the session up in Redis: not a limit.
func (s *sessions) require(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, err := s.rdb.Get(r.Context(), "session:"+r.Header.Get("Cookie")).Result()
		if err != nil || user == "" {
			http.Error(w, "log in", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Sessions protects routes with a session check only.
func Sessions(s *sessions) *chi.Mux {
	r := chi.NewRouter()
	r.With(s.require).Get("/me", h)
	r.With(s.require).Get("/orders", h)
	r.Get("/about", h)
	return r
}

// Two makes two applications with the same name in one function: they
// are told apart.
func Two() (*http.ServeMux, *http.ServeMux) {
	var first *http.ServeMux
	{
		mux := http.NewServeMux()
		mux.HandleFunc("GET /one", h)
		first = mux
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /two", h)
	return first, mux
}
