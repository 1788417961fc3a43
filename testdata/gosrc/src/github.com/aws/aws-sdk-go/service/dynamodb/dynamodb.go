// Package dynamodb is a test stub of github.com/aws/aws-sdk-go/service/dynamodb.
package dynamodb

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/request"
)

// Enum values.
const (
	AttributeActionAdd                     = "ADD"
	AttributeActionPut                     = "PUT"
	ReturnValueUpdatedNew                  = "UPDATED_NEW"
	ReturnValueAllNew                      = "ALL_NEW"
	ReturnValueNone                        = "NONE"
	ErrCodeConditionalCheckFailedException = "ConditionalCheckFailedException"
)

// DynamoDB is the client.
type DynamoDB struct{}

// AttributeValue is an attribute value.
type AttributeValue struct {
	S  *string
	N  *string
	SS []*string
}

// AttributeValueUpdate is a legacy update.
type AttributeValueUpdate struct {
	Action *string
	Value  *AttributeValue
}

// ExpectedAttributeValue is a legacy condition.
type ExpectedAttributeValue struct {
	Exists *bool
	Value  *AttributeValue
}

// GetItemInput is the GetItem input.
type GetItemInput struct {
	Key                      map[string]*AttributeValue
	TableName                *string
	ConsistentRead           *bool
	ExpressionAttributeNames map[string]*string
	ProjectionExpression     *string
}

// GetItemOutput is the GetItem output.
type GetItemOutput struct {
	Item map[string]*AttributeValue
}

// GetItem reads an item.
func (c *DynamoDB) GetItem(input *GetItemInput) (*GetItemOutput, error) { return &GetItemOutput{}, nil }

// GetItemWithContext reads an item.
func (c *DynamoDB) GetItemWithContext(ctx aws.Context, input *GetItemInput, opts ...request.Option) (*GetItemOutput, error) {
	return &GetItemOutput{}, nil
}

// PutItemInput is the PutItem input.
type PutItemInput struct {
	Item                      map[string]*AttributeValue
	TableName                 *string
	ConditionExpression       *string
	Expected                  map[string]*ExpectedAttributeValue
	ExpressionAttributeValues map[string]*AttributeValue
	ExpressionAttributeNames  map[string]*string
}

// PutItemOutput is the PutItem output.
type PutItemOutput struct{}

// PutItem writes an item.
func (c *DynamoDB) PutItem(input *PutItemInput) (*PutItemOutput, error) { return &PutItemOutput{}, nil }

// PutItemWithContext writes an item.
func (c *DynamoDB) PutItemWithContext(ctx aws.Context, input *PutItemInput, opts ...request.Option) (*PutItemOutput, error) {
	return &PutItemOutput{}, nil
}

// UpdateItemInput is the UpdateItem input.
type UpdateItemInput struct {
	Key                       map[string]*AttributeValue
	TableName                 *string
	AttributeUpdates          map[string]*AttributeValueUpdate
	ConditionExpression       *string
	ConditionalOperator       *string
	Expected                  map[string]*ExpectedAttributeValue
	ExpressionAttributeNames  map[string]*string
	ExpressionAttributeValues map[string]*AttributeValue
	ReturnValues              *string
	UpdateExpression          *string
}

// UpdateItemOutput is the UpdateItem output.
type UpdateItemOutput struct {
	Attributes map[string]*AttributeValue
}

// UpdateItem updates an item.
func (c *DynamoDB) UpdateItem(input *UpdateItemInput) (*UpdateItemOutput, error) {
	return &UpdateItemOutput{}, nil
}

// UpdateItemWithContext updates an item.
func (c *DynamoDB) UpdateItemWithContext(ctx aws.Context, input *UpdateItemInput, opts ...request.Option) (*UpdateItemOutput, error) {
	return &UpdateItemOutput{}, nil
}

// QueryInput is the Query input.
type QueryInput struct {
	TableName                 *string
	IndexName                 *string
	KeyConditionExpression    *string
	FilterExpression          *string
	ProjectionExpression      *string
	ConsistentRead            *bool
	ExpressionAttributeNames  map[string]*string
	ExpressionAttributeValues map[string]*AttributeValue
}

// QueryOutput is the Query output.
type QueryOutput struct {
	Items []map[string]*AttributeValue
	Count *int64
}

// Query reads items.
func (c *DynamoDB) Query(input *QueryInput) (*QueryOutput, error) { return &QueryOutput{}, nil }

// QueryWithContext reads items.
func (c *DynamoDB) QueryWithContext(ctx aws.Context, input *QueryInput, opts ...request.Option) (*QueryOutput, error) {
	return &QueryOutput{}, nil
}

// ScanInput is the Scan input.
type ScanInput struct {
	TableName                 *string
	FilterExpression          *string
	ProjectionExpression      *string
	ExpressionAttributeNames  map[string]*string
	ExpressionAttributeValues map[string]*AttributeValue
}

// ScanOutput is the Scan output.
type ScanOutput struct {
	Items []map[string]*AttributeValue
}

// Scan reads a table.
func (c *DynamoDB) Scan(input *ScanInput) (*ScanOutput, error) { return &ScanOutput{}, nil }

// DeleteItemInput is the DeleteItem input.
type DeleteItemInput struct {
	Key                       map[string]*AttributeValue
	TableName                 *string
	ConditionExpression       *string
	ExpressionAttributeNames  map[string]*string
	ExpressionAttributeValues map[string]*AttributeValue
}

// DeleteItemOutput is the DeleteItem output.
type DeleteItemOutput struct{}

// DeleteItem deletes an item.
func (c *DynamoDB) DeleteItem(input *DeleteItemInput) (*DeleteItemOutput, error) {
	return &DeleteItemOutput{}, nil
}

// Update is a transaction's update.
type Update struct {
	Key                       map[string]*AttributeValue
	TableName                 *string
	UpdateExpression          *string
	ConditionExpression       *string
	ExpressionAttributeNames  map[string]*string
	ExpressionAttributeValues map[string]*AttributeValue
}

// ConditionCheck is a transaction's condition check.
type ConditionCheck struct {
	Key                       map[string]*AttributeValue
	TableName                 *string
	ConditionExpression       *string
	ExpressionAttributeNames  map[string]*string
	ExpressionAttributeValues map[string]*AttributeValue
}

// TransactWriteItem is one action of a write transaction.
type TransactWriteItem struct {
	ConditionCheck *ConditionCheck
	Update         *Update
}

// TransactWriteItemsInput is the TransactWriteItems input.
type TransactWriteItemsInput struct {
	TransactItems []*TransactWriteItem
}

// TransactWriteItemsOutput is the TransactWriteItems output.
type TransactWriteItemsOutput struct{}

// TransactWriteItems writes items in one transaction.
func (c *DynamoDB) TransactWriteItems(input *TransactWriteItemsInput) (*TransactWriteItemsOutput, error) {
	return &TransactWriteItemsOutput{}, nil
}
