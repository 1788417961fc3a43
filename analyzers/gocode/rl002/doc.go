// Package rl002 defines an Analyzer that reports DynamoDB counter
// increments without a ConditionExpression.
//
// # Analyzer RL002
//
// RL002: dynamodb counter increment without a condition
//
// An UpdateItem (aws-sdk-go-v2 or aws-sdk-go v1, also UpdateItemWithContext)
// whose UpdateExpression increments a counter (ADD n :inc, SET n = n + :inc,
// SET n = if_not_exists(n, :zero) + :inc) or whose legacy AttributeUpdates
// use Action ADD, with no ConditionExpression, Expected or
// ConditionalOperator, lets the counter grow past the limit: the store
// never enforces it. The finding is high when the new value is not used to
// decide, and medium when ReturnValues asks for the new value and the code
// uses it (the limit holds, but rejected requests still write).
//
// Also recognised: inputs whose UpdateExpression comes from the v2
// expression builder (expression.Add, Set(n, n.Plus(...)) without
// WithCondition), and guregu/dynamo's Update(...).Add(...).Run()/Value()
// without If(...).
//
// The input must be visible in the function: a literal passed directly, or
// a local variable holding one (later field assignments are followed).
// Inputs built by other functions, non-constant expressions, decrements
// (ADD with a negative literal, SET n = n - :v), ADD to a set, and counters
// nothing limits (the attribute and table names say nothing of counts or
// limits, the function is not limiter code and the new value is not
// compared) are not reported.
package rl002
