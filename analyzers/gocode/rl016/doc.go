// Package rl016 defines an Analyzer that reports DynamoDB expressions
// that DynamoDB rejects at run time.
//
// # Analyzer RL016
//
// RL016: DynamoDB expression that DynamoDB rejects at run time
//
// Every input struct of aws-sdk-go-v2 and aws-sdk-go v1 that carries
// expressions (UpdateItemInput, PutItemInput, DeleteItemInput,
// GetItemInput, QueryInput, ScanInput, and the Update, Put, Delete,
// ConditionCheck and Get actions of transactions) is checked, in any
// function, when its UpdateExpression, ConditionExpression,
// KeyConditionExpression, FilterExpression or ProjectionExpression is a
// constant (a literal, a concatenation, a constant, aws.String of one, or
// a local variable always assigned the same one). Reported, because
// DynamoDB answers each with a ValidationException on every call:
//
//   - syntax errors, and arithmetic (+, -) in a condition, which only SET
//     supports;
//   - attribute names that are DynamoDB reserved words (ttl, count, name,
//     timestamp, ...) written without a #name placeholder;
//   - :value placeholders used but not defined in
//     ExpressionAttributeValues, or defined but used by no expression of
//     the input, and the same for #name placeholders and
//     ExpressionAttributeNames;
//   - an UpdateExpression that writes the same attribute twice, or
//     overlapping document paths (a and a.b).
//
// The finding is high in a rate-limit path (limiter code, or an input whose
// table, attribute names or expressions speak of counters and limits) and
// medium elsewhere.
//
// Placeholders are compared with the maps only when the function shows the
// whole input: the maps are literals with constant keys (directly, or in a
// local variable used nowhere else), every expression of the input is a
// constant that parses, and the input only flows into DynamoDB calls (not
// returned, not passed to a helper, not copied, its maps not changed
// afterwards). A missing map counts as empty under the same conditions.
// Non-constant expressions, maps built at run time and inputs built out of
// sight are not judged; the expression builder of aws-sdk-go-v2 produces
// valid expressions and is not this rule's business.
package rl016
