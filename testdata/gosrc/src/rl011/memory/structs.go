package memory

import (
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// IPRateLimiter keeps one limiter per address.
type IPRateLimiter struct {
	mu  sync.Mutex
	ips map[string]*rate.Limiter // want `this map holds a rate.Limiter per client in process memory`
}

// NewIPRateLimiter returns a limiter.
func NewIPRateLimiter() *IPRateLimiter {
	return &IPRateLimiter{ips: make(map[string]*rate.Limiter)}
}

// Get returns the limiter of ip.
func (l *IPRateLimiter) Get(ip string) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, ok := l.ips[ip]
	if !ok {
		lim = rate.NewLimiter(rate.Every(time.Second), 5)
		l.ips[ip] = lim
	}
	return lim
}

type client struct {
	count int
	reset time.Time
}

// limitHandler counts per client in a field of the handler.
type limitHandler struct {
	mu      sync.Mutex
	clients map[string]*client // want `rate-limit counts in process memory`
	next    http.Handler
}

func (h *limitHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	c, ok := h.clients[r.RemoteAddr]
	if !ok || time.Now().After(c.reset) {
		c = &client{reset: time.Now().Add(time.Minute)}
		h.clients[r.RemoteAddr] = c
	}
	c.count++
	over := c.count > 100
	h.mu.Unlock()
	if over {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	h.next.ServeHTTP(w, r)
}

// batch lives for one call: its map is not process state.
type batch struct {
	counts map[string]int
}

func process(items []string) int {
	b := batch{counts: map[string]int{}}
	skipped := 0
	for _, it := range items {
		b.counts[it]++
		if b.counts[it] > 3 {
			skipped++
		}
	}
	return skipped
}
