// Package v2 holds RL002 fixtures for aws-sdk-go-v2.
package v2

import (
	"context"
	"errors"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

const updateExpr = "SET #n = if_not_exists(#n, :zero) + :inc"

type limiter struct{ db *dynamodb.Client }

func key(k string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: k}}
}

// add increments and ignores the result: nothing enforces the limit.
func (l *limiter) add(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `UpdateItem increments "request_count" without a ConditionExpression and nothing checks the new value`
		TableName:        aws.String("limits"),
		Key:              key(k),
		UpdateExpression: aws.String("ADD request_count :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one": &types.AttributeValueMemberN{Value: "1"},
		},
	})
	return err
}

// checkAfter compares the returned value: the limit holds, writes do not.
func (l *limiter) checkAfter(ctx context.Context, k string) (bool, error) {
	out, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `UpdateItem increments "n" without a ConditionExpression and checks the returned value only after the write`
		TableName:        aws.String("limits"),
		Key:              key(k),
		UpdateExpression: aws.String(updateExpr),
		ExpressionAttributeNames: map[string]string{
			"#n": "n",
		},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":zero": &types.AttributeValueMemberN{Value: "0"},
			":inc":  &types.AttributeValueMemberN{Value: "1"},
		},
		ReturnValues: types.ReturnValueUpdatedNew,
	})
	if err != nil {
		return false, err
	}
	n, err := strconv.Atoi(out.Attributes["n"].(*types.AttributeValueMemberN).Value)
	if err != nil {
		return false, err
	}
	return n <= 100, nil
}

// conditional carries the limit in the write: fine.
func (l *limiter) conditional(ctx context.Context, k string) (bool, error) {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String("limits"),
		Key:                 key(k),
		UpdateExpression:    aws.String("ADD n :one"),
		ConditionExpression: aws.String("attribute_not_exists(n) OR n < :limit"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one":   &types.AttributeValueMemberN{Value: "1"},
			":limit": &types.AttributeValueMemberN{Value: "100"},
		},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return false, nil
	}
	return err == nil, err
}

// conditionLater sets the condition on the input variable: fine.
func (l *limiter) conditionLater(ctx context.Context, k string) error {
	in := &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		Key:              key(k),
		UpdateExpression: aws.String("SET n = n + :one"),
	}
	in.ConditionExpression = aws.String("n < :limit")
	_, err := l.db.UpdateItem(ctx, in)
	return err
}

// variableNoCondition builds the input in a variable, without a condition.
func (l *limiter) variableNoCondition(ctx context.Context, k string) error {
	in := &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		Key:              key(k),
		UpdateExpression: aws.String("SET n = n + :one"),
	}
	in.ReturnValues = types.ReturnValueNone
	_, err := l.db.UpdateItem(ctx, in) // want `UpdateItem increments "n" without a ConditionExpression and nothing checks`
	return err
}

// release decrements: not an increment.
func (l *limiter) release(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		Key:              key(k),
		UpdateExpression: aws.String("SET in_flight = in_flight - :one"),
	})
	if err != nil {
		return err
	}
	_, err = l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		Key:              key(k),
		UpdateExpression: aws.String("ADD in_flight :minus"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":minus": &types.AttributeValueMemberN{Value: "-1"},
		},
	})
	return err
}

// touch sets plain values and adds to a set: not counters.
func (l *limiter) touch(ctx context.Context, k, now string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		Key:              key(k),
		UpdateExpression: aws.String("SET last_seen = :now ADD seen_ips :ip"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":now": &types.AttributeValueMemberS{Value: now},
			":ip":  &types.AttributeValueMemberSS{Value: []string{k}},
		},
	})
	return err
}

// pageViews counts views that nothing limits: not this rule's business.
func pageViews(ctx context.Context, db *dynamodb.Client, page string) error {
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String("pages"),
		Key:              key(page),
		UpdateExpression: aws.String("ADD views :one"),
	})
	return err
}
