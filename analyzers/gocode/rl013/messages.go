package rl013

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
)

// command names the Redis command a call runs (INCR, HINCRBY).
func command(c *store.Call) string {
	if c.Via != nil {
		return strings.ToUpper(c.Via.Op)
	}
	return strings.ToUpper(c.Op)
}

// atomicForm is the fix: the exact one-unit form for the client in use.
func atomicForm(c *store.Call) string {
	op := c.Op
	if c.Via != nil {
		op = c.Via.Op
	}
	if c.Reply {
		return `make them one unit: conn.Send("MULTI"); conn.Send("` + command(c) + `", key, ...); conn.Send("EXPIRE", key, window, "NX"); conn.Do("EXEC") (or SET key 0 EX window NX before the ` + command(c) + `, or a Lua script that runs both)`
	}
	if op == "SetNX" {
		return "give the key its window in the same command: rdb.SetNX(ctx, key, value, window)"
	}
	incr := "pipe.Incr(ctx, key)"
	switch op {
	case "IncrBy":
		incr = "pipe.IncrBy(ctx, key, n)"
	case "HIncrBy":
		incr = "pipe.HIncrBy(ctx, key, field, n)"
	}
	return "make them one unit: pipe := rdb.TxPipeline(); n := " + incr + "; pipe.ExpireNX(ctx, key, window); _, err := pipe.Exec(ctx) (pipe.Expire before Redis 7, or rdb.SetNX(ctx, key, 0, window) before the " + command(c) + ", or a Lua script that runs both)"
}

func separateMsg(c *store.Call) string {
	return "the expiry of this rate-limit counter is set in a separate round trip from its " + command(c) +
		", so a crash, a timeout or a failed EXPIRE in between leaves a key that never expires and that client stays limited forever; " + atomicForm(c)
}

func neverMsg(c *store.Call) string {
	return "this rate-limit counter (" + command(c) + ") is never given an expiry, so it never resets: a client that reaches the limit stays limited, and the keys pile up; " + atomicForm(c)
}
