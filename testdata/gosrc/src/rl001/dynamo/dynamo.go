// Package dynamo holds RL001 fixtures for DynamoDB read-then-write pairs.
package dynamo

import (
	"context"
	"errors"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

const limit = 100

// ErrLimited is the rate-limit error.
var ErrLimited = errors.New("rate limited")

func key(k string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: k}}
}

func count(item map[string]types.AttributeValue) int {
	v, ok := item["n"].(*types.AttributeValueMemberN)
	if !ok {
		return 0
	}
	n, _ := strconv.Atoi(v.Value)
	return n
}

// getThenPut reads the item and writes it back with count+1.
func getThenPut(ctx context.Context, db *dynamodb.Client, k string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("limits"), Key: key(k)})
	if err != nil {
		return err
	}
	n := count(out.Item)
	if n >= limit {
		return ErrLimited
	}
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want `PutItem writes the counter item after reading it with GetItem`
		TableName: aws.String("limits"),
		Item: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: k},
			"n":  &types.AttributeValueMemberN{Value: strconv.Itoa(n + 1)},
		},
	})
	return err
}

// getThenSet sets the counter to a value computed from the read.
func getThenSet(ctx context.Context, db *dynamodb.Client, k string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("limits"), Key: key(k)})
	if err != nil {
		return err
	}
	n := count(out.Item)
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `UpdateItem sets n to a value computed from the GetItem read`
		TableName:        aws.String("limits"),
		Key:              key(k),
		UpdateExpression: aws.String("SET n = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":v": &types.AttributeValueMemberN{Value: strconv.Itoa(n + 1)},
		},
	})
	return err
}

// existenceThenPut creates the item when the read found none (TOCTOU).
func existenceThenPut(ctx context.Context, db *dynamodb.Client, k string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("limits"), Key: key(k)})
	if err != nil {
		return err
	}
	if out.Item == nil {
		_, err = db.PutItem(ctx, &dynamodb.PutItemInput{ // want `PutItem writes the counter item after reading it with GetItem`
			TableName: aws.String("limits"),
			Item:      key(k),
		})
	}
	return err
}

// existenceThenPutConditional creates the item only if it is still
// missing: fine.
func existenceThenPutConditional(ctx context.Context, db *dynamodb.Client, k string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("limits"), Key: key(k)})
	if err != nil {
		return err
	}
	if out.Item == nil {
		_, err = db.PutItem(ctx, &dynamodb.PutItemInput{
			TableName:           aws.String("limits"),
			Item:                key(k),
			ConditionExpression: aws.String("attribute_not_exists(pk)"),
		})
	}
	return err
}

// versioned writes with a condition on the value read: fine.
func versioned(ctx context.Context, db *dynamodb.Client, k string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("limits"), Key: key(k)})
	if err != nil {
		return err
	}
	n := count(out.Item)
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String("limits"),
		Key:                 key(k),
		UpdateExpression:    aws.String("SET n = :v"),
		ConditionExpression: aws.String("n = :old"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":v":   &types.AttributeValueMemberN{Value: strconv.Itoa(n + 1)},
			":old": &types.AttributeValueMemberN{Value: strconv.Itoa(n)},
		},
	})
	return err
}

// atomicAdd increments and decides on the returned value: fine.
func atomicAdd(ctx context.Context, db *dynamodb.Client, k string) error {
	out, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String("limits"),
		Key:                 key(k),
		UpdateExpression:    aws.String("ADD n :one"),
		ConditionExpression: aws.String("attribute_not_exists(n) OR n < :limit"),
		ReturnValues:        types.ReturnValueUpdatedNew,
	})
	if err != nil {
		return err
	}
	if count(out.Attributes) > limit {
		return ErrLimited
	}
	return nil
}

// queryThenAdd sums the window, then adds only if it was under the limit.
func queryThenAdd(ctx context.Context, db *dynamodb.Client, k string) error {
	out, err := db.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String("limits"),
		KeyConditionExpression: aws.String("pk = :k"),
	})
	if err != nil {
		return err
	}
	if out.Count >= limit {
		return ErrLimited
	}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `UpdateItem increments the counter only if the value read by Query was under the limit`
		TableName:        aws.String("limits"),
		Key:              key(k),
		UpdateExpression: aws.String("ADD n :one"),
	})
	return err
}

// otherTable reads a plan and writes an audit row elsewhere: fine.
func otherTable(ctx context.Context, db *dynamodb.Client, k string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("plans"), Key: key(k)})
	if err != nil {
		return err
	}
	if count(out.Item) >= limit {
		return ErrLimited
	}
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("audit"), Item: key(k)})
	return err
}

// mustExist returns early when the record is missing; the write does not
// depend on the read: fine.
func mustExist(ctx context.Context, db *dynamodb.Client, table, k string) error {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key(k)})
	if err != nil {
		return err
	}
	if out.Item == nil {
		return errors.New("unknown key")
	}
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: key(k)})
	return err
}
