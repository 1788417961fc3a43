package ddb

import (
	"context"
	"hash/maphash"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

var seed = maphash.MakeSeed()

// Shard keys a DynamoDB counter by a maphash shard.
func Shard(ctx context.Context, db *dynamodb.Client, client string) error {
	shard := maphash.String(seed, client) % 10
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String("rate_limits"),
		Key: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: client + "#" + strconv.FormatUint(shard, 10)}, // want `dynamodb key built from a hash/maphash value`
		},
		UpdateExpression:          aws.String("ADD n :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}},
	})
	return err
}
