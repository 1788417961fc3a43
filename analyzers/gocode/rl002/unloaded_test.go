package rl002_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/rl002"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/godriver"
	"github.com/rlcheck/rlcheck/internal/gomodtest"
)

// TestSDKNotDownloaded runs RL002 on a module whose AWS SDK is missing from
// the module cache: the UpdateItem call is recognised by its input
// literal's import path.
func TestSDKNotDownloaded(t *testing.T) {
	dir := gomodtest.Write(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n\nrequire (\n\tgithub.com/aws/aws-sdk-go-v2 v1.999.0\n\tgithub.com/aws/aws-sdk-go-v2/service/dynamodb v1.999.0\n)\n",
		"limit/limit.go": `package limit

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

type Limiter struct{ DB *dynamodb.Client }

func (l *Limiter) Hit(ctx context.Context, key string) error {
	_, err := l.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		UpdateExpression: aws.String("ADD hits :one"),
	})
	return err
}
`,
	})
	res := godriver.Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./..."}}}, []*analysis.Analyzer{rl002.Analyzer}, dir, nil)
	if len(res.Notifications) == 0 {
		t.Fatal("the SDK loaded: this test needs it missing from the module cache")
	}
	if len(res.Findings) != 1 || res.Findings[0].Location.Start.Line != 13 || !strings.Contains(res.Findings[0].Message, "ConditionExpression") {
		t.Errorf("findings = %+v, want the unconditional ADD on line 13", res.Findings)
	}
}
