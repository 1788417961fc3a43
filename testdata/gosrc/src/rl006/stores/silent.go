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

// FlooredDynamo floors the window start: the fix.
func FlooredDynamo(ctx context.Context, db *dynamodb.Client, client string, window int64) error {
	windowStart := time.Now().Unix() / window * window
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String("rate_limits"),
		Key: map[string]types.AttributeValue{
			"client_key":   &types.AttributeValueMemberS{Value: client},
			"window_start": &types.AttributeValueMemberN{Value: strconv.FormatInt(windowStart, 10)},
		},
		UpdateExpression:          aws.String("ADD n :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}},
	})
	return err
}

// LogItem is a sliding log: one item per request under its raw time.
func LogItem(ctx context.Context, db *dynamodb.Client, client string) error {
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String("request_log"),
		Item: map[string]types.AttributeValue{
			"client_key": &types.AttributeValueMemberS{Value: client},
			"ts":         &types.AttributeValueMemberN{Value: strconv.FormatInt(time.Now().UnixNano(), 10)},
		},
	})
	return err
}

// SQLLog inserts one row per request: a sliding log.
func SQLLog(ctx context.Context, db *sql.DB, client string) error {
	_, err := db.ExecContext(ctx, "INSERT INTO request_log (client, ts) VALUES ($1, $2)", client, time.Now().Unix())
	return err
}

// SQLTruncated keys the row by the truncated minute.
func SQLTruncated(ctx context.Context, db *sql.DB, client string) error {
	_, err := db.ExecContext(ctx,
		"UPDATE hits SET n = n + 1 WHERE client = $1 AND window_start = $2",
		client, time.Now().Truncate(time.Minute).Unix())
	return err
}

// UpsertStamp stores the raw time as data, not in the conflict key.
func UpsertStamp(ctx context.Context, db *sql.DB, client string, window int64) error {
	_, err := db.ExecContext(ctx,
		"INSERT INTO hits (client, window_start, n, updated_at) VALUES ($1, $2, 1, $3) ON CONFLICT (client, window_start) DO UPDATE SET n = hits.n + 1, updated_at = $3",
		client, time.Now().Unix()/window, time.Now().Unix())
	return err
}
