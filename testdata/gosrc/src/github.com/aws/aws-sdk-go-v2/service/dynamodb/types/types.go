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
