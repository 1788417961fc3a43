// Package v1 holds RL016 fixtures for aws-sdk-go v1.
package v1

import (
	"context"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/service/dynamodb"
)

type RateLimiter struct{ db *dynamodb.DynamoDB }

func key(k string) map[string]*dynamodb.AttributeValue {
	return map[string]*dynamodb.AttributeValue{"pk": {S: aws.String(k)}}
}

// Seed000 compares with arithmetic in the condition.
func (r *RateLimiter) Seed000(k string) error {
	_, err := r.db.UpdateItemWithContext(context.Background(), &dynamodb.UpdateItemInput{
		TableName:           aws.String("rate_limits"),
		Key:                 key(k),
		UpdateExpression:    aws.String("ADD request_count :inc SET ttl = :ttl"),                                 // want `"ttl" as an attribute name`
		ConditionExpression: aws.String("attribute_not_exists(request_count) OR request_count + :inc <= :limit"), // want `uses arithmetic \(\+\)`
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{
			":inc":   {N: aws.String("1")},
			":limit": {N: aws.String("100")},
			":ttl":   {N: aws.String("0")},
		},
	})
	return err
}

// Placeholders defines a value nothing uses and uses a name nothing
// defines.
func (r *RateLimiter) Placeholders(k string) error {
	in := &dynamodb.UpdateItemInput{
		TableName:        aws.String("rate_limits"),
		Key:              key(k),
		UpdateExpression: aws.String("ADD #c :one"), // want `#name placeholder #c but ExpressionAttributeNames is not given`
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{
			":one":  {N: aws.String("1")},
			":zero": {N: aws.String("0")}, // want `defines :zero but no expression`
		},
	}
	_, err := r.db.UpdateItem(in)
	return err
}

// Query has a key condition that does not start with an equality.
func (r *RateLimiter) Query(k string) (*dynamodb.QueryOutput, error) {
	return r.db.Query(&dynamodb.QueryInput{
		TableName:              aws.String("rate_limits"),
		KeyConditionExpression: aws.String("pk = :pk AND sk <> :since"), // want `KeyConditionExpression "pk = :pk AND sk <> :since" is not a valid DynamoDB expression`
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{
			":pk":    {S: aws.String(k)},
			":since": {N: aws.String("0")},
		},
		ConsistentRead: aws.Bool(true),
	})
}

// Transact checks a v1 transaction's condition check.
func (r *RateLimiter) Transact(k string) error {
	_, err := r.db.TransactWriteItems(&dynamodb.TransactWriteItemsInput{
		TransactItems: []*dynamodb.TransactWriteItem{
			{ConditionCheck: &dynamodb.ConditionCheck{
				TableName:           aws.String("rate_limits"),
				Key:                 key(k),
				ConditionExpression: aws.String("hits < :limit"), // want `:limit but ExpressionAttributeValues is not given`
			}},
		},
	})
	return err
}
