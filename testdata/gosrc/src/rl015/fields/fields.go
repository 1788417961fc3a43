// Package fields keeps the router in a struct field: made in the
// constructor, filled in a method, with handlers that limit themselves
// through a limiter interface implemented with Redis.
package fields

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/redis/go-redis/v9"
)

// Limiter decides whether a key may proceed.
type Limiter interface {
	Allow(ctx context.Context, key string) (bool, error)
}

type redisLimiter struct{ rdb *redis.Client }

func (l *redisLimiter) Allow(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Incr(ctx, "rl:"+key).Result()
	if err != nil {
		return false, err
	}
	return n <= 10, nil
}

// Server serves the API.
type Server struct {
	router  *chi.Mux
	limiter Limiter
}

// NewServer wires the Redis limiter.
func NewServer(rdb *redis.Client) *Server {
	s := &Server{router: chi.NewRouter(), limiter: &redisLimiter{rdb: rdb}}
	s.routes()
	return s
}

func (s *Server) routes() {
	s.router.Post("/login", s.login)
	s.router.Post("/token", s.token)
	s.router.Post("/token/refresh", s.refresh) // want `POST /token/refresh has no rate limit while 2 of the 3 routes of router \(rl015/fields.NewServer\)`
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if ok, err := s.limiter.Allow(r.Context(), r.RemoteAddr); err != nil || !ok {
		http.Error(w, "slow down", http.StatusForbidden)
		return
	}
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if !s.check(r) {
		http.Error(w, "slow down", http.StatusForbidden)
	}
}

// check is the limit, one call away from the handler.
func (s *Server) check(r *http.Request) bool {
	ok, err := s.limiter.Allow(r.Context(), r.RemoteAddr)
	return err == nil && ok
}

func (s *Server) refresh(w http.ResponseWriter, r *http.Request) {}
