// Package pgconn is a test stub of github.com/jackc/pgx/v5/pgconn.
package pgconn

// CommandTag is the result of Exec.
type CommandTag struct{ s string }

// RowsAffected returns the affected row count.
func (ct CommandTag) RowsAffected() int64 { return 0 }

// PgError is a PostgreSQL error.
type PgError struct {
	Code    string
	Message string
}

func (e *PgError) Error() string { return e.Message }
