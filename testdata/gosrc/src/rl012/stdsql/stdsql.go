// Package stdsql runs quota read-modify-writes in database/sql
// transactions at READ COMMITTED: the isolation setting is reported.
package stdsql

import (
	"context"
	"database/sql"
	"errors"
)

const quota = 100

// ErrQuota is the rate-limit error.
var ErrQuota = errors.New("quota exceeded")

// consume begins the transaction with the level in a literal.
func consume(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted}) // want `this transaction runs at READ COMMITTED, which lets the counter's read and write below interleave .* run it at sql.LevelSerializable \(or sql.LevelRepeatableRead\), lock the row with SELECT ... FOR UPDATE, or increment in one statement`
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
	if _, err := tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client); err != nil {
		return err
	}
	return tx.Commit()
}

// consumeUncommitted asks for READ UNCOMMITTED, which PostgreSQL runs as
// READ COMMITTED.
func consumeUncommitted(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadUncommitted}) // want `this transaction runs at READ UNCOMMITTED`
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
	_, err = tx.ExecContext(ctx, "UPDATE quotas SET used = used + 1 WHERE client_id = $1", client)
	return err
}

// consumeVar keeps the options in a variable.
func consumeVar(ctx context.Context, db *sql.DB, client string) error {
	opts := &sql.TxOptions{Isolation: sql.LevelReadCommitted} // want `this transaction runs at READ COMMITTED`
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

// consumeLevelVar sets the level in a variable, then the field.
func consumeLevelVar(ctx context.Context, db *sql.DB, client string) error {
	level := sql.LevelReadCommitted
	var opts sql.TxOptions
	opts.Isolation = level // want `this transaction runs at READ COMMITTED`
	tx, err := db.BeginTx(ctx, &opts)
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

func quotaTxOptions() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelReadCommitted} // want `this transaction runs at READ COMMITTED`
}

// consumeHelperOptions builds the options in a helper.
func consumeHelperOptions(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, quotaTxOptions())
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

var creditOptions = &sql.TxOptions{Isolation: sql.LevelReadCommitted} // want `this transaction runs at READ COMMITTED`

// spendCredit keeps the options in a package-level variable.
func spendCredit(ctx context.Context, db *sql.DB, account string) error {
	tx, err := db.BeginTx(ctx, creditOptions)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var credits int
	if err := tx.QueryRowContext(ctx, "SELECT credits FROM api_credits WHERE account = $1", account).Scan(&credits); err != nil {
		return err
	}
	if credits <= 0 {
		return ErrQuota
	}
	_, err = tx.ExecContext(ctx, "UPDATE api_credits SET credits = $1 WHERE account = $2", credits-1, account)
	return err
}

// consumeSetTransaction sets the level in SQL.
func consumeSetTransaction(ctx context.Context, db *sql.DB, client string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"); err != nil { // want `this transaction runs at READ COMMITTED, .* run it at SERIALIZABLE \(or REPEATABLE READ\)`
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

// consumeSession sets the session's default level on a connection.
func consumeSession(ctx context.Context, db *sql.DB, client string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED"); err != nil { // want `this transaction runs at READ COMMITTED`
		return err
	}
	var used int
	if err := conn.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err = conn.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// Store keeps the quotas; its methods take the transaction they run in.
type Store struct{ db *sql.DB }

// Used reads a client's count in tx.
func (s *Store) Used(ctx context.Context, tx *sql.Tx, client string) (int, error) {
	var used int
	err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used)
	return used, err
}

// SetUsed writes a client's count in tx.
func (s *Store) SetUsed(ctx context.Context, tx *sql.Tx, client string, used int) error {
	_, err := tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used, client)
	return err
}

// Consume reads and writes through the repository methods.
func (s *Store) Consume(ctx context.Context, client string) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted}) // want `this transaction runs at READ COMMITTED`
	if err != nil {
		return err
	}
	defer tx.Rollback()
	used, err := s.Used(ctx, tx, client)
	if err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	if err := s.SetUsed(ctx, tx, client, used+1); err != nil {
		return err
	}
	return tx.Commit()
}

// consumeIn runs the pair in the transaction its caller begins.
func consumeIn(ctx context.Context, tx *sql.Tx, client string) error {
	var used int
	if err := tx.QueryRowContext(ctx, "SELECT used FROM quotas WHERE client_id = $1", client).Scan(&used); err != nil {
		return err
	}
	if used >= quota {
		return ErrQuota
	}
	_, err := tx.ExecContext(ctx, "UPDATE quotas SET used = $1 WHERE client_id = $2", used+1, client)
	return err
}

// Charge begins the transaction consumeIn runs in.
func (s *Store) Charge(ctx context.Context, client string) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted}) // want `this transaction runs at READ COMMITTED`
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := consumeIn(ctx, tx, client); err != nil {
		return err
	}
	return tx.Commit()
}

// recordAttempt counts the attempts of the window, then records one.
func recordAttempt(ctx context.Context, db *sql.DB, user string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted}) // want `this transaction runs at READ COMMITTED, which lets the count read below and the insert after it interleave .* run it at sql.LevelSerializable \(sql.LevelRepeatableRead does not stop two inserts after the same count\), or take a transaction-level advisory lock`
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var attempts int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM login_attempts WHERE user_id = $1 AND at > now() - interval '1 hour'", user).Scan(&attempts); err != nil {
		return err
	}
	if attempts >= 5 {
		return ErrQuota
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO login_attempts (user_id, at) VALUES ($1, now())", user); err != nil {
		return err
	}
	return tx.Commit()
}
