// Package sqlx is a test stub of github.com/jmoiron/sqlx.
package sqlx

import (
	"context"
	"database/sql"
)

// DB wraps sql.DB.
type DB struct {
	*sql.DB
}

// Tx wraps sql.Tx.
type Tx struct {
	*sql.Tx
}

// Connect opens a database.
func Connect(driverName, dataSourceName string) (*DB, error) { return &DB{}, nil }

// Get scans one row into dest.
func (db *DB) Get(dest interface{}, query string, args ...interface{}) error { return nil }

// GetContext scans one row into dest.
func (db *DB) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// Select scans rows into dest.
func (db *DB) Select(dest interface{}, query string, args ...interface{}) error { return nil }

// MustExec runs query and panics on error.
func (db *DB) MustExec(query string, args ...interface{}) sql.Result { return nil }

// NamedExec runs a named query.
func (db *DB) NamedExec(query string, arg interface{}) (sql.Result, error) { return nil, nil }

// Beginx starts a transaction.
func (db *DB) Beginx() (*Tx, error) { return &Tx{}, nil }

// BeginTxx starts a transaction with options.
func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { return &Tx{}, nil }

// Get scans one row into dest.
func (tx *Tx) Get(dest interface{}, query string, args ...interface{}) error { return nil }

// GetContext scans one row into dest.
func (tx *Tx) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
