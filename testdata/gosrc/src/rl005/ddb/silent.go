package ddb

import (
	"context"
	"hash/fnv"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// StableShard uses FNV: the fix.
func StableShard(ctx context.Context, db *dynamodb.Client, client string) error {
	h := fnv.New32a()
	h.Write([]byte(client))
	shard := h.Sum32() % 10
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String("rate_limits"),
		Key: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: client + "#" + strconv.FormatUint(uint64(shard), 10)},
		},
		UpdateExpression:          aws.String("ADD n :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}},
	})
	return err
}
