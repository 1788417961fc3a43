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
