// Package api keys its limits with the helpers of packages utils and
// keygen, and counts with package limiter or with Redis directly.
package api

import (
	"net/http"

	"github.com/redis/go-redis/v9"

	"rl008/xff/keygen"
	"rl008/xff/limiter"
	"rl008/xff/utils"
)

// Handler limits per client.
type Handler struct {
	rdb *redis.Client
	lim *limiter.Limiter
}

// Direct counts in Redis under a key built from utils.ClientIP.
func (h *Handler) Direct(w http.ResponseWriter, r *http.Request) {
	ip := utils.ClientIP(r) // want `the rate-limit key comes from the first X-Forwarded-For entry \(read by utils.ClientIP\)`
	key := keygen.Key("rl", ip)
	n, err := h.rdb.Incr(r.Context(), key).Result()
	if err != nil || n > 10 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// ViaLimiter hands the spoofable key to a limiter of another package.
func (h *Handler) ViaLimiter(w http.ResponseWriter, r *http.Request) {
	ok, err := h.lim.Hit(r.Context(), keygen.Key("api", utils.ClientIP(r))) // want `the rate-limit key comes from the first X-Forwarded-For entry \(read by utils.ClientIP\)`
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// Peer keys on the connection's address: the fixed twin.
func (h *Handler) Peer(w http.ResponseWriter, r *http.Request) {
	ok, err := h.lim.Hit(r.Context(), keygen.Key("api", utils.PeerIP(r)))
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}
