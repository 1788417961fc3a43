// Package pgconn is a test stub of github.com/jackc/pgconn (used by pgx v4).
package pgconn

// CommandTag is the result of Exec.
type CommandTag []byte

// RowsAffected returns the affected row count.
func (ct CommandTag) RowsAffected() int64 { return 0 }
