package shard

import (
	"context"
	"database/sql"
	"fmt"
	"hash/maphash"
	"strconv"

	"github.com/redis/go-redis/v9"
)

var seed = maphash.MakeSeed()

// ShardKey spreads a client's counter over maphash shards.
func ShardKey(ctx context.Context, rdb *redis.Client, client string) error {
	shard := maphash.String(seed, client) % 16
	key := fmt.Sprintf("rl:%s:%d", client, shard)
	return rdb.Incr(ctx, key).Err() // want `redis key built from a hash/maphash value`
}

// HashKey keys the counter by the hash itself.
func HashKey(ctx context.Context, rdb *redis.Client, client string) error {
	var h maphash.Hash
	h.WriteString(client)
	key := "rl:" + strconv.FormatUint(h.Sum64(), 16)
	return rdb.IncrBy(ctx, key, 1).Err() // want `redis key built from a hash/maphash value`
}

// Lock takes a cross-process advisory lock on a per-process hash.
func Lock(ctx context.Context, db *sql.DB, client string) error {
	id := int64(maphash.Bytes(seed, []byte(client)))
	_, err := db.ExecContext(ctx, "SELECT pg_advisory_lock($1)", id) // want `sql parameter built from a hash/maphash value`
	return err
}

// ShardColumn keys a SQL counter row by a maphash shard.
func ShardColumn(ctx context.Context, db *sql.DB, client string) error {
	shard := maphash.String(seed, client) % 8
	_, err := db.ExecContext(ctx, "UPDATE hits SET n = n + 1 WHERE client = $1 AND shard = $2", client, shard) // want `sql parameter built from a hash/maphash value`
	return err
}
