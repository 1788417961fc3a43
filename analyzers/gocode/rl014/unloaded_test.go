package rl014_test

import (
	"fmt"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl014"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/godriver"
	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

// TestFrameworkNotDownloaded runs RL014 on a module whose gin is missing
// from the module cache: the context's methods are recognised by the
// import path of the type it is declared with.
func TestFrameworkNotDownloaded(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.999.0\n",
		"mw/mw.go": `package mw

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func Limit(c *gin.Context) {
	if c.GetHeader("X-Key") == "" {
		c.AbortWithStatusJSON(http.StatusTooManyRequests, gin.H{"error": "slow down"})
		return
	}
	c.Next()
}

func Fixed(c *gin.Context) {
	if c.GetHeader("X-Key") == "" {
		c.Header("Retry-After", "60")
		c.AbortWithStatusJSON(http.StatusTooManyRequests, gin.H{"error": "slow down"})
		return
	}
	c.Next()
}
`,
	})
	res := godriver.Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./..."}}}, []*analysis.Analyzer{rl014.Analyzer}, dir, nil)
	if len(res.Notifications) == 0 {
		t.Fatal("gin loaded: this test needs it missing from the module cache")
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d", f.RuleID, f.Location.Start.Line))
	}
	if want := []string{"RL014:11"}; !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}
