// Package dynamo holds RL003 fixtures for DynamoDB limiters.
package dynamo

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go/aws/awserr"
	v1 "github.com/aws/aws-sdk-go/service/dynamodb"
)

type limiter struct {
	db   *dynamodb.Client
	db1  *v1.DynamoDB
	next http.Handler
}

func (l *limiter) input(key string) *dynamodb.UpdateItemInput {
	return &dynamodb.UpdateItemInput{
		TableName:           aws.String("limits"),
		Key:                 map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
		UpdateExpression:    aws.String("ADD n :one"),
		ConditionExpression: aws.String("attribute_not_exists(n) OR n < :limit"),
	}
}

// seedStyle answers 429 for every error (seed 000/001's medium variant).
func (l *limiter) seedStyle(w http.ResponseWriter, r *http.Request) {
	_, err := l.db.UpdateItem(r.Context(), l.input(r.Header.Get("X-API-Key")))
	if err != nil { // want `answers every error as rate-limited`
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	l.next.ServeHTTP(w, r)
}

// narrowed answers 429 only for ConditionalCheckFailedException: fine.
func (l *limiter) narrowed(w http.ResponseWriter, r *http.Request) {
	_, err := l.db.UpdateItem(r.Context(), l.input(r.Header.Get("X-API-Key")))
	if err != nil {
		var ccf *types.ConditionalCheckFailedException
		if errors.As(err, &ccf) {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		http.Error(w, "limiter error", http.StatusInternalServerError)
		return
	}
	l.next.ServeHTTP(w, r)
}

// narrowedOpen narrows and lets every other error through.
func (l *limiter) narrowedOpen(w http.ResponseWriter, r *http.Request) {
	_, err := l.db.UpdateItem(r.Context(), l.input(r.Header.Get("X-API-Key")))
	if err != nil { // want `narrows to the expected error but lets every other error through`
		var ccf *types.ConditionalCheckFailedException
		if errors.As(err, &ccf) {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		l.next.ServeHTTP(w, r)
		return
	}
	l.next.ServeHTTP(w, r)
}

// v1Code narrows with awserr's Code(): fine.
func (l *limiter) v1Code(w http.ResponseWriter, r *http.Request) {
	_, err := l.db1.UpdateItemWithContext(r.Context(), &v1.UpdateItemInput{})
	if err != nil {
		if aerr, ok := err.(awserr.Error); ok && aerr.Code() == v1.ErrCodeConditionalCheckFailedException {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	l.next.ServeHTTP(w, r)
}

// readDiscarded reads the count and ignores the error.
func (l *limiter) readDiscarded(ctx context.Context, key string) bool {
	out, _ := l.db.GetItem(ctx, &dynamodb.GetItemInput{ // want `the error of GetItem \(the rate-limit decision\) is discarded`
		TableName: aws.String("limits"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
	})
	n, _ := strconv.Atoi(out.Item["n"].(*types.AttributeValueMemberN).Value)
	return n < 10
}

// touch records when the key was last seen: not a decision.
func (l *limiter) touch(ctx context.Context, key string) {
	_, _ = l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		Key:              map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
		UpdateExpression: aws.String("SET last_seen = :now"),
	})
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		UpdateExpression: aws.String("SET last_seen = :now"),
	})
	if err != nil {
		return
	}
}

// conditionalDiscarded drops the error of a conditional increment: the
// limit is never applied.
func (l *limiter) conditionalDiscarded(ctx context.Context, key string) {
	l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `the error of UpdateItem \(the rate-limit decision\) is discarded`
		TableName:           aws.String("limits"),
		UpdateExpression:    aws.String("ADD n :one"),
		ConditionExpression: aws.String("n < :limit"),
	})
}
