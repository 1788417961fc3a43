// Package gorm is a test stub of gorm.io/gorm.
package gorm

import (
	"context"
	"database/sql"
	"errors"

	"gorm.io/gorm/clause"
)

// ErrRecordNotFound is returned when no record matches.
var ErrRecordNotFound = errors.New("record not found")

// DB is a gorm session.
type DB struct {
	Error        error
	RowsAffected int64
}

// Exec runs raw SQL.
func (db *DB) Exec(sql string, values ...interface{}) (tx *DB) { return db }

// Raw prepares a raw query.
func (db *DB) Raw(sql string, values ...interface{}) (tx *DB) { return db }

// Scan scans the result into dest.
func (db *DB) Scan(dest interface{}) (tx *DB) { return db }

// Row returns one row.
func (db *DB) Row() *sql.Row { return nil }

// WithContext sets the context.
func (db *DB) WithContext(ctx context.Context) *DB { return db }

// Transaction runs fc in a transaction.
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) (err error) { return nil }

// Model sets the model.
func (db *DB) Model(value interface{}) (tx *DB) { return db }

// Table sets the table.
func (db *DB) Table(name string, args ...interface{}) (tx *DB) { return db }

// Where adds a condition.
func (db *DB) Where(query interface{}, args ...interface{}) (tx *DB) { return db }

// First loads the first record.
func (db *DB) First(dest interface{}, conds ...interface{}) (tx *DB) { return db }

// Take loads a record.
func (db *DB) Take(dest interface{}, conds ...interface{}) (tx *DB) { return db }

// Save saves a record.
func (db *DB) Save(value interface{}) (tx *DB) { return db }

// Update updates a column.
func (db *DB) Update(column string, value interface{}) (tx *DB) { return db }

// UpdateColumn updates a column without hooks.
func (db *DB) UpdateColumn(column string, value interface{}) (tx *DB) { return db }

// Expr returns a raw SQL expression.
func Expr(expr string, args ...interface{}) clause.Expr { return clause.Expr{SQL: expr, Vars: args} }

// Begin starts a transaction.
func (db *DB) Begin(opts ...*sql.TxOptions) *DB { return db }

// Commit commits the transaction.
func (db *DB) Commit() *DB { return db }

// Rollback rolls the transaction back.
func (db *DB) Rollback() *DB { return db }

// Clauses adds clauses to the statement.
func (db *DB) Clauses(conds ...clause.Expression) *DB { return db }
