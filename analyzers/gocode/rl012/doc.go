// Package rl012 defines an Analyzer that reports the READ COMMITTED
// setting of a transaction that reads a counter and writes it back with
// nothing else protecting the pair.
//
// # Analyzer RL012
//
// RL012: read-modify-write counter transaction run at READ COMMITTED or autocommit
//
// The pairs are RL001's (rl001.Pairs) on SQL stores: a SELECT of a limit
// counter or quota record followed by an UPDATE or upsert that writes a
// value computed from it or runs only when it was under the limit, with
// no SELECT ... FOR UPDATE (or FOR NO KEY UPDATE), no conditional UPDATE
// (WHERE used < $cap), no optimistic version check, advisory lock, LOCK
// TABLE or distributed lock. A pair is reported here when both its read
// and its write run on a transaction or connection explicitly set to READ
// COMMITTED or READ UNCOMMITTED (which PostgreSQL runs as READ
// COMMITTED):
//
//   - begun with options that say so: db.BeginTx(ctx,
//     &sql.TxOptions{Isolation: sql.LevelReadCommitted}), sqlx's
//     BeginTxx, gorm's db.Begin(opts), pgx's conn.BeginTx(ctx,
//     pgx.TxOptions{IsoLevel: pgx.ReadCommitted}) (v4, v5, pgxpool), or
//     BeginQuery: "BEGIN ISOLATION LEVEL READ COMMITTED";
//   - the transaction parameter of a function run in such a transaction:
//     gorm's db.Transaction(func(tx *gorm.DB) error {...}, opts),
//     pgx.BeginTxFunc, pgx v4's conn.BeginTxFunc, and any call given the
//     options and a function literal;
//   - the same, with the level given on its own to a transaction helper of
//     the module: Tx(ctx, func(tx PgTx) {...}, pgx.ReadCommitted), or a
//     constant of the module defined as one;
//   - a handle that ran SET TRANSACTION ISOLATION LEVEL READ COMMITTED,
//     SET SESSION CHARACTERISTICS AS TRANSACTION ... or BEGIN ISOLATION
//     LEVEL ..., for the statements after it.
//
// The options are followed from a literal, a local variable (also one
// whose Isolation field is assigned afterwards), a package-level variable,
// a function of the package that returns them, or a call that builds them
// from a weak level (txOptions(pgx.ReadCommitted)); the level from a
// constant or a local variable always assigned one. A handle built from
// the transaction (sqlc's q.WithTx(tx), t := tx) runs in it, and so does
// an operation given it (a repository method s.Used(ctx, tx, id)). When
// the pair runs on a parameter of its function, the transactions that the
// package's callers pass there are judged the same way.
//
// The finding sits on the isolation setting, with the read and the write
// as related locations (the steps through wrappers and the call that
// passes the transaction, where they are involved). It is reported once
// per setting.
//
// Not reported: SERIALIZABLE, REPEATABLE READ and the default level
// (RL001 reports the pair); read-only transactions (ReadOnly: true,
// AccessMode: pgx.ReadOnly); a level that is not a constant; pairs whose
// read or write runs outside the transaction; and stores that are not
// PostgreSQL-compatible as far as the package shows: database/sql, sqlx
// and gorm in a package that imports a MySQL, SQLite, SQL Server or
// Oracle driver (directly or through its dependencies), or opens a
// database by such a driver name, or whose statements bind with ?
// placeholders, which PostgreSQL's drivers reject (gorm's own are
// rewritten). On MySQL even REPEATABLE READ lets the plain SELECT read a
// stale snapshot, so the advice given here would be wrong there.
package rl012
