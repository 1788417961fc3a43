// Package redigo holds RL013 fixtures for redigo.
package redigo

import "github.com/gomodule/redigo/redis"

var pool = &redis.Pool{}

// allow runs INCR and EXPIRE as two commands.
func allow(ip string) (bool, error) {
	conn := pool.Get()
	defer conn.Close()
	n, err := redis.Int(conn.Do("INCR", "rl:"+ip)) // want `separate round trip from its INCR.*conn.Send\("MULTI"\)`
	if err != nil {
		return false, err
	}
	if n == 1 {
		conn.Do("EXPIRE", "rl:"+ip, 60)
	}
	return n <= 10, nil
}

// allowMulti queues both in MULTI/EXEC.
func allowMulti(ip string) (bool, error) {
	conn := pool.Get()
	defer conn.Close()
	conn.Send("MULTI")
	conn.Send("INCR", "rl:"+ip)
	conn.Send("EXPIRE", "rl:"+ip, 60, "NX")
	replies, err := redis.Int64(conn.Do("EXEC"))
	return err == nil && replies <= 10, err
}

// allowWindowFirst creates the key with its window first.
func allowWindowFirst(ip string) (bool, error) {
	conn := pool.Get()
	defer conn.Close()
	conn.Do("SET", "rl:"+ip, 0, "EX", 60, "NX")
	n, err := redis.Int(conn.Do("INCR", "rl:"+ip))
	return err == nil && n <= 10, err
}
