package reqflow

import "testing"

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		src  Source
		want string
	}{
		{Source{Kind: Forwarded, Field: "X-Forwarded-For"}, "the first X-Forwarded-For entry"},
		{Source{Kind: Forwarded, Field: "X-Real-IP"}, "the X-Real-IP header"},
		{Source{Kind: Forwarded, Via: "gin's c.ClientIP()"}, "gin's c.ClientIP()"},
		{Source{Kind: Header, Field: "X-API-Key"}, "the X-API-Key header"},
		{Source{Kind: Header}, "a request header"},
		{Source{Kind: Query, Field: "client_id"}, "the client_id query parameter"},
		{Source{Kind: Form, Field: "tenant"}, "the tenant form field"},
		{Source{Kind: Cookie, Field: "visitor"}, "the visitor cookie"},
		{Source{Kind: Body, Field: "ClientID"}, "the ClientID field of the request body"},
		{Source{Kind: Body}, "the request body"},
	} {
		if got := tc.src.Describe(); got != tc.want {
			t.Errorf("%+v: Describe() = %q, want %q", tc.src, got, tc.want)
		}
	}
}
