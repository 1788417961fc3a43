package pyfile

import (
	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/internal/sqlfacts"
)

// Call is a method call on a recognized datastore object.
type Call struct {
	Node   *pyast.Node            // the call expression
	Recv   Kind                   // what the receiver is
	Method string                 // the method name
	Args   []*pyast.Node          // positional arguments
	Kwargs map[string]*pyast.Node // keyword arguments
	Splat  bool                   // the call passes *args or **kwargs: its arguments are not all known
	Scope  *Scope                 // the scope the call's arguments are evaluated in

	// For an operation that a project function runs on behalf of the
	// analyzed function (see Func.Ops):
	Site     *pyast.Node   // the analyzed function's call that reaches the operation
	Via      []*pyast.Node // the calls from Site down to the operation, Site first
	Deps     []*pyast.Node // the arguments of Site that the operation's arguments derive from
	KeyDeps  []*pyast.Node // the arguments of Site that the operation's key derives from
	Returned bool          // what Site returns is what the operation gives
	Number   bool          // ... converted to a number (return int(r.get(k) or 0))

	// Declared is the dotted name of the configured wrapper or limiter
	// a Declared call calls.
	Declared string

	sql *sqlCache // shared by the lifted copies
}

// sqlCache holds a call's parsed SQL.
type sqlCache struct {
	facts *sqlfacts.Facts
	done  bool
}

// Store returns "dynamodb", "redis" or "sql".
func (c *Call) Store() string { return c.Recv.Store() }

// DatastoreCall returns the datastore call that n is, if it is one.
func (s *Scope) DatastoreCall(n *pyast.Node) (*Call, bool) {
	if n == nil || n.Type() != "call" {
		return nil, false
	}
	fn := n.ChildByFieldName("function")
	if fn == nil {
		return nil, false
	}
	if c, ok := s.declaredCall(n, fn); ok {
		return c, true
	}
	var c *Call
	switch {
	case (fn.Type() == "identifier" || fn.Type() == "attribute") && s.KindOf(fn) == RedisScript:
		// limit_script(keys=[k], args=[...]), self.script(...)
		c = &Call{Node: n, Recv: RedisScript, Method: "script"}
	case fn.Type() == "attribute":
		if !storeMethod(s.file.Text(fn.ChildByFieldName("attribute"))) {
			return nil, false // logger.info, dict.items: no receiver to resolve
		}
		recv := s.KindOf(fn.ChildByFieldName("object"))
		if recv.Store() == "" || recv == RedisScript {
			return nil, false
		}
		c = &Call{Node: n, Recv: recv, Method: s.file.Text(fn.ChildByFieldName("attribute"))}
	default:
		return nil, false
	}
	c.Kwargs, c.Scope, c.sql = make(map[string]*pyast.Node), s, &sqlCache{}
	if args := n.ChildByFieldName("arguments"); args != nil {
		for i := 0; i < int(args.NamedChildCount()); i++ {
			a := args.NamedChild(i)
			switch a.Type() {
			case "keyword_argument":
				c.Kwargs[s.file.Text(a.ChildByFieldName("name"))] = a.ChildByFieldName("value")
			case "list_splat", "dictionary_splat":
				c.Splat = true
			case "comment":
			default:
				c.Args = append(c.Args, a)
			}
		}
	}
	return c, true
}

// storeMethod reports whether a method name is one the datastores of
// the model have and the rules look at: the redis commands, DynamoDB's
// operations, the DB-API, asyncpg, psycopg and SQLAlchemy calls.
func storeMethod(m string) bool {
	if RedisCounter(m) || RedisRead(m) || RedisWrite(m) || RedisLog(m) {
		return true
	}
	switch m {
	case "expire", "pexpire", "expireat", "delete", "unlink", "pipeline", "execute", "watch", "unwatch", "multi",
		"eval", "evalsha", "lock", "register_script", "transaction", "zrange", "zrangebyscore", "hgetall", "keys",
		"update_item", "get_item", "put_item", "delete_item", "query", "scan", "batch_get_item", "batch_write_item",
		"transact_write_items", "transact_get_items",
		"executemany", "exec_driver_sql", "fetch", "fetchrow", "fetchval", "fetchone", "fetchall", "fetchmany",
		"scalar", "scalars", "scalar_one", "scalar_one_or_none", "add", "add_all", "merge", "commit", "flush", "refresh",
		"begin", "begin_nested", "cursor", "acquire", "connection", "getconn", "run", "one", "all", "first", "copy_records_to_table":
		return true
	}
	return false
}

// Calls returns the datastore calls under n (not inside nested
// functions), in source order.
func (s *Scope) Calls(n *pyast.Node) []*Call {
	var out []*Call
	Walk(n, func(m *pyast.Node) bool {
		if (m.Type() == "function_definition" || m.Type() == "lambda") && !m.Equal(n) {
			return false
		}
		if c, ok := s.DatastoreCall(m); ok {
			out = append(out, c)
		}
		return true
	})
	return out
}

// SQL returns the SQL text a call passes (its first positional argument or
// its query/statement keyword), if constant. The text is evaluated in the
// call's own scope.
func (c *Call) SQL() (string, *pyast.Node, bool) {
	if c.Recv.Store() != "sql" {
		return "", nil, false
	}
	switch c.Method {
	case "execute", "executemany", "exec_driver_sql", "fetch", "fetchrow", "fetchval", "scalar", "scalars":
	default:
		return "", nil, false
	}
	var arg *pyast.Node
	if len(c.Args) > 0 {
		arg = c.Args[0]
	} else if q, ok := c.Kwargs["query"]; ok {
		arg = q
	} else if q, ok := c.Kwargs["statement"]; ok {
		arg = q
	}
	text, ok := c.Scope.String(arg)
	return text, arg, ok
}

// Facts returns the facts of the constant SQL text a call passes, parsed
// once per call; ok is false when the call passes no constant SQL or the
// text does not parse.
func (c *Call) Facts() (*sqlfacts.Facts, bool) {
	if !c.sql.done {
		c.sql.done = true
		if text, _, ok := c.SQL(); ok {
			c.sql.facts, _ = sqlfacts.Analyze(text)
		}
	}
	return c.sql.facts, c.sql.facts != nil
}

// BoundArg returns the argument a call binds to a SQL parameter: the Nth
// element of a tuple or list, or the named entry of a dict (in the call's
// own scope).
func (c *Call) BoundArg(v sqlfacts.Value) *pyast.Node {
	s := c.Scope
	if len(c.Args) < 2 {
		// asyncpg passes parameters as further positional arguments.
		return nil
	}
	params := c.Args[1]
	if params.Type() == "identifier" {
		if val := s.Value(params); val != nil {
			params = val
		}
	}
	if v.ParamName != "" {
		if d, ok := s.Dict(params); ok {
			return d[v.ParamName]
		}
		return nil
	}
	switch params.Type() {
	case "tuple", "list":
		if i := v.Param - 1; i >= 0 && i < int(params.NamedChildCount()) {
			return params.NamedChild(i)
		}
	default:
		if (c.Recv == SQLConn || c.Recv == SQLPool) && v.Param-1 < len(c.Args)-1 { // asyncpg: conn.execute(sql, a, b)
			return c.Args[v.Param]
		}
	}
	return nil
}
