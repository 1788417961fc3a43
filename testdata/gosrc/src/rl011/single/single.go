// Package single keeps counts in memory in a repository whose Kubernetes
// Deployment runs one replica: low.
package single

import "sync"

var (
	mu   sync.Mutex
	hits = map[string]int{} // want `rate-limit counts in process memory.*\(the repository shows a single replica; the limit multiplies as soon as it scales\)`
)

func allow(ip string) bool {
	mu.Lock()
	defer mu.Unlock()
	hits[ip]++
	return hits[ip] <= 100
}
