package memory

import (
	"net/http"
	"sync"

	"golang.org/x/time/rate"
)

// Maps and limiters that are not per-client limit state.
var (
	quotas    = map[string]int{"free": 100, "pro": 1000}
	views     = map[string]int{}
	seeded    = map[string]int{}
	totals    = map[string]int{}
	throttle  = rate.NewLimiter(10, 20)
	userPlans = map[string]string{}
)

func init() {
	seeded["admin"] = 1
	for _, u := range []string{"a", "b"} {
		seeded[u] = 0
	}
}

// planLimit reads configuration: never written.
func planLimit(plan string, n int) bool {
	return n <= quotas[plan]
}

// countView writes a map nothing decides on.
func countView(path string) {
	mu.Lock()
	views[path]++
	mu.Unlock()
}

// seededOnly decides on a map written only in init.
func seededOnly(user string) bool {
	return seeded[user] < 1
}

// total counts one entry for every client: not per client.
func total() bool {
	mu.Lock()
	defer mu.Unlock()
	totals["all"]++
	return totals["all"] <= 1000
}

// global is one limiter shared by all clients: a per-process throttle.
func global(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !throttle.Allow() {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// local keeps its counts per call.
func local(items []string) int {
	seen := map[string]int{}
	dup := 0
	for _, it := range items {
		seen[it]++
		if seen[it] > 1 {
			dup++
		}
	}
	return dup
}

// plans maps users to plan names: not counts.
func plans(user, plan string) {
	userPlans[user] = plan
}

type owner struct {
	limiter *rate.Limiter
}

type topic struct {
	subscribers []string
	owner       *owner
}

var topics = map[string]*topic{}

// subscribe keeps topics by name: the limiter of a topic's owner is not
// keyed by the map's key.
func subscribe(name, sub string) bool {
	t, ok := topics[name]
	if !ok {
		t = &topic{owner: &owner{limiter: rate.NewLimiter(1, 1)}}
		topics[name] = t
	}
	t.subscribers = append(t.subscribers, sub)
	return t.owner.limiter.Allow()
}

var sessions sync.Map

// remember keeps sessions, not limiters.
func remember(id string, user string) {
	sessions.Store(id, user)
}
