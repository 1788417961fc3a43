// Package store reads counters; package limiter decides on them.
package store

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Store reads counters.
type Store struct{ DB *dynamodb.Client }

// Count returns the count of a key.
func (s *Store) Count(ctx context.Context, key string) (int, error) {
	out, err := s.DB.GetItem(ctx, &dynamodb.GetItemInput{ // want `GetItem reads without ConsistentRead and its result decides the limit`
		TableName: aws.String("buckets"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}},
	})
	if err != nil {
		return 0, err
	}
	n, _ := strconv.Atoi(out.Item["hits"].(*types.AttributeValueMemberN).Value)
	return n, nil
}
