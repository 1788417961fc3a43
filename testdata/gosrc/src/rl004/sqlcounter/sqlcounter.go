// Package sqlcounter holds RL004 fixtures for SQL counter rows.
package sqlcounter

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"
)

const schema = `CREATE TABLE api_usage (
	endpoint TEXT PRIMARY KEY,
	request_count BIGINT NOT NULL DEFAULT 0
)`

const goodSchema = `CREATE TABLE api_usage (
	client_id TEXT NOT NULL,
	window_start BIGINT NOT NULL,
	request_count BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (client_id, window_start)
)`

const settingsSchema = `CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT)`

const surrogateSchema = `CREATE TABLE usage (
	id BIGINT PRIMARY KEY,
	client_id TEXT NOT NULL,
	request_count BIGINT NOT NULL
)`

const ordersSchema = `CREATE TABLE orders (order_id BIGINT PRIMARY KEY, total INTEGER)`

func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, schema); err != nil { // want `CREATE TABLE api_usage keeps counter request_count under a primary key \(endpoint\) with no client identity, time bucket or shard`
		return err
	}
	if _, err := db.ExecContext(ctx, goodSchema); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, surrogateSchema); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, ordersSchema); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, settingsSchema)
	return err
}

// global increments one row for everybody.
func global(ctx context.Context, pool *pgxpool.Pool) error {
	_, err := pool.Exec(ctx, "UPDATE counters SET hits = hits + 1 WHERE name = 'global'") // want `UPDATE increments hits in counters on a constant key`
	return err
}

// globalParam binds a constant Go value to the key.
func globalParam(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "UPDATE counters SET hits = hits + 1 WHERE name = $1", "global") // want `UPDATE increments hits in counters on a constant key`
	return err
}

const upsertAll = `INSERT INTO counters (name, hits) VALUES ('all', 1)
	ON CONFLICT (name) DO UPDATE SET hits = counters.hits + 1`

// upsertGlobal upserts one row.
func upsertGlobal(db *sqlx.DB) {
	db.MustExec(upsertAll) // want `UPSERT increments hits in counters on a constant key`
}

// perClient keys by the client and the window: fine.
func perClient(ctx context.Context, pool *pgxpool.Pool, clientID string, now time.Time) error {
	window := now.Unix() / 60
	_, err := pool.Exec(ctx, `INSERT INTO api_usage (client_id, window_start, request_count) VALUES ($1, $2, 1)
		ON CONFLICT (client_id, window_start) DO UPDATE SET request_count = api_usage.request_count + 1`, clientID, window)
	return err
}

// sharded spreads a global counter over shard rows: the fix, not a finding.
func sharded(ctx context.Context, db *sql.DB, shard int) error {
	_, err := db.ExecContext(ctx, "UPDATE counters SET hits = hits + 1 WHERE name = 'global' AND shard = $1", shard)
	return err
}

// plainSet sets a value on a constant key: not an increment.
func plainSet(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "UPDATE settings SET value = 'x' WHERE name = 'mode'")
	return err
}

// gormGlobal increments one row through gorm.
func gormGlobal(db *gorm.DB) error {
	return db.Exec("UPDATE counters SET hits = hits + 1 WHERE id = 1").Error // want `UPDATE increments hits in counters on a constant key`
}

// dynamicSQL is not a literal: not read.
func dynamicSQL(ctx context.Context, db *sql.DB, table string) error {
	_, err := db.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET hits = hits + 1 WHERE name = 'global'", table))
	return err
}

// perRoute keys the counter only by the route: all clients share it.
func perRoute(ctx context.Context, db *sql.DB, route string) error {
	_, err := db.ExecContext(ctx, "UPDATE route_hits SET hits = hits + 1 WHERE route = $1", route) // want `UPDATE increments hits in route_hits on a key of endpoint names only`
	return err
}

// versionBump increments a version on a singleton config row: not a
// rate-limit counter.
func versionBump(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "UPDATE settings SET version = version + 1 WHERE id = 1")
	return err
}

// upsertAmount binds a variable amount but a constant conflict key.
func upsertAmount(ctx context.Context, pool *pgxpool.Pool, n int) error {
	_, err := pool.Exec(ctx, "INSERT INTO counters (name, hits) VALUES ('all', $1) ON CONFLICT (name) DO UPDATE SET hits = counters.hits + $1", n) // want `UPSERT increments hits in counters on a constant key`
	return err
}
