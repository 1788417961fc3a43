// Package gate stands for a limiter client the analysis cannot see into;
// the configuration above declares its Check a limiter.
package gate

// Gate is a shared-store limiter.
type Gate struct {
	ok func(key string) (bool, error)
}

// Check counts one request for key and reports whether it may proceed.
func (g *Gate) Check(key string) (bool, error) { return g.ok(key) }
