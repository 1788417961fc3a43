package reqheaders

import "testing"

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name string
		want Class
	}{
		{"X-Forwarded-For", Forwarding},
		{"x-real-ip", Forwarding},
		{"Forwarded", Forwarding},
		{"X-Forwarded-User", GatewayIdentity},
		{"X-Amzn-Oidc-Identity", GatewayIdentity},
		{"X-Goog-Authenticated-User-Email", GatewayIdentity},
		{"CF-Connecting-IP", PlatformAddress},
		{"True-Client-IP", PlatformAddress},
		{"X-API-Key", Client},
		{"X-Forwarded-Host", Client},
		{"", Client},
	} {
		if got := Classify(tc.name); got != tc.want {
			t.Errorf("Classify(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
