package rl016_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl016"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/godriver"
	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

// TestSDKNotDownloaded runs RL016 on a module whose AWS SDK is missing from
// the module cache (a CI job without `go mod download`): the inputs are
// recognised by their import paths and the expressions still checked.
func TestSDKNotDownloaded(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n\nrequire (\n\tgithub.com/aws/aws-sdk-go-v2 v1.999.0\n\tgithub.com/aws/aws-sdk-go-v2/service/dynamodb v1.999.0\n)\n",
		"limit/limit.go": `package limit

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

func Input(key string) *dynamodb.UpdateItemInput {
	return &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		UpdateExpression: aws.String("ADD hits :one SET ttl = :ttl"),
	}
}
`,
	})
	res := godriver.Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./..."}}}, []*analysis.Analyzer{rl016.Analyzer}, dir, nil)
	if len(res.Notifications) == 0 {
		t.Fatal("the SDK loaded: this test needs it missing from the module cache")
	}
	if len(res.Findings) != 1 || res.Findings[0].Location.Start.Line != 11 || !strings.Contains(res.Findings[0].Message, `"ttl" as an attribute name`) {
		t.Errorf("findings = %+v, want the reserved word ttl on line 11", res.Findings)
	}
}
