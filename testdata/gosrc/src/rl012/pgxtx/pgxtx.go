// Package pgxtx runs quota read-modify-writes in pgx transactions at READ
// COMMITTED.
package pgxtx

import (
	"context"
	"errors"

	pgx4 "github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

const quota = 100

// ErrQuota is the rate-limit error.
var ErrQuota = errors.New("quota exceeded")

// consumeConn begins on a connection.
func consumeConn(ctx context.Context, conn *pgx.Conn, client string) error {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}) // want `this transaction runs at READ COMMITTED, .* run it at pgx.Serializable \(or pgx.RepeatableRead\)`
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
	if _, err := tx.Exec(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// consumePool begins on a pool.
func consumePool(ctx context.Context, pool *pgxpool.Pool, client string) error {
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadUncommitted}) // want `this transaction runs at READ UNCOMMITTED`
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

// consumeFunc runs the pair in the function pgx.BeginTxFunc runs.
func consumeFunc(ctx context.Context, pool *pgxpool.Pool, client string) error {
	return pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(tx pgx.Tx) error { // want `this transaction runs at READ COMMITTED`
		var used int
		if err := tx.QueryRow(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
			return err
		}
		if used >= quota {
			return ErrQuota
		}
		_, err := tx.Exec(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
		return err
	})
}

// consumeBeginQuery sets the level in the BEGIN statement pgx sends.
func consumeBeginQuery(ctx context.Context, conn *pgx.Conn, client string) error {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{BeginQuery: "BEGIN ISOLATION LEVEL READ COMMITTED"}) // want `this transaction runs at READ COMMITTED`
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

// consumeV4 uses pgx v4.
func consumeV4(ctx context.Context, conn *pgx4.Conn, client string) error {
	tx, err := conn.BeginTx(ctx, pgx4.TxOptions{IsoLevel: pgx4.ReadCommitted}) // want `this transaction runs at READ COMMITTED`
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

// consumeV4Func uses pgx v4's BeginTxFunc method.
func consumeV4Func(ctx context.Context, conn *pgx4.Conn, client string) error {
	return conn.BeginTxFunc(ctx, pgx4.TxOptions{IsoLevel: pgx4.ReadCommitted}, func(tx pgx4.Tx) error { // want `this transaction runs at READ COMMITTED`
		var used int
		if err := tx.QueryRow(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
			return err
		}
		if used >= quota {
			return ErrQuota
		}
		_, err := tx.Exec(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
		return err
	})
}

// readOnly reads in a read-only transaction.
func readOnly(ctx context.Context, pool *pgxpool.Pool, client string) (int, error) {
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted, AccessMode: pgx.ReadOnly})
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	var used int
	err = tx.QueryRow(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used)
	return used, err
}

// serializable runs the pair at SERIALIZABLE.
func serializable(ctx context.Context, pool *pgxpool.Pool, client string) error {
	return pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
		var used int
		if err := tx.QueryRow(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
			return err
		}
		if used >= quota {
			return ErrQuota
		}
		_, err := tx.Exec(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
		return err
	})
}

// atomic increments in one statement at READ COMMITTED: fine.
func atomic(ctx context.Context, pool *pgxpool.Pool, client string) error {
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var used int
	err = tx.QueryRow(ctx, "UPDATE quotas SET used = used + 1 WHERE client_id = $1 AND used < $2 RETURNING used", client, quota).Scan(&used)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrQuota
	}
	if err != nil {
		return err
	}
	return tx.Commit(ctx)
}
