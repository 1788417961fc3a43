// Package pgx is a test stub of github.com/jackc/pgx/v4.
package pgx

import (
	"context"

	"github.com/jackc/pgconn"
)

// Row is one result row.
type Row interface {
	Scan(dest ...interface{}) error
}

// Conn is a connection.
type Conn struct{}

// Exec runs sql.
func (c *Conn) Exec(ctx context.Context, sql string, arguments ...interface{}) (pgconn.CommandTag, error) {
	return nil, nil
}

// QueryRow runs sql.
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...interface{}) Row { return nil }

// TxIsoLevel is a transaction isolation level.
type TxIsoLevel string

// Isolation levels.
const (
	Serializable    TxIsoLevel = "serializable"
	RepeatableRead  TxIsoLevel = "repeatable read"
	ReadCommitted   TxIsoLevel = "read committed"
	ReadUncommitted TxIsoLevel = "read uncommitted"
)

// TxAccessMode is a transaction access mode.
type TxAccessMode string

// Access modes.
const (
	ReadWrite TxAccessMode = "read write"
	ReadOnly  TxAccessMode = "read only"
)

// TxOptions are transaction options.
type TxOptions struct {
	IsoLevel   TxIsoLevel
	AccessMode TxAccessMode
}

// Tx is a transaction.
type Tx interface {
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
	Exec(ctx context.Context, sql string, arguments ...interface{}) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...interface{}) Row
}

// BeginTx starts a transaction.
func (c *Conn) BeginTx(ctx context.Context, txOptions TxOptions) (Tx, error) { return nil, nil }

// BeginTxFunc runs f in a transaction with options.
func (c *Conn) BeginTxFunc(ctx context.Context, txOptions TxOptions, f func(Tx) error) error {
	return nil
}
