// Package kvretry holds RL010 fixtures for Redis, DynamoDB and limiters.
package kvretry

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/redis/go-redis/v9"
)

// redisOpen allows once INCR failed three times.
func redisOpen(ctx context.Context, rdb *redis.Client, key string) bool {
	for i := 0; i < 3; i++ { // want `when every attempt of Incr fails the loop ends and the function goes on to allow the request`
		n, err := rdb.Incr(ctx, key).Result()
		if err != nil {
			time.Sleep(time.Duration(i) * time.Millisecond)
			continue
		}
		return n <= 100
	}
	return true
}

// dynamoSpin retries UpdateItem forever.
func dynamoSpin(ctx context.Context, c *dynamodb.Client, key string) error {
	for { // want `for \{\} retries UpdateItem on error with no attempt bound`
		_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName:        aws.String("limits"),
			UpdateExpression: aws.String("ADD n :one"),
		})
		if err != nil {
			continue
		}
		return nil
	}
}

// watchLoop retries an optimistic transaction in a handler closure and
// serves the request after the last failure.
func watchLoop(rdb *redis.Client, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 5; i++ { // want `when every attempt of Watch fails the loop ends and the function goes on to allow the request`
			err := rdb.Watch(r.Context(), func(tx *redis.Tx) error { return nil }, "rate_limit:"+r.RemoteAddr)
			if err == redis.TxFailedErr {
				time.Sleep(time.Duration(i) * time.Millisecond)
				continue
			}
			break
		}
		next.ServeHTTP(w, r)
	})
}

// lastAttemptFixed fails closed on the last attempt but waits a fixed time.
func lastAttemptFixed(ctx context.Context, rdb *redis.Client, key string) error {
	for i := 0; i < 3; i++ { // want `the loop retries Incr with a fixed wait between attempts`
		err := rdb.Incr(ctx, key).Err()
		if err != nil {
			if i == 2 {
				return err
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		return nil
	}
	return nil
}

// watchNoWait is go-redis' optimistic-lock example: bounded, fails closed,
// retries at once.
func watchNoWait(ctx context.Context, rdb *redis.Client) error {
	for i := 0; i < 3; i++ { // want `the loop retries Watch with no wait between attempts`
		err := rdb.Watch(ctx, func(tx *redis.Tx) error { return nil }, "counter")
		if err == nil {
			return nil
		}
		if err == redis.TxFailedErr {
			continue
		}
		return err
	}
	return redis.TxFailedErr
}
