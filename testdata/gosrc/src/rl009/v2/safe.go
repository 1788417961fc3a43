package v2

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Consistent reads with ConsistentRead.
func (l *Limiter) Consistent(ctx context.Context, k string) (bool, error) {
	out, err := l.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      aws.String("buckets"),
		Key:            key(k),
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return false, err
	}
	return len(out.Item) < l.limit, nil
}

// ConsistentVar sets ConsistentRead through a variable, later.
func (l *Limiter) ConsistentVar(ctx context.Context, k string) (bool, error) {
	yes := true
	in := &dynamodb.QueryInput{
		TableName:              aws.String("request_log"),
		KeyConditionExpression: aws.String("pk = :pk"),
	}
	in.ConsistentRead = &yes
	out, err := l.db.Query(ctx, in)
	if err != nil {
		return false, err
	}
	return int(out.Count) < l.limit, nil
}

// Configured takes ConsistentRead from configuration: not judged.
func (l *Limiter) Configured(ctx context.Context, k string, consistent bool) (bool, error) {
	out, err := l.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      aws.String("buckets"),
		Key:            key(k),
		ConsistentRead: aws.Bool(consistent),
	})
	if err != nil {
		return false, err
	}
	return len(out.Item) < l.limit, nil
}

// Index queries a GSI, which cannot be read consistently.
func (l *Limiter) Index(ctx context.Context, ip string) (bool, error) {
	out, err := l.db.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String("request_log"),
		IndexName:              aws.String("by_ip"),
		KeyConditionExpression: aws.String("ip = :ip"),
	})
	if err != nil {
		return false, err
	}
	return int(out.Count) < l.limit, nil
}

// Exists only tests whether the bucket exists.
func (l *Limiter) Exists(ctx context.Context, k string) (bool, error) {
	out, err := l.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("buckets"),
		Key:       key(k),
	})
	if err != nil {
		return false, err
	}
	if out.Item == nil || len(out.Item) > 0 {
		return false, nil
	}
	return true, nil
}

// Load returns the count to the caller without comparing it.
func (l *Limiter) Load(ctx context.Context, k string) (map[string]types.AttributeValue, error) {
	out, err := l.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("buckets"),
		Key:       key(k),
	})
	if err != nil {
		return nil, err
	}
	return out.Item, nil
}

// profileAge reads a user profile and compares the age: not a limit.
func profileAge(ctx context.Context, db *dynamodb.Client, user string) (bool, error) {
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("profiles"),
		Key:       key(user),
	})
	if err != nil {
		return false, err
	}
	v, _ := out.Item["age"].(*types.AttributeValueMemberN)
	age, _ := strconv.Atoi(v.Value)
	return age >= 18, nil
}

// pages compares a Query's item count outside limiter code.
func pages(ctx context.Context, db *dynamodb.Client, author string) (bool, error) {
	out, err := db.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String("posts"),
		KeyConditionExpression: aws.String("author = :a"),
	})
	if err != nil {
		return false, err
	}
	return out.Count > 20, nil
}

// Helper hands the input to a function that may set ConsistentRead.
func (l *Limiter) Helper(ctx context.Context, k string) (bool, error) {
	in := &dynamodb.GetItemInput{
		TableName: aws.String("buckets"),
		Key:       key(k),
	}
	strong(in)
	out, err := l.db.GetItem(ctx, in)
	if err != nil {
		return false, err
	}
	return len(out.Item) < l.limit, nil
}

func strong(in *dynamodb.GetItemInput) { in.ConsistentRead = aws.Bool(true) }

// PlanLimit reads the plan's limit, not the count: a stale limit admits
// no burst.
func (l *Limiter) PlanLimit(ctx context.Context, tenant string, count int) (bool, error) {
	out, err := l.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("plans"),
		Key:       key(tenant),
	})
	if err != nil {
		return false, err
	}
	v, _ := out.Item["max_requests"].(*types.AttributeValueMemberN)
	max, _ := strconv.Atoi(v.Value)
	return count < max, nil
}

// Remaining reads the count only for a header; the conditional update
// decides.
func (l *Limiter) Remaining(ctx context.Context, k string, h map[string]string) error {
	out, err := l.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("buckets"),
		Key:       key(k),
	})
	if err != nil {
		return err
	}
	v, _ := out.Item["hits"].(*types.AttributeValueMemberN)
	n, _ := strconv.Atoi(v.Value)
	if n > l.limit {
		n = l.limit
	}
	h["X-RateLimit-Remaining"] = strconv.Itoa(l.limit - n)
	return nil
}
