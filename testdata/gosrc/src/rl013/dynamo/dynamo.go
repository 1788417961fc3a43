// Package dynamo holds RL013 fixtures for DynamoDB window counters.
package dynamo

import (
	"context"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type limiter struct{ db *dynamodb.Client }

func window() string { return strconv.FormatInt(time.Now().Unix()/60, 10) }

// noTTL counts per client and minute and never deletes the items.
func (l *limiter) noTTL(ctx context.Context, client string) error {
	w := time.Now().Unix() / 60
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `this DynamoDB window counter sets no TTL attribute`
		TableName: aws.String("rate_limits"),
		Key: map[string]types.AttributeValue{
			"pk":     &types.AttributeValueMemberS{Value: client},
			"window": &types.AttributeValueMemberN{Value: strconv.FormatInt(w, 10)},
		},
		UpdateExpression:    aws.String("ADD hits :one"),
		ConditionExpression: aws.String("attribute_not_exists(hits) OR hits < :limit"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one":   &types.AttributeValueMemberN{Value: "1"},
			":limit": &types.AttributeValueMemberN{Value: "100"},
		},
	})
	return err
}

// withTTL sets the item's ttl in the same update.
func (l *limiter) withTTL(ctx context.Context, client string) error {
	w := time.Now().Unix() / 60
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String("rate_limits"),
		Key: map[string]types.AttributeValue{
			"pk":     &types.AttributeValueMemberS{Value: client},
			"window": &types.AttributeValueMemberN{Value: strconv.FormatInt(w, 10)},
		},
		UpdateExpression:         aws.String("SET #ttl = :ttl ADD hits :one"),
		ConditionExpression:      aws.String("attribute_not_exists(hits) OR hits < :limit"),
		ExpressionAttributeNames: map[string]string{"#ttl": "ttl"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one":   &types.AttributeValueMemberN{Value: "1"},
			":limit": &types.AttributeValueMemberN{Value: "100"},
			":ttl":   &types.AttributeValueMemberN{Value: strconv.FormatInt((w+2)*60, 10)},
		},
	})
	return err
}

// expiresAt uses another TTL name, without a placeholder.
func (l *limiter) expiresAt(ctx context.Context, client string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String("rate_limits"),
		Key: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: client + "#" + strconv.FormatInt(time.Now().Unix()/60, 10)},
		},
		UpdateExpression:    aws.String("SET expires_at = :exp ADD hits :one"),
		ConditionExpression: aws.String("hits < :limit"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one":   &types.AttributeValueMemberN{Value: "1"},
			":limit": &types.AttributeValueMemberN{Value: "100"},
			":exp":   &types.AttributeValueMemberN{Value: "0"},
		},
	})
	return err
}

// lifetimeCap is one item per client, never meant to expire.
func (l *limiter) lifetimeCap(ctx context.Context, client string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String("trials"),
		Key:                 map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: client}},
		UpdateExpression:    aws.String("ADD trials :one"),
		ConditionExpression: aws.String("attribute_not_exists(trials) OR trials < :cap"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one": &types.AttributeValueMemberN{Value: "1"},
			":cap": &types.AttributeValueMemberN{Value: "3"},
		},
	})
	return err
}

// semaphore counts concurrent jobs: it is decremented, not reset.
func (l *limiter) semaphore(ctx context.Context, tenant string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String("semaphores"),
		Key:                 map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: tenant}},
		UpdateExpression:    aws.String("ADD running :one"),
		ConditionExpression: aws.String("running < :max"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one": &types.AttributeValueMemberN{Value: "1"},
			":max": &types.AttributeValueMemberN{Value: "5"},
		},
	})
	return err
}

// putWindow writes a window item with its count and no TTL.
func (l *limiter) putWindow(ctx context.Context, client string, count int) error {
	_, err := l.db.PutItem(ctx, &dynamodb.PutItemInput{ // want `this DynamoDB window counter sets no TTL attribute`
		TableName: aws.String("rate_limits"),
		Item: map[string]types.AttributeValue{
			"pk":    &types.AttributeValueMemberS{Value: client + "#" + window()},
			"at":    &types.AttributeValueMemberN{Value: strconv.FormatInt(time.Now().Unix(), 10)},
			"count": &types.AttributeValueMemberN{Value: strconv.Itoa(count)},
		},
		ConditionExpression:      aws.String("attribute_not_exists(pk) OR #c < :limit"),
		ExpressionAttributeNames: map[string]string{"#c": "count"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":limit": &types.AttributeValueMemberN{Value: "100"},
		},
	})
	return err
}

// putWindowTTL is its fixed twin.
func (l *limiter) putWindowTTL(ctx context.Context, client string, count int) error {
	_, err := l.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String("rate_limits"),
		Item: map[string]types.AttributeValue{
			"pk":    &types.AttributeValueMemberS{Value: client + "#" + window()},
			"at":    &types.AttributeValueMemberN{Value: strconv.FormatInt(time.Now().Unix(), 10)},
			"count": &types.AttributeValueMemberN{Value: strconv.Itoa(count)},
			"ttl":   &types.AttributeValueMemberN{Value: strconv.FormatInt(time.Now().Unix()+120, 10)},
		},
		ConditionExpression:      aws.String("attribute_not_exists(pk) OR #c < :limit"),
		ExpressionAttributeNames: map[string]string{"#c": "count"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":limit": &types.AttributeValueMemberN{Value: "100"},
		},
	})
	return err
}
