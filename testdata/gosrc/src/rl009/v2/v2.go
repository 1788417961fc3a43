// Package v2 holds RL009 fixtures for aws-sdk-go-v2.
package v2

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type Limiter struct {
	db    *dynamodb.Client
	limit int
}

func key(k string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: k}}
}

// Allow reads the count eventually consistently and compares it.
func (l *Limiter) Allow(ctx context.Context, k string) (bool, error) {
	out, err := l.db.GetItem(ctx, &dynamodb.GetItemInput{ // want `GetItem reads without ConsistentRead and its result decides the limit`
		TableName: aws.String("buckets"),
		Key:       key(k),
	})
	if err != nil {
		return false, err
	}
	hits, ok := out.Item["hits"].(*types.AttributeValueMemberN)
	if !ok {
		return true, nil
	}
	n, err := strconv.Atoi(hits.Value)
	if err != nil {
		return false, err
	}
	return n < l.limit, nil
}

// Window counts the requests of the sliding window with a Query.
func (l *Limiter) Window(ctx context.Context, k, since string) (bool, error) {
	in := &dynamodb.QueryInput{
		TableName:              aws.String("request_log"),
		KeyConditionExpression: aws.String("pk = :pk AND ts > :since"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk":    &types.AttributeValueMemberS{Value: k},
			":since": &types.AttributeValueMemberN{Value: since},
		},
	}
	out, err := l.db.Query(ctx, in) // want `Query reads without ConsistentRead`
	if err != nil {
		return false, err
	}
	return int(out.Count) < l.limit, nil
}

// ExplicitFalse asks for an eventually consistent read.
func (l *Limiter) ExplicitFalse(ctx context.Context, k string) (bool, error) {
	out, err := l.db.GetItem(ctx, &dynamodb.GetItemInput{ // want `GetItem reads without ConsistentRead`
		TableName:      aws.String("buckets"),
		Key:            key(k),
		ConsistentRead: aws.Bool(false),
	})
	if err != nil {
		return false, err
	}
	return len(out.Item) > 0 && tokens(out.Item) >= 1, nil
}

func tokens(item map[string]types.AttributeValue) int { return len(item) }

// usage is not limiter code, but the attribute it compares is a counter.
func usage(ctx context.Context, db *dynamodb.Client, account string, quota int) (bool, error) {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{ // want `GetItem reads without ConsistentRead`
		TableName: aws.String("accounts"),
		Key:       key(account),
	})
	if err != nil {
		return false, err
	}
	v, _ := out.Item["request_count"].(*types.AttributeValueMemberN)
	used, _ := strconv.Atoi(v.Value)
	return used >= quota, nil
}
