package shard

import (
	"context"
	"database/sql"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"hash/maphash"
	"sync"

	"github.com/redis/go-redis/v9"
)

// FNVKey uses a stable digest: the fix.
func FNVKey(ctx context.Context, rdb *redis.Client, client string) error {
	h := fnv.New64a()
	h.Write([]byte(client))
	key := fmt.Sprintf("rl:%s:%d", client, h.Sum64()%16)
	return rdb.Incr(ctx, key).Err()
}

// CRCLock uses crc32 for the lock id.
func CRCLock(ctx context.Context, db *sql.DB, client string) error {
	_, err := db.ExecContext(ctx, "SELECT pg_advisory_lock($1)", int64(crc32.ChecksumIEEE([]byte(client))))
	return err
}

var locks [16]sync.Mutex

// LocalLock uses maphash for an in-process lock stripe.
func LocalLock(ctx context.Context, rdb *redis.Client, client string) error {
	m := &locks[maphash.String(seed, client)%16]
	m.Lock()
	defer m.Unlock()
	return rdb.Incr(ctx, "rl:"+client).Err()
}

// StoreHash inserts the hash as data: no counter key.
func StoreHash(ctx context.Context, db *sql.DB, client string) error {
	_, err := db.ExecContext(ctx, "INSERT INTO fingerprints (client, h) VALUES ($1, $2)", client, int64(maphash.String(seed, client)))
	return err
}
