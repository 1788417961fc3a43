// Package vartext keeps DynamoDB expressions in package-level variables.
package vartext

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

var (
	updateExpr = "ADD hits :one SET ttl = :ttl" // want `UpdateExpression uses "ttl" as an attribute name, but TTL is a DynamoDB reserved word`
	condExpr   = "hits + :one <= :limit"        // want `ConditionExpression "hits \+ :one <= :limit" uses arithmetic`
	fixedExpr  = "ADD hits :one SET #ttl = :ttl"
)

// Hit uses the variables.
func Hit(ctx context.Context, db *dynamodb.Client, key string) error {
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String("rate_limits"),
		Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
		UpdateExpression:          aws.String(updateExpr),
		ConditionExpression:       aws.String(condExpr),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}, ":ttl": &types.AttributeValueMemberN{Value: "60"}, ":limit": &types.AttributeValueMemberN{Value: "100"}},
	})
	return err
}

// Fixed escapes the reserved word.
func Fixed(ctx context.Context, db *dynamodb.Client, key string) error {
	_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String("rate_limits"),
		Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
		UpdateExpression:          aws.String(fixedExpr),
		ExpressionAttributeNames:  map[string]string{"#ttl": "ttl"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}, ":ttl": &types.AttributeValueMemberN{Value: "60"}},
	})
	return err
}
