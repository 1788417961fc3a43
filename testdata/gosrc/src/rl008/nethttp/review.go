package nethttp

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// NormalizedIP parses X-Real-IP before keying on it: still the client's.
func (s *Server) NormalizedIP(w http.ResponseWriter, r *http.Request) {
	ip := net.ParseIP(r.Header.Get("X-Real-IP")).String() // want `the X-Real-IP header, which the client writes itself`
	if ok, _ := s.allow(r.Context(), ip); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// IPv6Prefix keys on the client's /64, from a forwarding header.
func (s *Server) IPv6Prefix(w http.ResponseWriter, r *http.Request) {
	addr, err := netip.ParseAddr(r.Header.Get("X-Real-IP")) // want `the X-Real-IP header`
	if err != nil {
		http.Error(w, "bad address", http.StatusBadRequest)
		return
	}
	p, _ := addr.Prefix(64)
	if ok, _ := s.allow(r.Context(), p.String()); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// headerIP returns the first forwarding header that is set.
func headerIP(r *http.Request) string {
	for _, h := range []string{"X-Forwarded-For", "X-Real-IP"} {
		if v := r.Header.Get(h); v != "" { // want `the first X-Forwarded-For entry, which the client writes itself`
			return v
		}
	}
	return r.RemoteAddr
}

// LoopedHeaders keys on what headerIP returns.
func (s *Server) LoopedHeaders(w http.ResponseWriter, r *http.Request) {
	if ok, _ := s.allow(r.Context(), headerIP(r)); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// HashedBucket shards the client's key into buckets: a plain key, not a
// time, whatever the order of the parts.
func (s *Server) HashedBucket(w http.ResponseWriter, r *http.Request, buckets uint32) {
	k := r.Header.Get("X-Bucket-Key") // want `the X-Bucket-Key header, which nothing authenticates`
	key := fmt.Sprintf("%d:%s:%d", crc32.ChecksumIEEE([]byte(k))%buckets, k, time.Now().Unix()/60)
	if n, _ := s.rdb.Incr(r.Context(), "rl:"+key).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// CloudflareIP keys on the address Cloudflare writes over the client's.
func (s *Server) CloudflareIP(w http.ResponseWriter, r *http.Request) {
	if ok, _ := s.allow(r.Context(), r.Header.Get("CF-Connecting-IP")); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

type signIn struct {
	Identifier string `json:"identifier"`
	Password   string `json:"password"`
}

type authService interface {
	SignIn(ctx context.Context, req signIn) (string, error)
}

// DelegatedLogin limits attempts per account and leaves the password to
// a service: the body struct says it is a login.
func (s *Server) DelegatedLogin(w http.ResponseWriter, r *http.Request, auth authService) {
	var req signIn
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if ok, _ := s.allow(r.Context(), "login:"+req.Identifier); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	if _, err := auth.SignIn(r.Context(), req); err != nil {
		http.Error(w, "bad credentials", http.StatusUnauthorized)
	}
}

// VerifyOTP limits code attempts per phone number.
func (s *Server) VerifyOTP(w http.ResponseWriter, r *http.Request) {
	if ok, _ := s.allow(r.Context(), "otp:"+r.FormValue("phone")); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// parseToken checks the token's signature and returns it.
func (s *Server) parseToken(tok string) (string, error) {
	if _, ok := s.keys[tok]; !ok {
		return "", fmt.Errorf("unknown token")
	}
	return tok, nil
}

// ParsedToken keys on a token that parseToken verified: its error
// rejects.
func (s *Server) ParsedToken(w http.ResponseWriter, r *http.Request) {
	tok, err := s.parseToken(r.Header.Get("X-Session-Token"))
	if err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if ok, _ := s.allow(r.Context(), tok); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

func recordAuthAttempt(key string) {}

// RecordsOnly records the attempt but checks nothing.
func (s *Server) RecordsOnly(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-Record-Key") // want `the X-Record-Key header, which nothing authenticates`
	recordAuthAttempt(key)
	if ok, _ := s.allow(r.Context(), key); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// SwitchAuth checks the key in a switch.
func (s *Server) SwitchAuth(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-Switch-Key")
	switch _, ok := s.keys[key]; {
	case key == "":
		http.Error(w, "missing key", http.StatusUnauthorized)
		return
	case !ok:
		http.Error(w, "unknown key", http.StatusUnauthorized)
		return
	}
	if ok, _ := s.allow(r.Context(), key); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// looksLikeKey checks the form of a key only.
func looksLikeKey(k string) bool {
	return len(k) == 32 && strings.HasPrefix(k, "k_")
}

// FormatHelper validates the key's form with a helper of the package:
// no authentication.
func (s *Server) FormatHelper(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-Shaped-Key") // want `the X-Shaped-Key header, which nothing authenticates`
	if !looksLikeKey(key) {
		http.Error(w, "bad key", http.StatusBadRequest)
		return
	}
	if ok, _ := s.allow(r.Context(), key); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// knownKey compares with the configured key: a check of identity.
func (s *Server) knownKey(k string, configured string) bool {
	return k == configured
}

// ConfiguredKey checks the key against the configured one.
func (s *Server) ConfiguredKey(w http.ResponseWriter, r *http.Request, configured string) {
	key := r.Header.Get("X-Configured-Key")
	if !s.knownKey(key, configured) {
		http.Error(w, "unknown key", http.StatusUnauthorized)
		return
	}
	if ok, _ := s.allow(r.Context(), key); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// BuiltKey builds the key with a strings.Builder.
func (s *Server) BuiltKey(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("tenant:")
	b.WriteString(r.URL.Query().Get("tenant")) // want `the tenant query parameter, which nothing authenticates`
	if ok, _ := s.allow(r.Context(), b.String()); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}
