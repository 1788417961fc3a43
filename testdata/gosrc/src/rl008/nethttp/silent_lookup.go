package nethttp

import (
	"database/sql"
	"errors"
	"net/http"
	"strings"

	"github.com/redis/go-redis/v9"
)

// KeyInPostgres looks the key up in the database before the count.
func (s *Server) KeyInPostgres(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-Db-Key")
	var owner string
	err := s.db.QueryRowContext(r.Context(), "SELECT owner FROM api_keys WHERE key = $1", key).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		http.Error(w, "unknown key", http.StatusUnauthorized)
		return
	}
	if ok, _ := s.allow(r.Context(), key); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// SessionInRedis looks the session cookie up in Redis.
func (s *Server) SessionInRedis(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("session")
	if err != nil {
		http.Error(w, "no session", http.StatusUnauthorized)
		return
	}
	if err := s.rdb.Get(r.Context(), "session:"+c.Value).Err(); err == redis.Nil {
		http.Error(w, "no session", http.StatusUnauthorized)
		return
	}
	if ok, _ := s.allow(r.Context(), c.Value); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// Article counts page views in a handler that also enforces a
// per-user limit: only the limit's counter is a limit.
func (s *Server) Article(w http.ResponseWriter, r *http.Request) {
	user, _ := r.Context().Value(ctxKey{}).(string)
	if n, _ := s.rdb.Incr(r.Context(), "rl:"+user).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	s.rdb.Incr(r.Context(), "views:"+r.URL.Query().Get("slug"))
}

// WalkFromRight finds the right-most untrusted hop by walking the chain
// from the right: the recommended fix.
func (s *Server) WalkFromRight(w http.ResponseWriter, r *http.Request, trusted map[string]bool) {
	parts := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	ip := ""
	for i := len(parts) - 1; i >= 0; i-- {
		if hop := strings.TrimSpace(parts[i]); !trusted[hop] {
			ip = hop
			break
		}
	}
	if ok, _ := s.allow(r.Context(), ip); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}
