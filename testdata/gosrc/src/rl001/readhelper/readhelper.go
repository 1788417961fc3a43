// Package readhelper reads the count in a helper that decides whether the
// key exists and is over the limit; the caller writes.
package readhelper

import (
	"errors"
	"time"

	"github.com/go-redis/redis/v7"
)

// Database keeps the counters.
type Database interface {
	Find(ip string) (exists, tooMany bool)
	SetKey(ip string) error
	Increment(ip string) error
}

type redisDB struct {
	client *redis.Client
	max    int64
}

func (db *redisDB) Find(ip string) (bool, bool) {
	n, err := db.client.Get("rl:" + ip).Int64()
	if err == redis.Nil {
		return false, false
	}
	return true, n >= db.max
}

func (db *redisDB) SetKey(ip string) error {
	return db.client.Set("rl:"+ip, 1, time.Hour).Err()
}

func (db *redisDB) Increment(ip string) error {
	return db.client.Incr("rl:" + ip).Err()
}

// ErrLimited is the rate-limit error.
var ErrLimited = errors.New("rate limited")

// limitVisit checks existence, then sets or increments.
func limitVisit(db Database, ip string) error {
	exists, tooMany := db.Find(ip)
	if !exists {
		return db.SetKey(ip) // want `Set runs on a decision taken from the GET before it`
	}
	if tooMany {
		return ErrLimited
	}
	return db.Increment(ip) // want `Incr runs on a decision taken from the GET before it`
}
