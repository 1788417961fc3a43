package nethttp

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/redis/go-redis/v9"
)

// Server is a rate-limited API.
type Server struct {
	rdb  *redis.Client
	db   *sql.DB
	ddb  *dynamodb.Client
	keys map[string]Account
}

// Account is a known API client.
type Account struct{ ID string }

// allow counts a request under key: the package's limiter.
func (s *Server) allow(ctx context.Context, key string) (bool, error) {
	n, err := s.rdb.Incr(ctx, "rl:"+key).Result()
	return n <= 100, err
}

// APIKeyHeader is seed 001: an X-API-Key that nothing verifies.
func (s *Server) APIKeyHeader(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-API-Key") // want `the rate-limit key comes from the X-API-Key header, which nothing authenticates`
	n, err := s.rdb.Incr(r.Context(), "rl:"+key).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// PresenceOnly tests that a key was sent, not that it is known.
func (s *Server) PresenceOnly(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-API-Key") // want `the X-API-Key header, which nothing authenticates`
	if key == "" || len(key) < 16 || !strings.HasPrefix(key, "sk_") {
		http.Error(w, "missing key", http.StatusUnauthorized)
		return
	}
	if ok, err := s.allow(r.Context(), key); err != nil || !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// FirstHop keys on the first X-Forwarded-For entry, through a helper of
// the package.
func (s *Server) FirstHop(w http.ResponseWriter, r *http.Request) {
	ip := strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-For"), ",")[0]) // want `the first X-Forwarded-For entry, which the client writes itself`
	if ok, _ := s.allow(r.Context(), ip); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// clientIP returns X-Real-IP, which the client can send itself.
func clientIP(r *http.Request) string {
	return r.Header.Get("X-Real-IP") // want `the X-Real-IP header, which the client writes itself`
}

// RealIPHelper counts under what clientIP returns.
func (s *Server) RealIPHelper(w http.ResponseWriter, r *http.Request) {
	if ok, _ := s.allow(r.Context(), clientIP(r)); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// QueryClient is seed 000: a client_id query parameter keys a SQL
// counter.
func (s *Server) QueryClient(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	client := q.Get("client_id") // want `the client_id query parameter, which nothing authenticates`
	_, err := s.db.ExecContext(r.Context(),
		"INSERT INTO rate_limits (client_id, hits) VALUES ($1, 1) ON CONFLICT (client_id) DO UPDATE SET hits = rate_limits.hits + 1",
		client)
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}
}

type quotaRequest struct {
	ClientID string `json:"client_id"`
	Units    int    `json:"units"`
}

// BodyField keys a DynamoDB counter on a field of the JSON body.
func (s *Server) BodyField(w http.ResponseWriter, r *http.Request) {
	var req quotaRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	_, err := s.ddb.UpdateItem(r.Context(), &dynamodb.UpdateItemInput{
		TableName: aws.String("quotas"),
		Key: map[string]types.AttributeValue{
			"client_id": &types.AttributeValueMemberS{Value: req.ClientID}, // want `the ClientID field of the request body`
		},
		UpdateExpression:          aws.String("ADD used :n"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":n": &types.AttributeValueMemberN{Value: "1"}},
	})
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}
}

// SessionCookie keys on a cookie the server re-issues when it is missing.
func (s *Server) SessionCookie(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("visitor") // want `the visitor cookie, which nothing authenticates`
	if err != nil {
		http.SetCookie(w, &http.Cookie{Name: "visitor", Value: "new"})
		return
	}
	if ok, _ := s.allow(r.Context(), c.Value); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// FormatOnly validates the form of the key with strings and a regexp-free
// length check: no authentication.
func (s *Server) FormatOnly(w http.ResponseWriter, r *http.Request) {
	tenant := r.FormValue("tenant") // want `the tenant form field, which nothing authenticates`
	if len(tenant) != 8 {
		http.Error(w, "bad tenant", http.StatusBadRequest)
		return
	}
	if ok, _ := s.allow(r.Context(), strings.ToLower(tenant)); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// ReadThenWrite reads a count and writes it back under a query
// parameter: the write is the counter.
func (s *Server) ReadThenWrite(w http.ResponseWriter, r *http.Request) {
	user := r.URL.Query().Get("user") // want `the user query parameter, which nothing authenticates`
	var count int
	if err := s.db.QueryRowContext(r.Context(), "SELECT count FROM rate_limits WHERE user_id = $1", user).Scan(&count); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if _, err := s.db.ExecContext(r.Context(), "UPDATE rate_limits SET count = $1 WHERE user_id = $2", count+1, user); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}
}

// SlidingLog keys a sorted-set log on the first X-Forwarded-For entry.
func (s *Server) SlidingLog(w http.ResponseWriter, r *http.Request) {
	ip := strings.Split(r.Header.Get("X-Forwarded-For"), ",")[0] // want `the first X-Forwarded-For entry`
	ctx := r.Context()
	s.rdb.ZAdd(ctx, "log:"+ip, redis.Z{Score: 1, Member: "m"})
	if n, _ := s.rdb.ZCard(ctx, "log:"+ip).Result(); n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}

// incrScript counts and sets the window's expiry atomically.
const incrScript = `local n = redis.call("INCR", KEYS[1]) if n == 1 then redis.call("EXPIRE", KEYS[1], ARGV[1]) end return n`

// LuaLimiter keys a Lua-script counter on X-Real-IP.
func (s *Server) LuaLimiter(w http.ResponseWriter, r *http.Request) {
	key := "rl:" + r.Header.Get("X-Real-IP") // want `the X-Real-IP header, which the client writes itself`
	n, err := s.rdb.Eval(r.Context(), incrScript, []string{key}, 60).Int64()
	if err != nil || n > 100 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}
