// Package noedge is rl008/edge without a configuration: X-Client-IP is
// the client's to write, and of X-Forwarded-For only the right-most entry
// is taken as a proxy's.
package noedge

import (
	"context"
	"net/http"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Server is a rate-limited API.
type Server struct{ rdb *redis.Client }

func (s *Server) limit(ctx context.Context, w http.ResponseWriter, ip string) bool {
	n, err := s.rdb.Incr(ctx, "rl:"+ip).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return false
	}
	if n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return false
	}
	return true
}

// EdgeHeader keys on the header the edge writes, named in another case.
func (s *Server) EdgeHeader(w http.ResponseWriter, r *http.Request) {
	s.limit(r.Context(), w, r.Header.Get("X-Client-Ip")) // want `the X-Client-Ip header`
}

// RealIP keys on X-Real-IP, which the edge does not write.
func (s *Server) RealIP(w http.ResponseWriter, r *http.Request) {
	s.limit(r.Context(), w, r.Header.Get("X-Real-IP")) // want `the X-Real-IP header, which the client writes itself`
}

// OuterProxy keys on the address the outermost of the two proxies saw.
func (s *Server) OuterProxy(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	s.limit(r.Context(), w, strings.TrimSpace(parts[len(parts)-2])) // want `the 2nd X-Forwarded-For entry from the right, beyond the one the nearest proxy appends \(trusted-proxy.hops is not set\)`
}

// NearestProxy keys on the right-most entry, through a length variable.
func (s *Server) NearestProxy(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	n := len(parts)
	s.limit(r.Context(), w, parts[n-1])
}

// BeyondProxies keys on an entry left of what the proxies wrote.
func (s *Server) BeyondProxies(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	s.limit(r.Context(), w, parts[len(parts)-3]) // want `the 3rd X-Forwarded-For entry from the right`
}

// FirstEntry keys on the first entry, which the client writes.
func (s *Server) FirstEntry(w http.ResponseWriter, r *http.Request) {
	ip := strings.Split(r.Header.Get("X-Forwarded-For"), ",")[0] // want `the first X-Forwarded-For entry`
	s.limit(r.Context(), w, ip)
}

// SecondEntry keys on the second entry from the left, which the client
// writes too when it sends two.
func (s *Server) SecondEntry(w http.ResponseWriter, r *http.Request) {
	ip := strings.Split(r.Header.Get("X-Forwarded-For"), ",")[1] // want `the 2nd X-Forwarded-For entry, which the client writes itself`
	s.limit(r.Context(), w, ip)
}
