package sqlretry

import (
	"context"
	"database/sql"
	"errors"
	"math/rand"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrBusy is returned once the attempts run out.
var ErrBusy = errors.New("rate limiter busy")

// jittered retries 40001 with backoff and jitter, then fails closed.
func jittered(ctx context.Context, pool *pgxpool.Pool, key string) error {
	for attempt := 0; attempt < 5; attempt++ {
		_, err := pool.Exec(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		if err == nil {
			return nil
		}
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "40001" {
			return err
		}
		time.Sleep(time.Duration(rand.Int63n(int64(time.Duration(1<<attempt) * 10 * time.Millisecond))))
	}
	return ErrBusy
}

// exponential doubles its wait and returns an error at the end.
func exponential(ctx context.Context, db *sql.DB, key string) error {
	wait := 10 * time.Millisecond
	var err error
	for i := 0; i < 4; i++ {
		if _, err = db.ExecContext(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key); err != nil {
			time.Sleep(wait)
			wait *= 2
			continue
		}
		return nil
	}
	return err
}

// lastAttempt returns the error on the last attempt itself.
func lastAttempt(ctx context.Context, db *sql.DB, key string) (bool, error) {
	for i := range 3 {
		_, err := db.ExecContext(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		if err != nil {
			if i == 2 {
				return false, err
			}
			time.Sleep(time.Duration(i+1) * 20 * time.Millisecond)
			continue
		}
		return true, nil
	}
	return true, nil
}

// untilDeadline retries until the context ends, with jitter.
func untilDeadline(ctx context.Context, pool *pgxpool.Pool, key string) error {
	for {
		_, err := pool.Exec(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(rand.Intn(50)) * time.Millisecond):
		}
	}
}

// items writes one row per item: a range over data is no retry loop.
func items(ctx context.Context, db *sql.DB, keys []string) {
	for _, k := range keys {
		if _, err := db.ExecContext(ctx, "UPDATE limits SET n = 0 WHERE k = $1", k); err != nil {
			continue
		}
	}
	for i := 0; i < len(keys); i++ {
		if _, err := db.ExecContext(ctx, "UPDATE limits SET n = 0 WHERE k = $1", keys[i]); err != nil {
			continue
		}
		return
	}
}

// checkedAfter breaks on success and checks the error after the loop.
func checkedAfter(ctx context.Context, db *sql.DB, key string) (bool, error) {
	var err error
	for i := 0; i < 3; i++ {
		_, err = db.ExecContext(ctx, "UPDATE limits SET n = n + 1 WHERE k = $1", key)
		if err == nil {
			break
		}
		time.Sleep(time.Duration(i) * 30 * time.Millisecond)
	}
	if err != nil {
		return false, err
	}
	return true, nil
}

// polling is a loop without a datastore call.
func polling(ready func() error) bool {
	for i := 0; i < 3; i++ {
		if err := ready(); err != nil {
			continue
		}
		return true
	}
	return true
}
