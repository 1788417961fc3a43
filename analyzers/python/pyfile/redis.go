package pyfile

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// RedisCounter reports whether a redis command counts under its key:
// INCR and its variants, DECR (a token bucket spends), HINCRBY, and a
// cache's inc and dec.
func RedisCounter(method string) bool {
	switch method {
	case "incr", "incrby", "incrbyfloat", "decr", "decrby", "hincrby", "hincrbyfloat",
		"inc", "dec": // a cache's
		return true
	}
	return false
}

// RedisRead reports whether a redis command reads a value a limit may be
// decided on: GET, HGET, the size of a hash, set, list or sorted set of
// active requests, a sorted-set range count, an existence test.
func RedisRead(method string) bool {
	switch method {
	case "get", "hget", "hlen", "hmget", "mget", "zcard", "zcount", "llen", "scard", "exists", "hexists":
		return true
	}
	return false
}

// RedisWrite reports whether a redis command writes a value (check-then-
// act's second half): SET and its variants, hash and set stores, list
// pushes, sorted-set adds, and the counters.
func RedisWrite(method string) bool {
	switch method {
	case "set", "setex", "psetex", "setnx", "getset", "mset", "hset", "hsetnx", "hmset", "sadd", "lpush", "rpush", "zadd",
		"add", "set_many": // a cache's
		return true
	}
	return RedisCounter(method)
}

// RedisLog reports whether a redis command belongs to a sliding-log
// limiter on a sorted set.
func RedisLog(method string) bool {
	switch method {
	case "zadd", "zcard", "zcount", "zremrangebyscore":
		return true
	}
	return false
}

// RedisScriptCall reports whether a call runs a Lua script: EVAL, EVALSHA,
// or a script registered with register_script.
func RedisScriptCall(c *Call) bool {
	return c.Store() == "redis" && (c.Method == "eval" || c.Method == "evalsha" || c.Recv == RedisScript)
}

// ScriptKeys returns the KEYS a Lua script call passes: eval(script, 2,
// k1, k2, ...), script(keys=[k1], args=[...]) or script([k1], [...]).
func (c *Call) ScriptKeys() []*pyast.Node {
	switch {
	case c.Recv == RedisScript:
		keys := c.Kwargs["keys"]
		if keys == nil && len(c.Args) > 0 {
			keys = c.Args[0]
		}
		if keys == nil || (keys.Type() != "list" && keys.Type() != "tuple") {
			return nil
		}
		return keys.NamedChildren()
	case c.Method == "eval" || c.Method == "evalsha":
		if len(c.Args) < 2 {
			return nil
		}
		n, ok := c.Scope.Int(c.Args[1])
		if !ok || n < 0 || int(n) > len(c.Args)-2 {
			return nil
		}
		return c.Args[2 : 2+n]
	}
	return nil
}

// LuaText returns the source of the Lua script a call runs, when it is a
// constant: eval's first argument, or the text given to register_script.
func (c *Call) LuaText() (string, bool) {
	switch {
	case c.Method == "eval" && len(c.Args) > 0:
		return c.Scope.Constant(c.Args[0])
	case c.Recv == RedisScript:
		d := c.Scope.Resolve(c.Node.ChildByFieldName("function"))
		if d.Node == nil || d.Node.Type() != "call" {
			return "", false
		}
		args := d.Node.ChildByFieldName("arguments")
		if args == nil || args.NamedChildCount() == 0 {
			return "", false
		}
		return d.Scope.Constant(args.NamedChild(0))
	}
	return "", false
}

// LuaCounts reports whether a Lua script call counts under its KEYS: the
// script increments (INCR, INCRBY, HINCRBY, DECRBY) or adds to a sorted
// set.
func (c *Call) LuaCounts() bool {
	text, ok := c.LuaText()
	if !ok {
		return false
	}
	up := strings.ToUpper(text)
	for _, cmd := range []string{"'INCR", "\"INCR", "'DECR", "\"DECR", "'HINCRBY", "\"HINCRBY", "'ZADD", "\"ZADD"} {
		if strings.Contains(up, cmd) {
			return true
		}
	}
	return false
}
