package v2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// saveProfile is not limiter code and names no counter: medium.
func saveProfile(ctx context.Context, db *dynamodb.Client, user, name string) error {
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           aws.String("profiles"),
		Item:                key(user),
		ConditionExpression: aws.String("attribute_not_exists(name)"), // want `"name" as an attribute name, but NAME is a DynamoDB reserved word`
	})
	return err
}

// loadProfile projects a reserved word: medium.
func loadProfile(ctx context.Context, db *dynamodb.Client, user string) (*dynamodb.GetItemOutput, error) {
	return db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:            aws.String("profiles"),
		Key:                  key(user),
		ProjectionExpression: aws.String("email, #n, #z"), // want `ProjectionExpression uses the #name placeholder #z but ExpressionAttributeNames does not define it`
		ExpressionAttributeNames: map[string]string{
			"#n": "name",
		},
	})
}

var _ = types.ReturnValueNone
