package rl013_test

import (
	"fmt"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl013"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/godriver"
	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

// TestClientNotDownloaded runs RL013 on a module whose go-redis is
// missing from the module cache: the commands are recognised by the
// import path of the client's declared type, and a pipeline by the method
// that made it or the type of the callback's parameter.
func TestClientNotDownloaded(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n\nrequire github.com/redis/go-redis/v9 v9.999.0\n",
		"limit/limit.go": `package limit

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

type Limiter struct{ rdb *redis.Client }

func (l *Limiter) Separate(ctx context.Context, key string) bool {
	n := l.rdb.Incr(ctx, key).Val()
	if n == 1 {
		l.rdb.Expire(ctx, key, time.Minute)
	}
	return n <= 100
}

func (l *Limiter) TxPipeline(ctx context.Context, key string) bool {
	n, _ := l.rdb.Get(ctx, key).Int()
	if n >= 100 {
		return false
	}
	pipe := l.rdb.TxPipeline()
	pipe.Incr(ctx, key)
	pipe.Expire(ctx, key, time.Minute)
	_, err := pipe.Exec(ctx)
	return err == nil
}

func (l *Limiter) Pipelined(ctx context.Context, key string) bool {
	var incr *redis.IntCmd
	l.rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		incr = pipe.Incr(ctx, key)
		pipe.Expire(ctx, key, time.Minute)
		return nil
	})
	return incr.Val() <= 100
}
`,
	})
	res := godriver.Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./..."}}}, []*analysis.Analyzer{rl013.Analyzer}, dir, nil)
	if len(res.Notifications) == 0 {
		t.Fatal("go-redis loaded: this test needs it missing from the module cache")
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%s", f.RuleID, f.Location.Start.Line, f.Severity))
	}
	if want := []string{"RL013:13:medium"}; !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}
