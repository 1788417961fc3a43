package pgxtx

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DBTX is what sqlc's queries run on: a pool, a connection or a
// transaction.
type DBTX interface {
	Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Queries are sqlc's generated queries.
type Queries struct{ db DBTX }

// New returns the queries on db.
func New(db DBTX) *Queries { return &Queries{db: db} }

// WithTx returns the queries on tx.
func (q *Queries) WithTx(tx pgx.Tx) *Queries { return &Queries{db: tx} }

const getUsed = "SELECT used FROM quotas WHERE client_id = $1"

// GetUsed reads a client's count.
func (q *Queries) GetUsed(ctx context.Context, clientID string) (int32, error) {
	row := q.db.QueryRow(ctx, getUsed, clientID)
	var used int32
	err := row.Scan(&used)
	return used, err
}

const setUsed = "UPDATE quotas SET used = $2 WHERE client_id = $1"

// SetUsed writes a client's count.
func (q *Queries) SetUsed(ctx context.Context, clientID string, used int32) error {
	_, err := q.db.Exec(ctx, setUsed, clientID, used)
	return err
}

// Service runs sqlc's queries in transactions.
type Service struct {
	pool    *pgxpool.Pool
	queries *Queries
}

// Consume reads and writes through sqlc's queries bound to the
// transaction.
func (s *Service) Consume(ctx context.Context, client string) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}) // want `this transaction runs at READ COMMITTED`
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	qtx := s.queries.WithTx(tx)
	used, err := qtx.GetUsed(ctx, client)
	if err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	if err := qtx.SetUsed(ctx, client, used+1); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// ConsumeOutside reads through the queries of the pool, outside the
// transaction: the transaction's level is not what lets the pair
// interleave.
func (s *Service) ConsumeOutside(ctx context.Context, client string) error {
	used, err := s.queries.GetUsed(ctx, client)
	if err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := s.queries.WithTx(tx).SetUsed(ctx, client, used+1); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// ConsumeInline binds the queries to the transaction at each call.
func (s *Service) ConsumeInline(ctx context.Context, client string) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}) // want `this transaction runs at READ COMMITTED`
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	used, err := s.queries.WithTx(tx).GetUsed(ctx, client)
	if err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	if err := s.queries.WithTx(tx).SetUsed(ctx, client, used+1); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
