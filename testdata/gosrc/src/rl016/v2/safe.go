package v2

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Fixed is seed 001's limiter written correctly.
func (l *Limiter) Fixed(ctx context.Context, k, exp string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String(l.table),
		Key:                 key(k),
		UpdateExpression:    aws.String("ADD request_count :inc SET #ttl = :ttl"),
		ConditionExpression: aws.String("attribute_not_exists(request_count) OR request_count < :limit"),
		ExpressionAttributeNames: map[string]string{
			"#ttl": "ttl",
		},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":inc":   num("1"),
			":limit": num("100"),
			":ttl":   num(exp),
		},
	})
	return err
}

// SetArithmetic is allowed: arithmetic in SET is fine.
func (l *Limiter) SetArithmetic(ctx context.Context, k string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String(l.table),
		Key:                 key(k),
		UpdateExpression:    aws.String("SET hits = if_not_exists(hits, :zero) + :one, #c.#d = :one REMOVE stale"),
		ConditionExpression: aws.String("attribute_not_exists(hits) OR hits < :limit"),
		ExpressionAttributeNames: map[string]string{
			"#c": "counts",
			"#d": "day",
		},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":zero":  num("0"),
			":one":   num("1"),
			":limit": num("100"),
		},
	})
	return err
}

// Dynamic builds the values map at run time: the placeholders are not
// judged.
func (l *Limiter) Dynamic(ctx context.Context, k string, extra map[string]types.AttributeValue) error {
	vals := map[string]types.AttributeValue{":one": num("1")}
	for name, v := range extra {
		vals[name] = v
	}
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       key(k),
		UpdateExpression:          aws.String("ADD hits :one"),
		ConditionExpression:       aws.String("hits < :limit"),
		ExpressionAttributeValues: vals,
	})
	return err
}

// Later adds a value to the input's map after building it.
func (l *Limiter) Later(ctx context.Context, k string) error {
	in := &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       key(k),
		UpdateExpression:          aws.String("ADD hits :one"),
		ConditionExpression:       aws.String("hits < :limit"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": num("1")},
	}
	in.ExpressionAttributeValues[":limit"] = num("100")
	_, err := l.db.UpdateItem(ctx, in)
	return err
}

// FromParam takes the values from the caller.
func (l *Limiter) FromParam(ctx context.Context, k string, vals map[string]types.AttributeValue) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       key(k),
		UpdateExpression:          aws.String("ADD hits :one"),
		ExpressionAttributeValues: vals,
	})
	return err
}

// NotConstant builds the expression at run time.
func (l *Limiter) NotConstant(ctx context.Context, k, attr string) error {
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       key(k),
		UpdateExpression:          aws.String(fmt.Sprintf("ADD %s :one", attr)),
		ConditionExpression:       aws.String(attr + " < :limit"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": num("1")},
	})
	return err
}

// build returns the input to a caller that may add to it: only the
// expressions on their own are judged, and they are valid.
func build(k string) *dynamodb.UpdateItemInput {
	return &dynamodb.UpdateItemInput{
		TableName:                 aws.String("limits"),
		Key:                       key(k),
		UpdateExpression:          aws.String("ADD hits :one SET #t = :t"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": num("1")},
	}
}

// Helper passes the input to a function that may change it.
func (l *Limiter) Helper(ctx context.Context, k string) error {
	in := &dynamodb.UpdateItemInput{
		TableName:        aws.String(l.table),
		Key:              key(k),
		UpdateExpression: aws.String("ADD hits :one"),
	}
	withValues(in)
	_, err := l.db.UpdateItem(ctx, in)
	return err
}

func withValues(in *dynamodb.UpdateItemInput) {
	in.ExpressionAttributeValues = map[string]types.AttributeValue{":one": num("1")}
}

// Query is a valid key condition with a sort-key range and a projection.
func (l *Limiter) Query(ctx context.Context, k string) (int32, error) {
	out, err := l.db.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String(l.table),
		KeyConditionExpression: aws.String("pk = :pk AND #ts BETWEEN :from AND :to"),
		FilterExpression:       aws.String("attribute_exists(hits) AND size(tags) > :zero"),
		ProjectionExpression:   aws.String("pk, #ts, hits"),
		ExpressionAttributeNames: map[string]string{
			"#ts": "timestamp",
		},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk":   &types.AttributeValueMemberS{Value: k},
			":from": num("0"),
			":to":   num("60"),
			":zero": num("0"),
		},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return 0, err
	}
	return out.Count, nil
}

// Branches sets the condition in two branches: each one alone is valid,
// the placeholders are not judged.
func (l *Limiter) Branches(ctx context.Context, k string, strict bool) error {
	in := &dynamodb.UpdateItemInput{
		TableName:        aws.String(l.table),
		Key:              key(k),
		UpdateExpression: aws.String("ADD hits :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one":   num("1"),
			":limit": num("100"),
		},
	}
	if strict {
		in.ConditionExpression = aws.String("hits < :limit")
	} else {
		in.ConditionExpression = aws.String("attribute_not_exists(hits) OR hits < :limit")
	}
	_, err := l.db.UpdateItem(ctx, in)
	return err
}

// Copy builds a base input and completes a copy of it: the base literal
// alone is not the whole input.
func (l *Limiter) Copy(ctx context.Context, k string) error {
	base := dynamodb.UpdateItemInput{
		TableName:        aws.String(l.table),
		Key:              key(k),
		UpdateExpression: aws.String("ADD hits :one"),
	}
	in := base
	in.ExpressionAttributeValues = map[string]types.AttributeValue{":one": num("1")}
	_, err := l.db.UpdateItem(ctx, &in)
	return err
}

// Reused shares one values map between two inputs.
func (l *Limiter) Reused(ctx context.Context, k string) error {
	vals := map[string]types.AttributeValue{":one": num("1"), ":limit": num("100")}
	_, err := l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       key(k),
		UpdateExpression:          aws.String("ADD hits :one"),
		ConditionExpression:       aws.String("hits < :limit"),
		ExpressionAttributeValues: vals,
	})
	if err != nil {
		return err
	}
	_, err = l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       key(k + "#day"),
		UpdateExpression:          aws.String("ADD hits :one"),
		ExpressionAttributeValues: vals,
	})
	return err
}

// Builder mixes the expression builder's output with a constant
// condition: the builder's names and values are not judged.
func (l *Limiter) Builder(ctx context.Context, k string) error {
	e, err := expression.NewBuilder().WithUpdate(expression.Add(expression.Name("hits"), expression.Value(1))).Build()
	if err != nil {
		return err
	}
	_, err = l.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(l.table),
		Key:                       key(k),
		UpdateExpression:          e.Update(),
		ConditionExpression:       aws.String("attribute_not_exists(hits)"),
		ExpressionAttributeNames:  e.Names(),
		ExpressionAttributeValues: e.Values(),
	})
	return err
}

// Paged hands the input to a paginator, which only reads it; the input
// is judged expression by expression.
func (l *Limiter) Paged(ctx context.Context, k string) error {
	in := &dynamodb.QueryInput{
		TableName:              aws.String(l.table),
		KeyConditionExpression: aws.String("pk = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: k},
		},
	}
	return page(ctx, l.db, in)
}

func page(ctx context.Context, db *dynamodb.Client, in *dynamodb.QueryInput) error {
	for {
		out, err := db.Query(ctx, in)
		if err != nil || out.Count == 0 {
			return err
		}
	}
}
