// Package dynamov1 holds RL013 fixtures for aws-sdk-go v1.
package dynamov1

import (
	"context"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/service/dynamodb"
)

type limiter struct{ db *dynamodb.DynamoDB }

func (l *limiter) window(ctx context.Context, client string) error {
	bucket := strconv.FormatInt(time.Now().Unix()/60, 10)
	_, err := l.db.UpdateItemWithContext(ctx, &dynamodb.UpdateItemInput{ // want `this DynamoDB window counter sets no TTL attribute`
		TableName:           aws.String("rate_limits"),
		Key:                 map[string]*dynamodb.AttributeValue{"pk": {S: aws.String(client + "#" + bucket)}},
		UpdateExpression:    aws.String("ADD #c :one"),
		ConditionExpression: aws.String("attribute_not_exists(#c) OR #c < :max"),
		ExpressionAttributeNames: map[string]*string{
			"#c": aws.String("count"),
		},
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{
			":one": {N: aws.String("1")},
			":max": {N: aws.String("100")},
		},
	})
	return err
}

func (l *limiter) windowTTL(ctx context.Context, client string) error {
	now := time.Now().Unix()
	_, err := l.db.UpdateItemWithContext(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String("rate_limits"),
		Key:                 map[string]*dynamodb.AttributeValue{"pk": {S: aws.String(client + "#" + strconv.FormatInt(now/60, 10))}},
		UpdateExpression:    aws.String("ADD #c :one SET #e = :exp"),
		ConditionExpression: aws.String("attribute_not_exists(#c) OR #c < :max"),
		ExpressionAttributeNames: map[string]*string{
			"#c": aws.String("count"),
			"#e": aws.String("expiration"),
		},
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{
			":one": {N: aws.String("1")},
			":max": {N: aws.String("100")},
			":exp": {N: aws.String(strconv.FormatInt(now+120, 10))},
		},
	})
	return err
}
