// Package keygen builds limiter keys.
package keygen

import "fmt"

// Key joins a prefix and an identity.
func Key(prefix, id string) string { return fmt.Sprintf("%s:%s", prefix, id) }
