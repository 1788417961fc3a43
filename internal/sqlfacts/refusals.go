package sqlfacts

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Refusal is a SQL text that Analyze did not parse because it is over
// MaxLen or MaxDepth.
type Refusal struct {
	Start string      // the text's first line, cut to 60 characters (startLen)
	Err   *LimitError // which bound, by how much
}

// Refusals records the texts Analyze refuses, for callers that cannot see
// Analyze's errors: a scan, whose rules take a refused text, like any text
// that does not parse, as "no facts". Each distinct text is recorded once,
// however often the rules analyze it.
type Refusals struct {
	mu      sync.Mutex
	seen    map[uint64]bool
	refused []Refusal
}

// startLen is how many characters of a refused text Refusal.Start keeps.
const startLen = 60

var (
	watchMu  sync.Mutex
	watchers []*Refusals
	seed     = maphash.MakeSeed()
)

// Watch starts recording the texts that Analyze refuses, in any goroutine,
// until Stop.
func Watch() *Refusals {
	r := &Refusals{seen: make(map[uint64]bool)}
	watchMu.Lock()
	watchers = append(watchers, r)
	watchMu.Unlock()
	return r
}

// Stop ends the recording and returns the texts refused since Watch, in
// the order they were first refused.
func (r *Refusals) Stop() []Refusal {
	watchMu.Lock()
	watchers = slices.DeleteFunc(watchers, func(w *Refusals) bool { return w == r })
	watchMu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.refused)
}

// refuse records that sql is over the bounds, with every watcher.
func refuse(sql string, limit *LimitError) {
	watchMu.Lock()
	ws := slices.Clone(watchers)
	watchMu.Unlock()
	if len(ws) == 0 {
		return
	}
	h := maphash.String(seed, sql)
	start := strings.TrimSpace(sql)
	if i := strings.IndexByte(start, '\n'); i >= 0 {
		start = start[:i]
	}
	if utf8.RuneCountInString(start) > startLen {
		start = string([]rune(start[:min(len(start), startLen*utf8.UTFMax)])[:startLen]) + "…"
	}
	for _, w := range ws {
		w.mu.Lock()
		if !w.seen[h] {
			w.seen[h] = true
			w.refused = append(w.refused, Refusal{Start: start, Err: limit})
		}
		w.mu.Unlock()
	}
}
