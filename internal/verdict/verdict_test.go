package verdict

import "testing"

func TestVerdict(t *testing.T) {
	for name, want := range map[string]bool{"IsBlocked": true, "limitExceeded": true, "ShouldThrottle": true, "Allow": false, "CheckIPLimit": false} {
		if got := Inverted(name); got != want {
			t.Errorf("Inverted(%q) = %v", name, got)
		}
	}
	for s, want := range map[string]bool{"ErrRateLimited": true, "too many requests": true, "quota exhausted": true, "ErrNotFound": false} {
		if got := SaysLimited(s); got != want {
			t.Errorf("SaysLimited(%q) = %v", s, got)
		}
	}
	if !Is429(429) || Is429(503) || !Is5xx(503) || Is5xx(429) {
		t.Error("status codes")
	}
}
