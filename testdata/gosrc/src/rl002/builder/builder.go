// Package builder holds RL002 fixtures for the aws-sdk-go-v2 expression
// builder.
package builder

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// add builds ADD n :v with no condition.
func add(ctx context.Context, db *dynamodb.Client) error {
	upd := expression.Add(expression.Name("n"), expression.Value(1))
	expr, err := expression.NewBuilder().WithUpdate(upd).Build()
	if err != nil {
		return err
	}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `UpdateItem increments "n" without a ConditionExpression and nothing checks`
		TableName:                 aws.String("limits"),
		UpdateExpression:          expr.Update(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
		ConditionExpression:       expr.Condition(),
	})
	return err
}

// plus builds SET n = if_not_exists(n, 0) + 1 with no condition.
func plus(ctx context.Context, db *dynamodb.Client) error {
	n := expression.Name("n")
	upd := expression.Set(n, expression.IfNotExists(expression.Name("n"), expression.Value(0)).Plus(expression.Value(1)))
	expr, err := expression.NewBuilder().WithUpdate(upd).Build()
	if err != nil {
		return err
	}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{ // want `UpdateItem increments "n" without a ConditionExpression`
		TableName:                 aws.String("limits"),
		UpdateExpression:          expr.Update(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	})
	return err
}
