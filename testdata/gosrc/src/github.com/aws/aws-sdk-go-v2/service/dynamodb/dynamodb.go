// Package dynamodb is a test stub of github.com/aws/aws-sdk-go-v2/service/dynamodb.
package dynamodb

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Options are client options.
type Options struct{ Region string }

// Client is the DynamoDB client.
type Client struct{ options Options }

// NewFromConfig returns a client.
func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

// GetItemInput is the GetItem input.
type GetItemInput struct {
	Key                      map[string]types.AttributeValue
	TableName                *string
	ConsistentRead           *bool
	ExpressionAttributeNames map[string]string
	ProjectionExpression     *string
}

// GetItemOutput is the GetItem output.
type GetItemOutput struct {
	Item map[string]types.AttributeValue
}

// GetItem reads an item.
func (c *Client) GetItem(ctx context.Context, params *GetItemInput, optFns ...func(*Options)) (*GetItemOutput, error) {
	return &GetItemOutput{}, nil
}

// QueryInput is the Query input.
type QueryInput struct {
	TableName                 *string
	IndexName                 *string
	KeyConditionExpression    *string
	FilterExpression          *string
	ConsistentRead            *bool
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]types.AttributeValue
	Limit                     *int32
	ProjectionExpression      *string
}

// QueryOutput is the Query output.
type QueryOutput struct {
	Items []map[string]types.AttributeValue
	Count int32
}

// Query reads items.
func (c *Client) Query(ctx context.Context, params *QueryInput, optFns ...func(*Options)) (*QueryOutput, error) {
	return &QueryOutput{}, nil
}

// PutItemInput is the PutItem input.
type PutItemInput struct {
	Item                      map[string]types.AttributeValue
	TableName                 *string
	ConditionExpression       *string
	ConditionalOperator       types.ConditionalOperator
	Expected                  map[string]types.ExpectedAttributeValue
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]types.AttributeValue
	ReturnValues              types.ReturnValue
}

// PutItemOutput is the PutItem output.
type PutItemOutput struct {
	Attributes map[string]types.AttributeValue
}

// PutItem writes an item.
func (c *Client) PutItem(ctx context.Context, params *PutItemInput, optFns ...func(*Options)) (*PutItemOutput, error) {
	return &PutItemOutput{}, nil
}

// UpdateItemInput is the UpdateItem input.
type UpdateItemInput struct {
	Key                       map[string]types.AttributeValue
	TableName                 *string
	AttributeUpdates          map[string]types.AttributeValueUpdate
	ConditionExpression       *string
	ConditionalOperator       types.ConditionalOperator
	Expected                  map[string]types.ExpectedAttributeValue
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]types.AttributeValue
	ReturnValues              types.ReturnValue
	UpdateExpression          *string
}

// UpdateItemOutput is the UpdateItem output.
type UpdateItemOutput struct {
	Attributes map[string]types.AttributeValue
}

// UpdateItem updates an item.
func (c *Client) UpdateItem(ctx context.Context, params *UpdateItemInput, optFns ...func(*Options)) (*UpdateItemOutput, error) {
	return &UpdateItemOutput{}, nil
}

// DeleteItemInput is the DeleteItem input.
type DeleteItemInput struct {
	Key                       map[string]types.AttributeValue
	TableName                 *string
	ConditionExpression       *string
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]types.AttributeValue
}

// DeleteItemOutput is the DeleteItem output.
type DeleteItemOutput struct{}

// DeleteItem deletes an item.
func (c *Client) DeleteItem(ctx context.Context, params *DeleteItemInput, optFns ...func(*Options)) (*DeleteItemOutput, error) {
	return &DeleteItemOutput{}, nil
}

// ScanInput is the Scan input.
type ScanInput struct {
	TableName                 *string
	IndexName                 *string
	FilterExpression          *string
	ProjectionExpression      *string
	ConsistentRead            *bool
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]types.AttributeValue
}

// ScanOutput is the Scan output.
type ScanOutput struct {
	Items []map[string]types.AttributeValue
	Count int32
}

// Scan reads a table.
func (c *Client) Scan(ctx context.Context, params *ScanInput, optFns ...func(*Options)) (*ScanOutput, error) {
	return &ScanOutput{}, nil
}

// TransactWriteItemsInput is the TransactWriteItems input.
type TransactWriteItemsInput struct {
	TransactItems []types.TransactWriteItem
}

// TransactWriteItemsOutput is the TransactWriteItems output.
type TransactWriteItemsOutput struct{}

// TransactWriteItems writes items in one transaction.
func (c *Client) TransactWriteItems(ctx context.Context, params *TransactWriteItemsInput, optFns ...func(*Options)) (*TransactWriteItemsOutput, error) {
	return &TransactWriteItemsOutput{}, nil
}
