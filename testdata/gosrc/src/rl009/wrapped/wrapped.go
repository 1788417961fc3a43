// Package wrapped reads the count in a store method that returns it; the
// limiter method of the same package decides on it.
package wrapped

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Store reads counters.
type Store struct{ db *dynamodb.Client }

// Count returns the count of a key.
func (s *Store) Count(ctx context.Context, key string) (int, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{ // want `GetItem reads without ConsistentRead and its result decides the limit`
		TableName: aws.String("buckets"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
	})
	if err != nil {
		return 0, err
	}
	n, _ := strconv.Atoi(out.Item["hits"].(*types.AttributeValueMemberN).Value)
	return n, nil
}

// ConsistentCount reads consistently.
func (s *Store) ConsistentCount(ctx context.Context, key string) (int, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      aws.String("buckets"),
		Key:            map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return 0, err
	}
	n, _ := strconv.Atoi(out.Item["hits"].(*types.AttributeValueMemberN).Value)
	return n, nil
}

// Profile returns a value nobody compares.
func (s *Store) Profile(ctx context.Context, key string) (string, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("profiles"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
	})
	if err != nil {
		return "", err
	}
	return out.Item["name"].(*types.AttributeValueMemberS).Value, nil
}

// Limiter decides on the counts.
type Limiter struct {
	store *Store
	max   int
}

// Allow decides on an eventually consistent count.
func (l *Limiter) Allow(ctx context.Context, key string) (bool, error) {
	n, err := l.store.Count(ctx, key)
	if err != nil {
		return false, err
	}
	if n >= l.max {
		return false, nil
	}
	return true, nil
}

// AllowConsistent decides on a consistent count.
func (l *Limiter) AllowConsistent(ctx context.Context, key string) (bool, error) {
	n, err := l.store.ConsistentCount(ctx, key)
	if err != nil {
		return false, err
	}
	if n >= l.max {
		return false, nil
	}
	return true, nil
}

// Greeting uses the profile.
func (l *Limiter) Greeting(ctx context.Context, key string) string {
	name, _ := l.store.Profile(ctx, key)
	return "hello " + name
}
