package limiter

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

// retryTakeClosed answers 503 once the attempts run out.
func retryTakeClosed(l *Limiter, w http.ResponseWriter, r *http.Request, next http.Handler) {
	allowed := false
	for i := 0; i < 3; i++ {
		ok, err := l.Take(r.RemoteAddr)
		if err != nil {
			time.Sleep(time.Duration(i) * time.Millisecond)
			continue
		}
		allowed = ok
		break
	}
	if !allowed {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	next.ServeHTTP(w, r)
}

// profile retries a read of other data: not a counter.
func profile(ctx context.Context, db *sql.DB, id string) string {
	var name string
	for i := 0; i < 3; i++ {
		if err := db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name); err != nil {
			continue
		}
		return name
	}
	return ""
}
