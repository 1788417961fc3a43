// Package types is a test stub of github.com/aws/aws-sdk-go-v2/service/dynamodb/types.
package types

// AttributeValue is a DynamoDB attribute value.
type AttributeValue interface{ isAttributeValue() }

// AttributeValueMemberS is a string value.
type AttributeValueMemberS struct{ Value string }

func (*AttributeValueMemberS) isAttributeValue() {}

// AttributeValueMemberN is a number value.
type AttributeValueMemberN struct{ Value string }

func (*AttributeValueMemberN) isAttributeValue() {}

// AttributeValueMemberSS is a string set value.
type AttributeValueMemberSS struct{ Value []string }

func (*AttributeValueMemberSS) isAttributeValue() {}

// AttributeAction is a legacy update action.
type AttributeAction string

// Attribute actions.
const (
	AttributeActionAdd    AttributeAction = "ADD"
	AttributeActionPut    AttributeAction = "PUT"
	AttributeActionDelete AttributeAction = "DELETE"
)

// AttributeValueUpdate is a legacy attribute update.
type AttributeValueUpdate struct {
	Action AttributeAction
	Value  AttributeValue
}

// ExpectedAttributeValue is a legacy condition.
type ExpectedAttributeValue struct {
	Exists *bool
	Value  AttributeValue
}

// ConditionalOperator joins legacy conditions.
type ConditionalOperator string

// ReturnValue says what UpdateItem returns.
type ReturnValue string

// Return values.
const (
	ReturnValueNone       ReturnValue = "NONE"
	ReturnValueAllOld     ReturnValue = "ALL_OLD"
	ReturnValueUpdatedOld ReturnValue = "UPDATED_OLD"
	ReturnValueAllNew     ReturnValue = "ALL_NEW"
	ReturnValueUpdatedNew ReturnValue = "UPDATED_NEW"
)

// ConditionalCheckFailedException is returned when a condition fails.
type ConditionalCheckFailedException struct {
	Message *string
	Item    map[string]AttributeValue
}

func (e *ConditionalCheckFailedException) Error() string { return "ConditionalCheckFailedException" }

// TransactWriteItem is one action of a write transaction.
type TransactWriteItem struct {
	ConditionCheck *ConditionCheck
	Delete         *Delete
	Put            *Put
	Update         *Update
}

// ConditionCheck is a transaction's condition check.
type ConditionCheck struct {
	ConditionExpression       *string
	Key                       map[string]AttributeValue
	TableName                 *string
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]AttributeValue
}

// Delete is a transaction's delete.
type Delete struct {
	Key                       map[string]AttributeValue
	TableName                 *string
	ConditionExpression       *string
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]AttributeValue
}

// Put is a transaction's put.
type Put struct {
	Item                      map[string]AttributeValue
	TableName                 *string
	ConditionExpression       *string
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]AttributeValue
}

// Update is a transaction's update.
type Update struct {
	Key                       map[string]AttributeValue
	TableName                 *string
	UpdateExpression          *string
	ConditionExpression       *string
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]AttributeValue
}
