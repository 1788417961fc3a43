// Package ddbexpr parses DynamoDB expressions: update expressions
// (SET, REMOVE, ADD, DELETE), condition and filter expressions, key
// condition expressions and projection expressions, following the grammar
// of the DynamoDB Developer Guide.
//
// The parser is strict where DynamoDB is strict (arithmetic outside SET is
// a syntax error) and records, instead of rejecting, the attribute names
// that DynamoDB rejects at run time because they are reserved words and
// must be written through a #name placeholder. Every parsed form reports
// the :value and #name placeholders it uses (Refs), so callers can compare
// them with ExpressionAttributeValues and ExpressionAttributeNames.
package ddbexpr
