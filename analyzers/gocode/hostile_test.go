package gocode_test

import (
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/godriver"
	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

// TestHostileInputs runs every Go analyzer on packages that break the
// parser's and the type checker's assumptions (invalid UTF-8 where the
// package clause should be, an unterminated comment: files with no
// position; nesting deeper than the parser resolves; dependencies missing
// from the module cache): no analyzer may fail.
func TestHostileInputs(t *testing.T) {
	deepBlocks := "package deep\n\nimport \"net/http\"\n\nfunc H(w http.ResponseWriter, r *http.Request) string {\n" +
		strings.Repeat("\tif true {\n", 1200) + strings.Repeat("\t}\n", 1200) +
		"\tm := map[string]string{}\n\tk := r.Header.Get(\"X-Api-Key\")\n\treturn m[k] + k\n}\n" +
		"\nfunc Get(m map[string]string, k string) string { return m[k] }\n"
	deepExpr := "r.Header.Get(\"X-Api-Key\")"
	for range 3000 {
		deepExpr = "(" + deepExpr + " + \"x\")"
	}
	dir := gomodtest.Write(t, map[string]string{
		"go.mod":         "module example.com/h\n\ngo 1.22\n\nrequire github.com/redis/go-redis/v9 v9.999.0\n",
		"utf8/a.go":      "package utf8\n\nimport \"net/http\"\n\n// comment \xff\xfe bad\nfunc H(w http.ResponseWriter, r *http.Request) {\n\tk := r.Header.Get(\"X-Forwarded-For\") // \xc3\x28\n\t_ = k\n}\n\n// \xff\nfunc Get(m map[string]string, k string) string { return m[k] }\n",
		"bom/b.go":       "\xef\xbb\xbf\xff/* x */ package bom\n\nfunc F() {}\n",
		"open/c.go":      "package open\n/* \xff unterminated comment\nfunc F() {}\n",
		"deep/blocks.go": deepBlocks,
		"deep/expr.go":   "package deep\n\nimport \"net/http\"\n\nfunc E(r *http.Request) string {\n\treturn " + deepExpr + "\n}\n",
		"missing/m.go": `package missing

import (
	"context"
	"net/http"

	"github.com/redis/go-redis/v9"
)

type Config struct{ Limits map[string]int64 }

type L struct {
	rdb *redis.Client
	cfg *redis.Options
	m   map[string]*redis.Client
}

func (l *L) H(w http.ResponseWriter, r *http.Request) {
	k := r.Header.Get("X-Api-Key")
	c := l.m[k]
	n, err := c.Incr(context.Background(), "rl:"+k).Result()
	if err != nil || n > l.cfg.Limits[k] {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}
}
`,
	})
	res := godriver.Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./..."}}}, gocode.Analyzers(), dir, nil)
	for _, n := range res.Notifications {
		if n.Level == finding.LevelError {
			t.Errorf("analysis failed: %s", n.Message)
		}
	}
	if res.Failed {
		t.Error("the scan failed")
	}
}
