// Package dynamo is a test stub of github.com/guregu/dynamo.
package dynamo

import "context"

// DB is a DynamoDB handle.
type DB struct{}

// Table is a table handle.
type Table struct{ name string }

// Table returns a table handle.
func (db *DB) Table(name string) Table { return Table{name: name} }

// Update starts an UpdateItem.
func (table Table) Update(hashKey string, value interface{}) *Update { return &Update{} }

// Get starts a GetItem or Query.
func (table Table) Get(name string, value interface{}) *Query { return &Query{} }

// Put starts a PutItem.
func (table Table) Put(item interface{}) *Put { return &Put{} }

// Update is an UpdateItem request.
type Update struct{}

// Range sets the range key.
func (u *Update) Range(name string, value interface{}) *Update { return u }

// Add adds value to the number or set at path.
func (u *Update) Add(path string, value interface{}) *Update { return u }

// Set sets path to value.
func (u *Update) Set(path string, value interface{}) *Update { return u }

// SetExpr adds a SET expression.
func (u *Update) SetExpr(expr string, args ...interface{}) *Update { return u }

// If adds a condition.
func (u *Update) If(expr string, args ...interface{}) *Update { return u }

// Run runs the update.
func (u *Update) Run() error { return nil }

// RunWithContext runs the update.
func (u *Update) RunWithContext(ctx context.Context) error { return nil }

// Value runs the update and unmarshals the new item into out.
func (u *Update) Value(out interface{}) error { return nil }

// ValueWithContext runs the update and unmarshals the new item into out.
func (u *Update) ValueWithContext(ctx context.Context, out interface{}) error { return nil }

// Query is a GetItem or Query request.
type Query struct{}

// Consistent asks for a strongly consistent read.
func (q *Query) Consistent(on bool) *Query { return q }

// One runs the request and unmarshals one item into out.
func (q *Query) One(out interface{}) error { return nil }

// OneWithContext runs the request and unmarshals one item into out.
func (q *Query) OneWithContext(ctx context.Context, out interface{}) error { return nil }

// Put is a PutItem request.
type Put struct{}

// If adds a condition.
func (p *Put) If(expr string, args ...interface{}) *Put { return p }

// Run runs the put.
func (p *Put) Run() error { return nil }
