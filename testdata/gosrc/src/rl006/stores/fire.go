package stores

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// WindowStartDynamo is seed 001's window: now - window.
func WindowStartDynamo(ctx context.Context, db *dynamodb.Client, client string, window int64) error {
	now := time.Now().Unix()
	windowStart := now - window
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String("rate_limits"),
		Key: map[string]types.AttributeValue{
			"client_key":   &types.AttributeValueMemberS{Value: client},
			"window_start": &types.AttributeValueMemberN{Value: strconv.FormatInt(windowStart, 10)}, // want `counter key built from the raw current time`
		},
		UpdateExpression:          aws.String("ADD n :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}},
	})
	return err
}

// SQLRaw increments a row keyed by the raw second.
func SQLRaw(ctx context.Context, db *sql.DB, client string) error {
	_, err := db.ExecContext(ctx,
		"INSERT INTO hits (client, window_start, n) VALUES ($1, $2, 1) ON CONFLICT (client, window_start) DO UPDATE SET n = hits.n + 1",
		client, time.Now().Unix()) // want `counter key built from the raw current time`
	return err
}
