// Package aws is a test stub of github.com/aws/aws-sdk-go-v2/aws.
package aws

// Config is the SDK configuration.
type Config struct{ Region string }

// String returns a pointer to v.
func String(v string) *string { return &v }

// Int32 returns a pointer to v.
func Int32(v int32) *int32 { return &v }

// Int64 returns a pointer to v.
func Int64(v int64) *int64 { return &v }

// Bool returns a pointer to v.
func Bool(v bool) *bool { return &v }

// ToString dereferences p.
func ToString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
