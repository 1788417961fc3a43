package v1

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/service/dynamodb"
)

// Fixed is the seed's limiter written correctly.
func (r *RateLimiter) Fixed(k string) error {
	_, err := r.db.UpdateItem(&dynamodb.UpdateItemInput{
		TableName:           aws.String("rate_limits"),
		Key:                 key(k),
		UpdateExpression:    aws.String("ADD request_count :inc SET #ttl = :ttl"),
		ConditionExpression: aws.String("attribute_not_exists(request_count) OR request_count < :limit"),
		ExpressionAttributeNames: map[string]*string{
			"#ttl": aws.String("ttl"),
		},
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{
			":inc":   {N: aws.String("1")},
			":limit": {N: aws.String("100")},
			":ttl":   {N: aws.String("0")},
		},
	})
	return err
}

// Later sets the values after building the input: all of it is visible.
func (r *RateLimiter) Later(k string) error {
	in := &dynamodb.UpdateItemInput{
		TableName:        aws.String("rate_limits"),
		Key:              key(k),
		UpdateExpression: aws.String("ADD hits :one"),
	}
	in.ExpressionAttributeValues = map[string]*dynamodb.AttributeValue{":one": {N: aws.String("1")}}
	_, err := r.db.UpdateItem(in)
	return err
}

// Dynamic builds the expression and the names at run time.
func (r *RateLimiter) Dynamic(k, attr string) error {
	names := map[string]*string{}
	names["#a"] = aws.String(attr)
	_, err := r.db.UpdateItem(&dynamodb.UpdateItemInput{
		TableName:                aws.String("rate_limits"),
		Key:                      key(k),
		UpdateExpression:         aws.String("ADD #a :one, #b :one"),
		ExpressionAttributeNames: names,
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{
			":one": {N: aws.String("1")},
		},
	})
	return err
}
