// Package scaled keeps counts in memory in a repository whose Compose
// file runs three replicas.
package scaled

import "sync"

var (
	mu   sync.Mutex
	hits = map[string]int{} // want `rate-limit counts in process memory.*\(the repository runs several: service api: replicas 3, docker-compose.yml:6\)`
)

func allow(ip string) bool {
	mu.Lock()
	defer mu.Unlock()
	hits[ip]++
	return hits[ip] <= 100
}
