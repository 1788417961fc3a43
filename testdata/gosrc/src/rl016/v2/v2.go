// Package v2 holds RL016 fixtures for aws-sdk-go-v2: expressions DynamoDB
// rejects, in limiter code (high).
package v2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type Limiter struct {
	db    *dynamodb.Client
	table string
}

func num(s string) types.AttributeValue { return &types.AttributeValueMemberN{Value: s} }

func key(k string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: k}}
}

// Seed000 compares with arithmetic in the condition.
func (l *Limiter) Seed000(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String(l.table),
		Key:                 key(k),
		UpdateExpression:    aws.String("ADD request_count :inc"),
		ConditionExpression: aws.String("attribute_not_exists(request_count) OR request_count + :inc <= :limit"), // want `ConditionExpression "attribute_not_exists\(request_count\) OR request_count \+ :inc <= :limit" uses arithmetic \(\+\), which DynamoDB conditions do not support`
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":inc":   num("1"),
			":limit": num("100"),
		},
	})
	return err
}

// Seed001 writes the reserved word ttl without a placeholder.
func (l *Limiter) Seed001(ctx context.Context, k, exp string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String(l.table),
		Key:                 key(k),
		UpdateExpression:    aws.String("ADD request_count :inc SET ttl = :ttl"), // want `UpdateExpression uses "ttl" as an attribute name, but TTL is a DynamoDB reserved word, so DynamoDB rejects every call with a ValidationException; write #ttl in the expression and add ExpressionAttributeNames \{"#ttl": "ttl"\}`
		ConditionExpression: aws.String("attribute_not_exists(request_count) OR request_count < :limit"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":inc":   num("1"),
			":limit": num("100"),
			":ttl":   num(exp),
		},
	})
	return err
}

// TwoReserved reports each reserved word once.
func (l *Limiter) TwoReserved(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String(l.table),
		Key:              key(k),
		UpdateExpression: aws.String("SET count = count + :one, timestamp = :now"), // want `"count" as an attribute name` `"timestamp" as an attribute name`
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one": num("1"),
			":now": num("0"),
		},
	})
	return err
}

// Undefined uses :limit without defining it.
func (l *Limiter) Undefined(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String(l.table),
		Key:                 key(k),
		UpdateExpression:    aws.String("ADD hits :one"),
		ConditionExpression: aws.String("attribute_not_exists(hits) OR hits < :limit"), // want `ConditionExpression uses the :value placeholder :limit but ExpressionAttributeValues does not define it`
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one": num("1"),
		},
	})
	return err
}

// Unused defines :max and never uses it.
func (l *Limiter) Unused(ctx context.Context, k string) error {
	vals := map[string]types.AttributeValue{
		":one":   num("1"),
		":limit": num("100"),
		":max":   num("100"), // want `ExpressionAttributeValues defines :max but no expression of this input uses it`
	}
	in := &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       key(k),
		UpdateExpression:          aws.String("ADD hits :one"),
		ExpressionAttributeValues: vals,
	}
	in.ConditionExpression = aws.String("hits < :limit")
	_, err := l.db.UpdateItem(ctx, in)
	return err
}

// Names defines #c, uses #n.
func (l *Limiter) Names(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String(l.table),
		Key:              key(k),
		UpdateExpression: aws.String("ADD #n :one"), // want `UpdateExpression uses the #name placeholder #n but ExpressionAttributeNames does not define it`
		ExpressionAttributeNames: map[string]string{
			"#c": "count", // want `ExpressionAttributeNames defines #c but no expression of this input uses it`
		},
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": num("1")},
	})
	return err
}

// NoValues uses placeholders and gives no ExpressionAttributeValues.
func (l *Limiter) NoValues(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String(l.table),
		Key:              key(k),
		UpdateExpression: aws.String("ADD hits :one"), // want `:one but ExpressionAttributeValues is not given`
	})
	return err
}

// Twice updates the same attribute twice, and overlapping paths.
func (l *Limiter) Twice(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String(l.table),
		Key:              key(k),
		UpdateExpression: aws.String("SET hits = :zero, window_start = :now ADD hits :one"), // want `UpdateExpression "SET hits = :zero, window_start = :now ADD hits :one" updates hits twice`
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":zero": num("0"),
			":now":  num("0"),
			":one":  num("1"),
		},
	})
	if err != nil {
		return err
	}
	_, err = l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String(l.table),
		Key:              key(k),
		UpdateExpression: aws.String("SET #b = :b, #b.hits = :one"), // want `updates the overlapping paths buckets and buckets.hits`
		ExpressionAttributeNames: map[string]string{
			"#b": "buckets",
		},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":b":   &types.AttributeValueMemberS{Value: "{}"},
			":one": num("1"),
		},
	})
	return err
}

// Syntax has a broken key condition, filter and projection.
func (l *Limiter) Syntax(ctx context.Context, k string) (int32, error) {
	out, err := l.db.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String(l.table),
		KeyConditionExpression: aws.String("pk = :pk OR sk > :since"), // want `KeyConditionExpression "pk = :pk OR sk > :since" is not a valid DynamoDB expression`
		FilterExpression:       aws.String("hits >= :min AND"),        // want `FilterExpression "hits >= :min AND" is not a valid DynamoDB expression`
		ProjectionExpression:   aws.String("pk, size"),                // want `ProjectionExpression uses "size" as an attribute name`
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk":    &types.AttributeValueMemberS{Value: k},
			":since": num("0"),
			":min":   num("1"),
		},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return 0, err
	}
	return out.Count, nil
}

// Transact checks the actions of a write transaction.
func (l *Limiter) Transact(ctx context.Context, k string) error {
	upd := &types.Update{
		TableName:        aws.String(l.table),
		Key:              key(k),
		UpdateExpression: aws.String("ADD hits :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one":   num("1"),
			":limit": num("100"), // want `ExpressionAttributeValues defines :limit but no expression of this input uses it`
		},
	}
	_, err := l.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{
		TransactItems: []types.TransactWriteItem{
			{Update: upd},
			{ConditionCheck: &types.ConditionCheck{
				TableName:           aws.String(l.table),
				Key:                 key("global"),
				ConditionExpression: aws.String("total + :one < :cap"), // want `uses arithmetic \(\+\)`
				ExpressionAttributeValues: map[string]types.AttributeValue{
					":one": num("1"),
					":cap": num("1000"),
				},
			}},
		},
	})
	return err
}

// DeleteAndScan checks DeleteItem and Scan inputs.
func (l *Limiter) DeleteAndScan(ctx context.Context, k string) error {
	_, err := l.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName:           aws.String(l.table),
		Key:                 key(k),
		ConditionExpression: aws.String("expires < :now"), // want `:now but ExpressionAttributeValues is not given`
	})
	if err != nil {
		return err
	}
	_, err = l.db.Scan(ctx, &dynamodb.ScanInput{
		TableName:        aws.String(l.table),
		FilterExpression: aws.String("#s = :blocked"),
		ExpressionAttributeNames: map[string]string{
			"#s": "status",
		},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":blocked": &types.AttributeValueMemberS{Value: "blocked"},
			":extra":   num("1"), // want `ExpressionAttributeValues defines :extra`
		},
	})
	return err
}

const bucketUpdate = "SET window = :w"

// Const reads the expression from a constant; the finding is at the use.
func (l *Limiter) Const(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       key(k),
		UpdateExpression:          aws.String(bucketUpdate), // want `"window" as an attribute name`
		ExpressionAttributeValues: map[string]types.AttributeValue{":w": num("1")},
	})
	return err
}

// Param sets an expression on an input built elsewhere: the expression
// alone is judged.
func (l *Limiter) Param(ctx context.Context, in *dynamodb.UpdateItemInput) error {
	in.ConditionExpression = aws.String("hits + :one <= :limit") // want `uses arithmetic`
	_, err := l.db.UpdateItem(ctx, in)
	return err
}
