// Package dynamo holds RL004 fixtures for DynamoDB counter items.
package dynamo

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// global adds to one item for every client.
func global(ctx context.Context, db *dynamodb.Client) error {
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `UpdateItem increments n on a constant key`
		TableName:           aws.String("limits"),
		Key:                 map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "global"}},
		UpdateExpression:    aws.String("ADD n :one"),
		ConditionExpression: aws.String("n < :limit"),
	})
	return err
}

// perClient keys the item by the client: fine.
func perClient(ctx context.Context, db *dynamodb.Client, client string) error {
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String("limits"),
		Key:                 map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: client}},
		UpdateExpression:    aws.String("ADD n :one"),
		ConditionExpression: aws.String("n < :limit"),
	})
	return err
}

// sharded spreads the global counter over shard items: fine.
func sharded(ctx context.Context, db *dynamodb.Client, shard int) error {
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String("limits"),
		Key: map[string]types.AttributeValue{
			"pk":    &types.AttributeValueMemberS{Value: "global"},
			"shard": &types.AttributeValueMemberN{Value: strconv.Itoa(shard)},
		},
		UpdateExpression:    aws.String("ADD n :one"),
		ConditionExpression: aws.String("n < :limit"),
	})
	return err
}

// setConstant sets a plain value on a constant key: not an increment.
func setConstant(ctx context.Context, db *dynamodb.Client) error {
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		Key:              map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "config"}},
		UpdateExpression: aws.String("SET mode = :m"),
	})
	return err
}
