// Package v1 holds RL009 fixtures for aws-sdk-go v1.
package v1

import (
	"context"
	"errors"
	"strconv"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/service/dynamodb"
)

type RateLimiter struct {
	db  *dynamodb.DynamoDB
	max int64
}

// Check reads the counter without ConsistentRead.
func (r *RateLimiter) Check(ctx context.Context, k string) (bool, error) {
	out, err := r.db.GetItemWithContext(ctx, &dynamodb.GetItemInput{ // want `GetItem reads without ConsistentRead`
		TableName: aws.String("rate_limits"),
		Key:       map[string]*dynamodb.AttributeValue{"pk": {S: aws.String(k)}},
	})
	if err != nil {
		return false, err
	}
	n, _ := strconv.ParseInt(aws.StringValue(out.Item["n"].N), 10, 64)
	if n >= r.max {
		return false, nil
	}
	return true, nil
}

// Window counts with a v1 Query.
func (r *RateLimiter) Window(k string) (bool, error) {
	out, err := r.db.Query(&dynamodb.QueryInput{ // want `Query reads without ConsistentRead`
		TableName:              aws.String("rate_limits"),
		KeyConditionExpression: aws.String("pk = :pk"),
	})
	if err != nil {
		return false, err
	}
	return *out.Count < r.max, nil
}

// Consistent is fine.
func (r *RateLimiter) Consistent(k string) (bool, error) {
	out, err := r.db.Query(&dynamodb.QueryInput{
		TableName:              aws.String("rate_limits"),
		KeyConditionExpression: aws.String("pk = :pk"),
		ConsistentRead:         aws.Bool(true),
	})
	if err != nil {
		return false, err
	}
	return *out.Count < r.max, nil
}

// Decide assigns the decision to a variable and tests it.
func (r *RateLimiter) Decide(k string) error {
	out, err := r.db.GetItem(&dynamodb.GetItemInput{ // want `GetItem reads without ConsistentRead`
		TableName: aws.String("rate_limits"),
		Key:       map[string]*dynamodb.AttributeValue{"pk": {S: aws.String(k)}},
	})
	if err != nil {
		return err
	}
	n, _ := strconv.ParseInt(aws.StringValue(out.Item["n"].N), 10, 64)
	over := n >= r.max
	if over {
		return errLimited
	}
	return nil
}

var errLimited = errors.New("rate limited")
