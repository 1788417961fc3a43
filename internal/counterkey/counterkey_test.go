package counterkey

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	tests := map[string][]string{
		"client_id":  {"client", "id"},
		"clientID":   {"client", "id"},
		"ClientId":   {"client", "id"},
		"api-key":    {"api", "key"},
		"HTTPRoute":  {"http", "route"},
		"window.sec": {"window", "sec"},
		"":           nil,
	}
	for in, want := range tests {
		if got := Words(in); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := map[string]Role{
		"client_id":    Client,
		"user":         Client,
		"api_key":      Client,
		"apiKey":       Client,
		"ip":           Client,
		"bucket":       Time,
		"window_start": Time,
		"shard":        Shard,
		"shard_id":     Shard,
		"client_shard": Shard,
		"endpoint":     Endpoint,
		"route_name":   Endpoint,
		"name":         Endpoint,
		"id":           Unknown,
		"hits":         Unknown,
	}
	for in, want := range tests {
		if got := Classify(in); got != want {
			t.Errorf("Classify(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestSpreads(t *testing.T) {
	for _, r := range []Role{Client, Time, Shard} {
		if !r.Spreads() {
			t.Errorf("%v should spread", r)
		}
	}
	for _, r := range []Role{Unknown, Endpoint} {
		if r.Spreads() {
			t.Errorf("%v should not spread", r)
		}
	}
}

func TestIsCounterName(t *testing.T) {
	for _, name := range []string{"count", "request_count", "hits", "tokensUsed", "calls"} {
		if !IsCounterName(name) {
			t.Errorf("IsCounterName(%q) = false", name)
		}
	}
	for _, name := range []string{"name", "client_id", "updated_at", "email"} {
		if IsCounterName(name) {
			t.Errorf("IsCounterName(%q) = true", name)
		}
	}
}

func TestMentionsLimit(t *testing.T) {
	for _, s := range []string{"rl:", "rate_limits", "api_quota", "login_attempts", "UPDATE rate_limits SET n = n + 1", "ratelimit:{user}"} {
		if !MentionsLimit(s) {
			t.Errorf("MentionsLimit(%q) = false", s)
		}
	}
	for _, s := range []string{"views:", "page_views", "page_hits:", "UPDATE inventory SET stock = stock - 1", "counter", ""} {
		if MentionsLimit(s) {
			t.Errorf("MentionsLimit(%q) = true", s)
		}
	}
}

func TestIsLimitFunc(t *testing.T) {
	for _, s := range []string{"Allow", "is_rate_limited", "Throttle", "check_quota", "TokenBucket", "RateLimitMiddleware"} {
		if !IsLimitFunc(s) {
			t.Errorf("IsLimitFunc(%q) = false", s)
		}
	}
	for _, s := range []string{"TrackView", "record_hit", "handler"} {
		if IsLimitFunc(s) {
			t.Errorf("IsLimitFunc(%q) = true", s)
		}
	}
}

func TestLoginNames(t *testing.T) {
	for _, s := range []string{"username", "Email", "user_name", "login", "phoneNumber"} {
		if !IsLoginName(s) {
			t.Errorf("IsLoginName(%q) = false", s)
		}
	}
	for _, s := range []string{"client_id", "tenant", "api_key", ""} {
		if IsLoginName(s) {
			t.Errorf("IsLoginName(%q) = true", s)
		}
	}
	for _, s := range []string{"Password", "check_password", "old_passwd", "CompareHashAndPassword"} {
		if !MentionsPassword(s) {
			t.Errorf("MentionsPassword(%q) = false", s)
		}
	}
	if MentionsPassword("pass") {
		t.Error(`MentionsPassword("pass") = true`)
	}
}

func TestIsTimeField(t *testing.T) {
	for _, s := range []string{"X-Client-Time", "ts", "sent_timestamp", "window_start", "epoch"} {
		if !IsTimeField(s) {
			t.Errorf("IsTimeField(%q) = false", s)
		}
	}
	for _, s := range []string{"Date", "bucket", "start", "X-API-Key", ""} {
		if IsTimeField(s) {
			t.Errorf("IsTimeField(%q) = true", s)
		}
	}
}
