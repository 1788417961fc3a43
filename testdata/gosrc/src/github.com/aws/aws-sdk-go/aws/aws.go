// Package aws is a test stub of github.com/aws/aws-sdk-go/aws.
package aws

import "context"

// Context is the SDK's context type.
type Context = context.Context

// Config is the SDK configuration.
type Config struct{ Region *string }

// String returns a pointer to v.
func String(v string) *string { return &v }

// Int64 returns a pointer to v.
func Int64(v int64) *int64 { return &v }

// Bool returns a pointer to v.
func Bool(v bool) *bool { return &v }

// StringValue dereferences p.
func StringValue(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
