package reqsource

import "testing"

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		k     Kind
		field string
		want  string
	}{
		{Forwarded, "x-forwarded-for", "the first X-Forwarded-For entry"},
		{Forwarded, "X-Real-IP", "the X-Real-IP header"},
		{Header, "X-API-Key", "the X-API-Key header"},
		{Header, "", "a request header"},
		{Query, "client_id", "the client_id query parameter"},
		{Form, "", "a form field"},
		{Cookie, "sid", "the sid cookie"},
		{Body, "ClientID", "the ClientID field of the request body"},
	} {
		if got := Describe(tc.k, tc.field); got != tc.want {
			t.Errorf("Describe(%v, %q) = %q, want %q", tc.k, tc.field, got, tc.want)
		}
	}
	if got := ReadBy("the X-Real-IP header", "utils.ClientIP"); got != "the X-Real-IP header (read by utils.ClientIP)" {
		t.Errorf("ReadBy = %q", got)
	}
}
