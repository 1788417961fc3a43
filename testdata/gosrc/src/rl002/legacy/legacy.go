// Package legacy holds RL002 fixtures for the legacy AttributeUpdates API.
package legacy

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	v1aws "github.com/aws/aws-sdk-go/aws"
	v1 "github.com/aws/aws-sdk-go/service/dynamodb"
)

type limiter struct{ db *dynamodb.Client }

type limiterV1 struct{ db *v1.DynamoDB }

func key(k string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: k}}
}

// legacy uses AttributeUpdates with ADD.
func (l *limiter) legacy(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `UpdateItem increments "hits" without a ConditionExpression`
		TableName: aws.String("limits"),
		Key:       key(k),
		AttributeUpdates: map[string]types.AttributeValueUpdate{
			"hits": {Action: types.AttributeActionAdd, Value: &types.AttributeValueMemberN{Value: "1"}},
		},
	})
	return err
}

// legacyExpected carries a legacy condition: fine.
func (l *limiter) legacyExpected(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String("limits"),
		Key:       key(k),
		AttributeUpdates: map[string]types.AttributeValueUpdate{
			"hits": {Action: types.AttributeActionAdd, Value: &types.AttributeValueMemberN{Value: "1"}},
		},
		Expected: map[string]types.ExpectedAttributeValue{
			"hits": {Exists: aws.Bool(false)},
		},
	})
	return err
}

// fromHelper gets its input from elsewhere: not judged.
func (l *limiter) fromHelper(ctx context.Context, in *dynamodb.UpdateItemInput) error {
	_, err := l.db.UpdateItem(ctx, in)
	return err
}

// legacyV1 uses AttributeUpdates with ADD through the v1 SDK.
func (l *limiterV1) legacyV1(k string) error {
	_, err := l.db.UpdateItem(&v1.UpdateItemInput{ // want `UpdateItem increments "hits" without a ConditionExpression`
		TableName: v1aws.String("limits"),
		Key:       map[string]*v1.AttributeValue{"pk": {S: v1aws.String(k)}},
		AttributeUpdates: map[string]*v1.AttributeValueUpdate{
			"hits": {Action: v1aws.String(v1.AttributeActionAdd), Value: &v1.AttributeValue{N: v1aws.String("1")}},
		},
	})
	return err
}

// legacyRelease adds a negative amount: a decrement.
func (l *limiter) legacyRelease(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String("limits"),
		Key:       key(k),
		AttributeUpdates: map[string]types.AttributeValueUpdate{
			"in_flight": {Action: types.AttributeActionAdd, Value: &types.AttributeValueMemberN{Value: "-1"}},
		},
	})
	return err
}
