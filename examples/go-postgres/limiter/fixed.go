package limiter

import (
	"context"
	"database/sql"
	"hash/fnv"
	"log"
	"net/http"
	"time"
)

// shards is how many rows the global request counter is split over.
const shards = 16

type principalKey struct{}

// WithPrincipal returns a context carrying the principal that the
// authentication middleware verified.
func WithPrincipal(ctx context.Context, principal string) context.Context {
	return context.WithValue(ctx, principalKey{}, principal)
}

// Principal returns the verified principal of the request, if any. Limits
// are counted per principal, never per raw header value.
func Principal(ctx context.Context) (string, bool) {
	p, ok := ctx.Value(principalKey{}).(string)
	return p, ok
}

// Atomic counts and decides in one statement.
type Atomic struct {
	DB *sql.DB
}

// Allow increments the client's counter and reports whether it is still
// within the limit, using the value the increment returned.
func (l *Atomic) Allow(ctx context.Context, client string) (bool, error) {
	bucket := time.Now().Truncate(Window).Unix()
	var count int
	err := l.DB.QueryRowContext(ctx, `
		INSERT INTO rate_limits (client_id, bucket, count) VALUES ($1, $2, 1)
		ON CONFLICT (client_id, bucket) DO UPDATE SET count = rate_limits.count + 1
		RETURNING count`, client, bucket).Scan(&count)
	if err != nil {
		return false, err
	}
	return count <= Limit, nil
}

// AtomicMiddleware limits every request and answers 503 when the limiter
// cannot decide, so outages are visible and never turn the limit off.
func AtomicMiddleware(l *Atomic, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client, authenticated := Principal(r.Context())
		if !authenticated {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		ok, err := l.Allow(r.Context(), client)
		if err != nil {
			log.Printf("rate limiter: %v", err)
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
			return
		}
		if !ok {
			w.Header().Set("Retry-After", "60")
			http.Error(w, "rate limited", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// CountRequestSharded spreads the global counter over shard rows; readers
// sum them.
func CountRequestSharded(ctx context.Context, db *sql.DB, client string) error {
	h := fnv.New32a()
	h.Write([]byte(client))
	_, err := db.ExecContext(ctx,
		"UPDATE request_totals SET hits = hits + 1 WHERE name = 'global' AND shard = $1", h.Sum32()%shards)
	return err
}
