package store

import (
	"go/ast"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
)

// redisPkgs are the go-redis major versions: v6 and v7 take no context,
// v8 and v9 take one first.
var redisPkgs = map[string]bool{
	"github.com/redis/go-redis/v9": true,
	"github.com/go-redis/redis/v8": true,
	"github.com/go-redis/redis/v7": true,
	"github.com/go-redis/redis":    true,
}

// redisContext reports whether the commands of a go-redis import path
// take a context first.
func redisContext(path string) bool {
	return path == "github.com/redis/go-redis/v9" || path == "github.com/go-redis/redis/v8"
}

// redigoPkgs are redigo's import paths (gomodule, and garyburd before it).
var redigoPkgs = map[string]bool{
	"github.com/gomodule/redigo/redis": true,
	"github.com/garyburd/redigo/redis": true,
}

// redisCommands maps Redis command names to the go-redis method names the
// rules speak of, so that redigo's conn.Do("INCRBY", k, n) reads as
// IncrBy. It also lists the go-redis methods recognised on a client whose
// type did not load.
var redisCommands = map[string]string{
	"GET": "Get", "SET": "Set", "SETNX": "SetNX", "SETEX": "SetEX", "GETSET": "GetSet",
	"INCR": "Incr", "INCRBY": "IncrBy", "INCRBYFLOAT": "IncrByFloat", "DECR": "Decr", "DECRBY": "DecrBy",
	"HGET": "HGet", "HSET": "HSet", "HINCRBY": "HIncrBy", "HGETALL": "HGetAll", "HDEL": "HDel",
	"EXPIRE": "Expire", "PEXPIRE": "PExpire", "EXPIREAT": "ExpireAt", "PEXPIREAT": "PExpireAt", "TTL": "TTL", "PTTL": "PTTL",
	"DEL": "Del", "UNLINK": "Unlink", "EXISTS": "Exists", "MGET": "MGet",
	"ZADD": "ZAdd", "ZCARD": "ZCard", "ZCOUNT": "ZCount", "ZREMRANGEBYSCORE": "ZRemRangeByScore",
	"ZRANGEBYSCORE": "ZRangeByScore", "ZREM": "ZRem", "LLEN": "LLen", "LPUSH": "LPush", "RPUSH": "RPush",
	"LTRIM": "LTrim", "SADD": "SAdd", "SREM": "SRem", "SCARD": "SCard",
	"EVAL": "Eval", "EVALSHA": "EvalSha", "EVAL_RO": "EvalRO", "EVALSHA_RO": "EvalShaRO",
	"WATCH": "Watch", "UNWATCH": "Unwatch", "MULTI": "TxPipeline", "EXEC": "Exec",
}

// goRedisMethods are the client methods recognised on a go-redis client
// whose type did not load: the commands above and the transaction and
// pipeline helpers.
var goRedisMethods = func() map[string]bool {
	m := map[string]bool{"TxPipelined": true, "Pipelined": true, "Pipeline": true, "Watch": true, "SetArgs": true}
	for _, name := range redisCommands {
		m[name] = true
	}
	return m
}()

// classifyRedigo reads conn.Do("INCR", key), conn.Send(...),
// conn.DoContext(ctx, ...) and redis.DoContext(conn, ctx, ...): the command
// name must be a constant.
func classifyRedigo(f *flow.Func, call *ast.CallExpr, name string) *Call {
	switch name {
	case "Do", "Send", "DoContext", "DoWithTimeout":
	default:
		return nil
	}
	fn := flow.Callee(f.Info, call)
	if fn != nil && flow.RecvName(fn) == "Script" {
		// script.Do(conn, keysAndArgs...): a Lua script.
		return &Call{Expr: call, Kind: Redis, Op: "EvalSha", Args: call.Args[min(1, len(call.Args)):], Func: fn, Reply: true}
	}
	for i, a := range call.Args {
		cmd, ok := f.ConstString(a)
		if !ok {
			continue
		}
		op, known := redisCommands[strings.ToUpper(cmd)]
		if !known {
			return nil
		}
		return &Call{Expr: call, Kind: Redis, Op: op, Args: call.Args[i+1:], Func: fn, Reply: true}
	}
	return nil
}

// IsRedigoReply reports whether call converts a redigo reply
// (redis.Int(conn.Do(...)), redis.String, redis.Int64, ...): it passes the
// reply and the error of the command in its argument on.
func IsRedigoReply(f *flow.Func, call *ast.CallExpr) bool {
	if len(call.Args) == 0 || len(call.Args) > 2 {
		return false
	}
	if fn := flow.Callee(f.Info, call); fn != nil {
		return fn.Pkg() != nil && redigoPkgs[fn.Pkg().Path()]
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && redigoPkgs[f.ImportPath(sel)]
}
