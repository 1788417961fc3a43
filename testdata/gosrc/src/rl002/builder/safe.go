package builder

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// conditional builds the update with a condition: fine.
func conditional(ctx context.Context, db *dynamodb.Client) error {
	cond := expression.Name("n").AttributeNotExists().Or(expression.Name("n").LessThan(expression.Value(100)))
	expr, err := expression.NewBuilder().
		WithUpdate(expression.Add(expression.Name("n"), expression.Value(1))).
		WithCondition(cond).
		Build()
	if err != nil {
		return err
	}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String("limits"),
		UpdateExpression:          expr.Update(),
		ConditionExpression:       expr.Condition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	})
	return err
}

// release decrements: fine.
func release(ctx context.Context, db *dynamodb.Client) error {
	expr, err := expression.NewBuilder().WithUpdate(expression.Add(expression.Name("n"), expression.Value(-1))).Build()
	if err != nil {
		return err
	}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		UpdateExpression: expr.Update(),
	})
	return err
}

// touch sets a plain value: fine.
func touch(ctx context.Context, db *dynamodb.Client, now int64) error {
	expr, err := expression.NewBuilder().WithUpdate(expression.Set(expression.Name("last_seen"), expression.Value(now))).Build()
	if err != nil {
		return err
	}
	_, err = db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String("limits"),
		UpdateExpression: expr.Update(),
	})
	return err
}
