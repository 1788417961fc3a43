package pgxtx

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Levels of the module's transaction helper.
const (
	TxSerializable  = pgx.Serializable
	TxReadCommitted = pgx.ReadCommitted
)

// Tx runs callback in a transaction; options may carry its level.
func Tx(ctx context.Context, pool *pgxpool.Pool, callback func(pgx.Tx) error, options ...any) error {
	opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead}
	for _, o := range options {
		if level, ok := o.(pgx.TxIsoLevel); ok {
			opts.IsoLevel = level
		}
	}
	tx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	if err := callback(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// consumeHelper passes the level to the module's helper.
func consumeHelper(ctx context.Context, pool *pgxpool.Pool, client string) error {
	return Tx(ctx, pool, func(tx pgx.Tx) error {
		var used int
		if err := tx.QueryRow(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
			return err
		}
		if used >= quota {
			return ErrQuota
		}
		_, err := tx.Exec(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
		return err
	}, TxReadCommitted) // want `this transaction runs at READ COMMITTED, .* run it at pgx.Serializable`
}

// consumeHelperSerializable asks the helper for SERIALIZABLE: fine.
func consumeHelperSerializable(ctx context.Context, pool *pgxpool.Pool, client string) error {
	return Tx(ctx, pool, func(tx pgx.Tx) error {
		var used int
		if err := tx.QueryRow(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
			return err
		}
		if used >= quota {
			return ErrQuota
		}
		_, err := tx.Exec(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
		return err
	}, TxSerializable)
}

func txOptions(level pgx.TxIsoLevel) pgx.TxOptions { return pgx.TxOptions{IsoLevel: level} }

// consumeBuiltOptions builds the options from the level in a helper.
func consumeBuiltOptions(ctx context.Context, pool *pgxpool.Pool, client string) error {
	tx, err := pool.BeginTx(ctx, txOptions(pgx.ReadCommitted)) // want `this transaction runs at READ COMMITTED`
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var used int
	if err := tx.QueryRow(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err = tx.Exec(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}
