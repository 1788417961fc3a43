package clienttime

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// ServerClock checks the client's clock for skew but keys the window on
// the server's: the fix.
func (l *Limiter) ServerClock(w http.ResponseWriter, r *http.Request, user string) {
	now := time.Now().Unix()
	sent, err := strconv.ParseInt(r.Header.Get("X-Client-Time"), 10, 64)
	if err != nil || sent < now-300 || sent > now+300 {
		http.Error(w, "clock skew", http.StatusBadRequest)
		return
	}
	key := fmt.Sprintf("rl:%s:%d", user, now/l.window*l.window)
	if n, _ := l.rdb.Incr(r.Context(), key).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// TenantShard uses arithmetic on a client value that is no time: a shard
// of the tenant (RL008's business if the tenant is unverified, not
// RL007's).
func (l *Limiter) TenantShard(w http.ResponseWriter, r *http.Request) {
	tenant, _ := strconv.Atoi(r.Header.Get("X-Tenant"))
	key := "rl:shard:" + strconv.Itoa(tenant%16)
	if n, _ := l.rdb.Incr(r.Context(), key).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// LogsClientTime reads the client's time for a log line only.
func (l *Limiter) LogsClientTime(w http.ResponseWriter, r *http.Request, user string) {
	fmt.Println("client time", r.Header.Get("X-Client-Time"))
	key := fmt.Sprintf("rl:%s:%d", user, time.Now().Unix()/60)
	if n, _ := l.rdb.Incr(r.Context(), key).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// Bookings allows three bookings per user and day: the date is the
// resource booked, not the client's clock.
func (l *Limiter) Bookings(w http.ResponseWriter, r *http.Request, user string) {
	date := r.FormValue("date")
	if n, _ := l.rdb.Incr(r.Context(), "rl:bookings:"+user+":"+date).Result(); n > 3 {
		http.Error(w, "too many bookings", http.StatusTooManyRequests)
	}
}
