// Package ddbexpr parses DynamoDB expressions: update expressions (SET,
// REMOVE, ADD, DELETE), condition and filter expressions, key condition
// expressions and projection expressions, following the grammar of the
// DynamoDB Developer Guide.
//
// The parser accepts what DynamoDB accepts and returns an *Error, with a
// byte offset into the expression, for what DynamoDB rejects before it
// looks at any item: malformed text, arithmetic outside a SET value (Kind
// Arithmetic, as in the condition request_count + :inc <= :limit),
// functions in the wrong expression or in the wrong case, literals instead
// of :value placeholders, key conditions of the wrong shape (Kind
// KeyCondition), expressions over 4 KB. Keywords are case-insensitive;
// function names are case-sensitive, as in DynamoDB.
//
// Two other run-time rejections are recorded rather than reported, so that
// a caller can name them precisely: attribute names that are reserved
// words and must go through a #name placeholder (Refs.Reserved; SET ttl =
// :ttl is valid syntax, but TTL is reserved), and update targets that
// repeat or overlap (Update.Conflicts). Refs also lists every :value and
// #name placeholder an expression uses, to compare with
// ExpressionAttributeValues and ExpressionAttributeNames.
//
// Update.Counters says which attributes an update increments or
// decrements (ADD n :v, SET n = n + :v, SET n = if_not_exists(n, :z) + :v).
//
// Every node carries the byte offset of its first character, except
// ValueRef, a plain string whose uses are listed with offsets in Refs.Uses.
// The String methods write a canonical form that parses back to the same
// tree.
package ddbexpr
