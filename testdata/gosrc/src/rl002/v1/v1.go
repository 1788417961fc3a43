// Package v1 holds RL002 fixtures for aws-sdk-go v1.
package v1

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/service/dynamodb"
)

type limiter struct{ db *dynamodb.DynamoDB }

// incr increments with the v1 SDK and ignores the result.
func (l *limiter) incr(ctx context.Context, k string) error {
	_, err := l.db.UpdateItemWithContext(ctx, &dynamodb.UpdateItemInput{ // want `UpdateItem increments "count" without a ConditionExpression and nothing checks`
		TableName:        aws.String("limits"),
		Key:              map[string]*dynamodb.AttributeValue{"pk": {S: aws.String(k)}},
		UpdateExpression: aws.String("ADD #c :one"),
		ExpressionAttributeNames: map[string]*string{
			"#c": aws.String("count"),
		},
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{
			":one": {N: aws.String("1")},
		},
	})
	return err
}

// checkAfter asks for the new value and compares it.
func (l *limiter) checkAfter(k string) (bool, error) {
	out, err := l.db.UpdateItem(&dynamodb.UpdateItemInput{ // want `checks the returned value only after the write`
		TableName:        aws.String("limits"),
		Key:              map[string]*dynamodb.AttributeValue{"pk": {S: aws.String(k)}},
		UpdateExpression: aws.String("SET n = n + :one"),
		ReturnValues:     aws.String(dynamodb.ReturnValueUpdatedNew),
	})
	if err != nil {
		return false, err
	}
	n, _ := strconv.Atoi(aws.StringValue(out.Attributes["n"].N))
	return n <= 100, nil
}

// conditional: fine.
func (l *limiter) conditional(k string) error {
	_, err := l.db.UpdateItem(&dynamodb.UpdateItemInput{
		TableName:           aws.String("limits"),
		Key:                 map[string]*dynamodb.AttributeValue{"pk": {S: aws.String(k)}},
		UpdateExpression:    aws.String("SET n = n + :one"),
		ConditionExpression: aws.String("n < :limit"),
	})
	return err
}
