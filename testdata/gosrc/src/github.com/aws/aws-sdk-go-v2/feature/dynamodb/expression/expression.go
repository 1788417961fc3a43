// Package expression is a test stub of
// github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression.
package expression

import "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

// OperandBuilder builds an operand.
type OperandBuilder interface{ isOperand() }

// NameBuilder names an attribute.
type NameBuilder struct{ name string }

func (NameBuilder) isOperand() {}

// ValueBuilder holds a value.
type ValueBuilder struct{ value interface{} }

func (ValueBuilder) isOperand() {}

// SetValueBuilder is an arithmetic or if_not_exists operand.
type SetValueBuilder struct{}

func (SetValueBuilder) isOperand() {}

// Name returns a name operand.
func Name(name string) NameBuilder { return NameBuilder{name: name} }

// Value returns a value operand.
func Value(value interface{}) ValueBuilder { return ValueBuilder{value: value} }

// Plus adds rightOperand to the name.
func (nb NameBuilder) Plus(rightOperand OperandBuilder) SetValueBuilder { return SetValueBuilder{} }

// Minus subtracts rightOperand from the name.
func (nb NameBuilder) Minus(rightOperand OperandBuilder) SetValueBuilder { return SetValueBuilder{} }

// IfNotExists returns if_not_exists(name, value).
func (nb NameBuilder) IfNotExists(rightOperand OperandBuilder) SetValueBuilder {
	return SetValueBuilder{}
}

// Plus adds rightOperand.
func (svb SetValueBuilder) Plus(rightOperand OperandBuilder) SetValueBuilder { return svb }

// IfNotExists returns if_not_exists(name, setValue).
func IfNotExists(name NameBuilder, setValue OperandBuilder) SetValueBuilder {
	return SetValueBuilder{}
}

// LessThan returns name < right.
func (nb NameBuilder) LessThan(right OperandBuilder) ConditionBuilder { return ConditionBuilder{} }

// AttributeNotExists returns attribute_not_exists(name).
func (nb NameBuilder) AttributeNotExists() ConditionBuilder { return ConditionBuilder{} }

// ConditionBuilder builds a condition.
type ConditionBuilder struct{}

// Or joins conditions.
func (cb ConditionBuilder) Or(right ConditionBuilder, other ...ConditionBuilder) ConditionBuilder {
	return cb
}

// UpdateBuilder builds an update expression.
type UpdateBuilder struct{}

// Set returns SET name = operand.
func Set(name NameBuilder, operandBuilder OperandBuilder) UpdateBuilder { return UpdateBuilder{} }

// Add returns ADD name value.
func Add(name NameBuilder, value ValueBuilder) UpdateBuilder { return UpdateBuilder{} }

// Set adds SET name = operand.
func (ub UpdateBuilder) Set(name NameBuilder, operandBuilder OperandBuilder) UpdateBuilder {
	return ub
}

// Add adds ADD name value.
func (ub UpdateBuilder) Add(name NameBuilder, value ValueBuilder) UpdateBuilder { return ub }

// Builder collects expressions.
type Builder struct{}

// NewBuilder returns an empty builder.
func NewBuilder() Builder { return Builder{} }

// WithUpdate sets the update expression.
func (b Builder) WithUpdate(updateBuilder UpdateBuilder) Builder { return b }

// WithCondition sets the condition expression.
func (b Builder) WithCondition(conditionBuilder ConditionBuilder) Builder { return b }

// Build builds the expressions.
func (b Builder) Build() (Expression, error) { return Expression{}, nil }

// Expression holds built expressions.
type Expression struct{}

// Update returns the update expression.
func (e Expression) Update() *string { return nil }

// Condition returns the condition expression.
func (e Expression) Condition() *string { return nil }

// Names returns the attribute names.
func (e Expression) Names() map[string]string { return nil }

// Values returns the attribute values.
func (e Expression) Values() map[string]types.AttributeValue { return nil }
