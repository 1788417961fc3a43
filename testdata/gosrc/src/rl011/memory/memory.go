// Package memory holds RL011 fixtures: rate-limit state in process memory,
// in a repository that says nothing about its replicas.
package memory

import (
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

var (
	mu       sync.Mutex
	visitors = make(map[string]*rate.Limiter) // want `this map holds a rate.Limiter per client in process memory, so every replica \(and every process\) of the service counts on its own`
	hits     = map[string]int{}               // want `this map holds rate-limit counts in process memory`
	lastSeen = map[string]time.Time{}         // want `rate-limit counts in process memory`
	logs     = map[string][]time.Time{}       // want `rate-limit counts in process memory`
)

func getVisitor(ip string) *rate.Limiter {
	mu.Lock()
	defer mu.Unlock()
	l, ok := visitors[ip]
	if !ok {
		l = rate.NewLimiter(1, 3)
		visitors[ip] = l
	}
	return l
}

// limit is the middleware of the x/time/rate examples.
func limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !getVisitor(r.RemoteAddr).Allow() {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func counted(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	hits[r.RemoteAddr]++
	n := hits[r.RemoteAddr]
	mu.Unlock()
	if n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

func minInterval(ip string) bool {
	mu.Lock()
	defer mu.Unlock()
	if time.Since(lastSeen[ip]) < time.Second {
		return false
	}
	lastSeen[ip] = time.Now()
	return true
}

func slidingLog(ip string) bool {
	mu.Lock()
	defer mu.Unlock()
	now := time.Now()
	logs[ip] = append(logs[ip], now)
	return len(logs[ip]) <= 100
}

var limiters sync.Map // want `this map holds a rate.Limiter per client in process memory`

func allowSync(ip string) bool {
	v, _ := limiters.LoadOrStore(ip, rate.NewLimiter(5, 10))
	return v.(*rate.Limiter).Allow()
}
