package limiter

import (
	"net/http"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// OneUnit increments the counter and gives it its expiry in one MULTI/EXEC:
// the key can never exist without its expiry. Its 429 says when the
// window resets.
type OneUnit struct {
	RDB *redis.Client
}

// Middleware limits every request.
func (l *OneUnit) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		now := time.Now()
		key := windowKey(clientIP(r), now)
		pipe := l.RDB.TxPipeline()
		incr := pipe.Incr(ctx, key)
		pipe.ExpireNX(ctx, key, Window)
		if _, err := pipe.Exec(ctx); err != nil {
			http.Error(w, "rate limiter unavailable", http.StatusServiceUnavailable)
			return
		}
		if incr.Val() > Limit {
			reset := now.Truncate(Window).Add(Window).Sub(now)
			w.Header().Set("Retry-After", strconv.Itoa(int(reset/time.Second)+1))
			http.Error(w, "rate limited", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// SharedExportQuota keeps the export quota in Redis, where every replica
// counts in the same key, with the expiry in the same MULTI/EXEC.
type SharedExportQuota struct {
	RDB *redis.Client
}

// Middleware limits the export endpoint.
func (q *SharedExportQuota) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		now := time.Now()
		key := "export:" + clientIP(r) + ":" + strconv.FormatInt(now.Unix()/int64(ExportWindow/time.Second), 10)
		pipe := q.RDB.TxPipeline()
		incr := pipe.Incr(ctx, key)
		pipe.ExpireNX(ctx, key, ExportWindow)
		if _, err := pipe.Exec(ctx); err != nil {
			http.Error(w, "quota unavailable", http.StatusServiceUnavailable)
			return
		}
		if incr.Val() > ExportLimit {
			reset := now.Truncate(ExportWindow).Add(ExportWindow).Sub(now)
			w.Header().Set("Retry-After", strconv.Itoa(int(reset/time.Second)+1))
			http.Error(w, "export quota exceeded", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
