package stdsql

import (
	"context"
	"database/sql"
	"errors"
)

// serializable: RL001's business, the level protects the pair.
func serializable(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// repeatableRead: PostgreSQL aborts the lost update.
func repeatableRead(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// defaultLevel sets no level: RL001 reports the pair, nothing is set here.
func defaultLevel(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// forUpdate locks the row at READ COMMITTED: fine.
func forUpdate(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1 FOR UPDATE", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// forNoKeyUpdate locks the row too.
func forNoKeyUpdate(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1 FOR NO KEY UPDATE", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// conditional keeps the limit in the UPDATE's WHERE: the read only reports.
func conditional(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	res, err := tx.ExecContext(ctx, "UPDATE quotas SET used = used + 1 WHERE client_id = $1 AND used < $2", client, quota)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrQuota
	}
	return tx.Commit()
}

// upsert increments in one statement and decides on what it returns.
func upsert(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	err = tx.QueryRowContext(ctx, "INSERT INTO quotas (client_id, used) VALUES ($1, 1) ON CONFLICT (client_id) DO UPDATE SET used = quotas.used + 1 RETURNING used", client).Scan(&used)
	if err != nil {
		return err
	}
	if used > quota {
		return ErrQuota
	}
	return tx.Commit()
}

// readOnly reads the count for a report: nothing is written.
func readOnly(ctx context.Context, db *sql.DB, client string) (int, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted, ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var used int
	err = tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used)
	return used, err
}

// readOnlyOptions cannot write what it reads: a read-only transaction
// fails the UPDATE.
func readOnlyOptions(ctx context.Context, db *sql.DB, client string) error {
	opts := &sql.TxOptions{Isolation: sql.LevelReadCommitted}
	opts.ReadOnly = true
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// profile reads and writes a row that counts nothing limit-related.
func profile(ctx context.Context, db *sql.DB, user, name string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var old string
	if err := tx.QueryRowContext(ctx, "SELECT display_name FROM profiles WHERE user_id = $1", user).Scan(&old); err != nil {
		return err
	}
	if old == name {
		return nil
	}
	_, err = tx.ExecContext(ctx, "UPDATE profiles SET display_name = $1 WHERE user_id = $2", name, user)
	return err
}

// otherConnection reads outside the transaction and writes in it: the
// level of the transaction is not what lets the pair interleave.
func otherConnection(ctx context.Context, db *sql.DB, client string) error {
	var used int
	if err := db.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// setAfter sets the level after the read: the pair ran before it.
func setAfter(ctx context.Context, db *sql.DB, client string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var used int
	if err := conn.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED"); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err = conn.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// advisory takes a transaction-level advisory lock on the key.
func advisory(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", client); err != nil {
		return err
	}
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// consumeLocked runs the pair with FOR UPDATE in the transaction Reserve
// begins at READ COMMITTED: fine.
func consumeLocked(ctx context.Context, tx *sql.Tx, client string) error {
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1 FOR UPDATE", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err := tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// Reserve begins the transaction consumeLocked runs in.
func (s *Store) Reserve(ctx context.Context, client string) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := consumeLocked(ctx, tx, client); err != nil {
		return err
	}
	return tx.Commit()
}

// variableLevel takes the level from configuration: not known here.
func variableLevel(ctx context.Context, db *sql.DB, level sql.IsolationLevel, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: level})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return errors.New("quota exceeded")
	}
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// ChargeSerializable begins the transaction consumeIn runs in at
// SERIALIZABLE: this caller is fine (Charge is not).
func (s *Store) ChargeSerializable(ctx context.Context, client string) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := consumeIn(ctx, tx, client); err != nil {
		return err
	}
	return tx.Commit()
}
