package nethttp

import (
	"crypto/subtle"
	"encoding/json"
	"net"
	"net/http"
	"strings"
)

type ctxKey struct{}

// RightMostHop keys on the hop the trusted proxy appended.
func (s *Server) RightMostHop(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	ip := strings.TrimSpace(parts[len(parts)-1])
	if ok, _ := s.allow(r.Context(), ip); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// LastComma cuts the right-most hop with LastIndex.
func (s *Server) LastComma(w http.ResponseWriter, r *http.Request) {
	xff := r.Header.Get("X-Forwarded-For")
	i := strings.LastIndex(xff, ",")
	ip := strings.TrimSpace(xff[i+1:])
	if ok, _ := s.allow(r.Context(), ip); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// PeerAddress keys on the socket peer: no proxy middleware rewrites it
// in this package.
func (s *Server) PeerAddress(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ok, _ := s.allow(r.Context(), host); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// KnownKey rejects unknown keys before the count: the fix.
func (s *Server) KnownKey(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-Client-Key")
	if _, ok := s.keys[key]; !ok {
		http.Error(w, "unknown key", http.StatusUnauthorized)
		return
	}
	if ok, _ := s.allow(r.Context(), key); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// Principal keys on the account the lookup returned.
func (s *Server) Principal(w http.ResponseWriter, r *http.Request) {
	acct, ok := s.keys[r.Header.Get("X-Principal-Key")]
	if !ok {
		http.Error(w, "unknown key", http.StatusUnauthorized)
		return
	}
	if ok, _ := s.allow(r.Context(), acct.ID); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// lookupAccount asks the account store.
func (s *Server) lookupAccount(r *http.Request, key string) (*Account, error) {
	return nil, nil
}

// LookupErr verifies with a call whose error rejects.
func (s *Server) LookupErr(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Query().Get("api_key")
	if _, err := s.lookupAccount(r, key); err != nil {
		http.Error(w, "unknown key", http.StatusForbidden)
		return
	}
	if ok, _ := s.allow(r.Context(), key); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// SharedSecret compares the header with a secret in constant time.
func (s *Server) SharedSecret(w http.ResponseWriter, r *http.Request, secret []byte) {
	key := r.Header.Get("X-Partner-Key")
	if subtle.ConstantTimeCompare([]byte(key), secret) != 1 {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	if ok, _ := s.allow(r.Context(), key); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// Gated counts only inside the branch where the key is known.
func (s *Server) Gated(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-Gate-Key")
	if _, ok := s.keys[key]; ok {
		if ok, _ := s.allow(r.Context(), key); !ok {
			http.Error(w, "slow down", http.StatusTooManyRequests)
		}
	}
}

// FromContext keys on the user an authentication middleware stored.
func (s *Server) FromContext(w http.ResponseWriter, r *http.Request) {
	user, _ := r.Context().Value(ctxKey{}).(string)
	if ok, _ := s.allow(r.Context(), user); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// NotAKey reads a header that never reaches the counter.
func (s *Server) NotAKey(w http.ResponseWriter, r *http.Request) {
	trace := r.Header.Get("X-Request-ID")
	w.Header().Set("X-Request-ID", trace)
	if ok, _ := s.allow(r.Context(), "global"); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// GatewayUser keys on the user an authenticating proxy (oauth2-proxy, an
// AWS ALB) verified and wrote into the request.
func (s *Server) GatewayUser(w http.ResponseWriter, r *http.Request) {
	user := r.Header.Get("X-Forwarded-User")
	if ok, _ := s.allow(r.Context(), user); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
	if ok, _ := s.allow(r.Context(), r.Header.Get("X-Amzn-Oidc-Identity")); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// PageViews counts views per article: a counter, but no rate limit, so
// a client choosing the article bypasses nothing.
func (s *Server) PageViews(w http.ResponseWriter, r *http.Request) {
	article := r.URL.Query().Get("article")
	if err := s.rdb.Incr(r.Context(), "views:"+article).Err(); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}
}

// Stock decrements the stock of the requested item.
func (s *Server) Stock(w http.ResponseWriter, r *http.Request) {
	if _, err := s.db.ExecContext(r.Context(), "UPDATE inventory SET stock = stock - 1 WHERE sku = $1", r.FormValue("sku")); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}
}

type loginForm struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// Login counts failed attempts per submitted account: the limit protects
// that account.
func (s *Server) Login(w http.ResponseWriter, r *http.Request) {
	var form loginForm
	if err := json.NewDecoder(r.Body).Decode(&form); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if n, _ := s.rdb.Incr(r.Context(), "login_attempts:"+form.Email).Result(); n > 5 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	if form.Password == "" {
		http.Error(w, "bad credentials", http.StatusUnauthorized)
	}
}
