// Package gorm is a test stub of gorm.io/gorm.
package gorm

import (
	"context"
	"database/sql"
)

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
