package pyfile

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// Kind is what a name or expression denotes, as far as the rules care.
type Kind int

// Kinds of values.
const (
	Unknown         Kind = iota
	DynamoSession        // boto3.Session(), aioboto3.Session()
	DynamoResource       // boto3.resource("dynamodb")
	DynamoTable          // resource.Table(name)
	DynamoClient         // boto3.client("dynamodb")
	Redis                // redis.Redis(), redis.asyncio.from_url(), ...
	RedisPipeline        // client.pipeline()
	RedisLock            // client.lock(name)
	SQLEngine            // sqlalchemy create_engine / create_async_engine
	SQLSessionMaker      // sqlalchemy sessionmaker / async_sessionmaker
	SQLSession           // sqlalchemy Session / AsyncSession, or session.begin()
	SQLConn              // a DB-API or asyncpg connection, a sqlalchemy Connection
	SQLCursor            // conn.cursor()
	SQLPool              // asyncpg.create_pool
)

// Store tells which datastore a kind belongs to.
func (k Kind) Store() string {
	switch k {
	case DynamoTable, DynamoClient:
		return "dynamodb"
	case Redis, RedisPipeline:
		return "redis"
	case SQLEngine, SQLSession, SQLConn, SQLCursor, SQLPool:
		return "sql"
	}
	return ""
}

// binding is one assignment of a name.
type binding struct {
	kind  Kind
	value *pyast.Node // the assigned expression, or nil
	typ   *pyast.Node // a parameter's annotation, or nil
	at    uint32      // start byte of the binding statement
}

// Scope holds the bindings of a module or function body.
type Scope struct {
	file     *File
	parent   *Scope
	owner    *pyast.Node // the function definition, or the module
	bindings map[string][]binding
}

func newScope(f *File, parent *Scope, owner *pyast.Node) *Scope {
	s := &Scope{file: f, parent: parent, owner: owner, bindings: make(map[string][]binding)}
	if owner.Type() == "function_definition" {
		s.params(owner.ChildByFieldName("parameters"))
		s.collect(owner.ChildByFieldName("body"))
	} else {
		s.collect(owner)
	}
	return s
}

// params binds annotated parameters: `session: AsyncSession`.
func (s *Scope) params(n *pyast.Node) {
	if n == nil {
		return
	}
	for i := 0; i < int(n.NamedChildCount()); i++ {
		p := n.NamedChild(i)
		switch p.Type() {
		case "typed_parameter", "typed_default_parameter":
			name := p.ChildByFieldName("name")
			if name == nil && p.NamedChildCount() > 0 {
				name = p.NamedChild(0)
			}
			typ := p.ChildByFieldName("type")
			s.bind(s.file.Text(name), binding{kind: s.annotationKind(typ), typ: typ, at: p.StartByte()})
		}
	}
}

// annotationKind maps a parameter annotation to a kind.
func (s *Scope) annotationKind(t *pyast.Node) Kind {
	if t == nil {
		return Unknown
	}
	if t.Type() == "type" && t.NamedChildCount() > 0 {
		t = t.NamedChild(0)
	}
	switch q := s.file.Qualified(t); {
	case q == "sqlalchemy.orm.Session", q == "sqlalchemy.ext.asyncio.AsyncSession", q == "sqlalchemy.orm.session.Session":
		return SQLSession
	case q == "sqlalchemy.engine.Connection", q == "sqlalchemy.ext.asyncio.AsyncConnection", q == "asyncpg.Connection", q == "psycopg.Connection", q == "psycopg.AsyncConnection":
		return SQLConn
	case q == "asyncpg.Pool", q == "asyncpg.pool.Pool":
		return SQLPool
	case strings.HasPrefix(q, "redis.") && strings.HasSuffix(q, "Redis"):
		return Redis
	}
	return Unknown
}

// collect records the assignments and with-bindings of a body, without
// descending into nested functions or classes.
func (s *Scope) collect(body *pyast.Node) {
	Walk(body, func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return n.Equal(body)
		case "assignment":
			left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
			if left != nil && right != nil && left.Type() == "identifier" {
				s.bind(s.file.Text(left), binding{kind: s.Classify(right), value: right, at: n.StartByte()})
			}
		case "with_item":
			v := n.ChildByFieldName("value")
			if v != nil && v.Type() == "as_pattern" {
				alias := v.ChildByFieldName("alias")
				if alias == nil {
					for i := 0; i < int(v.NamedChildCount()); i++ {
						if c := v.NamedChild(i); c.Type() == "as_pattern_target" {
							alias = c
						}
					}
				}
				if alias != nil && v.NamedChildCount() > 0 {
					target := alias
					if target.NamedChildCount() > 0 {
						target = target.NamedChild(0)
					}
					if target.Type() == "identifier" {
						s.bind(s.file.Text(target), binding{kind: s.Classify(v.NamedChild(0)), at: n.StartByte()})
					}
				}
			}
		}
		return true
	})
}

func (s *Scope) bind(name string, b binding) {
	if name != "" {
		s.bindings[name] = append(s.bindings[name], b)
	}
}

// lookup returns the last binding of name before byte offset at, in this
// scope or an enclosing one.
func (s *Scope) lookup(name string, at uint32) (binding, bool) {
	for sc := s; sc != nil; sc = sc.parent {
		bs := sc.bindings[name]
		for i := len(bs) - 1; i >= 0; i-- {
			if bs[i].at < at || sc != s {
				return bs[i], true
			}
		}
	}
	return binding{}, false
}

// Value returns the expression last assigned to the identifier n before
// n, or nil.
func (s *Scope) Value(n *pyast.Node) *pyast.Node {
	if n == nil || n.Type() != "identifier" {
		return nil
	}
	b, ok := s.lookup(s.file.Text(n), n.StartByte())
	if !ok {
		return nil
	}
	return b.value
}

// Text returns the source text of n.
func (s *Scope) Text(n *pyast.Node) string { return s.file.Text(n) }

// Annotation returns the type annotation of the parameter that the
// identifier n refers to, as written ("str"), or "".
func (s *Scope) Annotation(n *pyast.Node) string {
	if n == nil || n.Type() != "identifier" {
		return ""
	}
	b, ok := s.lookup(s.file.Text(n), n.StartByte())
	if !ok || b.typ == nil {
		return ""
	}
	return s.file.Text(b.typ)
}

// KindOf returns what the expression n denotes.
func (s *Scope) KindOf(n *pyast.Node) Kind {
	if n == nil {
		return Unknown
	}
	if n.Type() == "identifier" {
		if b, ok := s.lookup(s.file.Text(n), n.StartByte()); ok {
			return b.kind
		}
		return Unknown
	}
	return s.Classify(n)
}

// Classify returns what the value of expression n is.
func (s *Scope) Classify(n *pyast.Node) Kind {
	switch n.Type() {
	case "await", "parenthesized_expression":
		if n.NamedChildCount() > 0 {
			return s.Classify(n.NamedChild(0))
		}
	case "identifier":
		return s.KindOf(n)
	case "call":
		return s.classifyCall(n)
	case "attribute":
		return s.selfAttr(n)
	}
	return Unknown
}

// selfAttr returns the kind of self.attr in a method: what the methods of
// the class assign to it (self.redis = redis.Redis(), or a parameter
// annotated with a client type).
func (s *Scope) selfAttr(n *pyast.Node) Kind {
	obj := n.ChildByFieldName("object")
	if obj == nil || obj.Type() != "identifier" || s.owner == nil || s.owner.Type() != "function_definition" {
		return Unknown
	}
	if self := firstParam(s.file, s.owner); self == "" || self != s.file.Text(obj) {
		return Unknown
	}
	class := enclosingClass(s.owner)
	if class == nil {
		return Unknown
	}
	return s.file.selfKinds(class)[s.file.Text(n.ChildByFieldName("attribute"))]
}

// firstParam returns the name of a function's first parameter.
func firstParam(f *File, def *pyast.Node) string {
	ps := def.ChildByFieldName("parameters")
	if ps == nil || ps.NamedChildCount() == 0 {
		return ""
	}
	p := ps.NamedChild(0)
	if p.Type() != "identifier" {
		return ""
	}
	return f.Text(p)
}

// enclosingClass returns the class a method is defined in, or nil.
func enclosingClass(def *pyast.Node) *pyast.Node {
	p := def.Parent()
	if p != nil && p.Type() == "decorated_definition" {
		p = p.Parent()
	}
	if p == nil || p.Type() != "block" || p.Parent() == nil || p.Parent().Type() != "class_definition" {
		return nil
	}
	return p.Parent()
}

// selfKinds returns the kinds the methods of class assign to attributes
// of self, computed once per class. While they are being computed (an
// assignment refers to another attribute) they are all Unknown.
func (f *File) selfKinds(class *pyast.Node) map[string]Kind {
	k := class.StartByte()
	if m, ok := f.selfAttrs[k]; ok {
		return m
	}
	if f.selfAttrs == nil {
		f.selfAttrs = make(map[uint32]map[string]Kind)
	}
	f.selfAttrs[k] = nil
	m := make(map[string]Kind)
	body := class.ChildByFieldName("body")
	for i := 0; body != nil && i < int(body.NamedChildCount()); i++ {
		def := body.NamedChild(i)
		if def.Type() == "decorated_definition" {
			def = def.ChildByFieldName("definition")
		}
		if def == nil || def.Type() != "function_definition" {
			continue
		}
		self := firstParam(f, def)
		if self == "" {
			continue
		}
		var sc *Scope
		Walk(def.ChildByFieldName("body"), func(n *pyast.Node) bool {
			switch n.Type() {
			case "function_definition", "class_definition", "lambda":
				return false
			case "assignment":
				left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
				if left == nil || right == nil || left.Type() != "attribute" || f.Text(left.ChildByFieldName("object")) != self {
					return true
				}
				if sc == nil {
					sc = newScope(f, f.module, def)
				}
				if kind := sc.Classify(right); kind != Unknown {
					m[f.Text(left.ChildByFieldName("attribute"))] = kind
				}
			}
			return true
		})
	}
	f.selfAttrs[k] = m
	return m
}

func (s *Scope) classifyCall(call *pyast.Node) Kind {
	fn := call.ChildByFieldName("function")
	args := call.ChildByFieldName("arguments")
	switch q := s.file.Qualified(fn); q {
	case "boto3.client", "boto3.session.Session.client", "aioboto3.client":
		if firstString(s, args) == "dynamodb" {
			return DynamoClient
		}
		return Unknown
	case "boto3.resource", "aioboto3.resource":
		if firstString(s, args) == "dynamodb" {
			return DynamoResource
		}
		return Unknown
	case "boto3.Session", "boto3.session.Session", "aioboto3.Session", "aioboto3.session.Session":
		return DynamoSession
	case "redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url",
		"redis.asyncio.Redis", "redis.asyncio.StrictRedis", "redis.asyncio.from_url", "redis.asyncio.Redis.from_url",
		"redis.cluster.RedisCluster", "redis.asyncio.cluster.RedisCluster", "aioredis.from_url", "aioredis.Redis":
		return Redis
	case "psycopg.connect", "psycopg2.connect", "psycopg.Connection.connect", "psycopg.AsyncConnection.connect", "asyncpg.connect":
		return SQLConn
	case "asyncpg.create_pool":
		return SQLPool
	case "sqlalchemy.create_engine", "sqlalchemy.ext.asyncio.create_async_engine":
		return SQLEngine
	case "sqlalchemy.orm.sessionmaker", "sqlalchemy.ext.asyncio.async_sessionmaker":
		return SQLSessionMaker
	case "sqlalchemy.orm.Session", "sqlalchemy.ext.asyncio.AsyncSession":
		return SQLSession
	}
	if fn.Type() == "identifier" && s.KindOf(fn) == SQLSessionMaker {
		return SQLSession
	}
	if fn.Type() != "attribute" {
		return Unknown
	}
	recv := s.KindOf(fn.ChildByFieldName("object"))
	method := s.file.Text(fn.ChildByFieldName("attribute"))
	switch {
	case recv == DynamoSession && method == "client" && firstString(s, args) == "dynamodb":
		return DynamoClient
	case recv == DynamoSession && method == "resource" && firstString(s, args) == "dynamodb":
		return DynamoResource
	case recv == DynamoResource && method == "Table":
		return DynamoTable
	case recv == Redis && method == "pipeline":
		return RedisPipeline
	case recv == Redis && method == "lock":
		return RedisLock
	case (recv == SQLConn || recv == SQLPool) && method == "cursor":
		return SQLCursor
	case recv == SQLPool && method == "acquire":
		return SQLConn
	case recv == SQLEngine && (method == "connect" || method == "begin"):
		return SQLConn
	case recv == SQLSessionMaker && method == "begin":
		return SQLSession
	case recv == SQLSession && (method == "begin" || method == "begin_nested"):
		return SQLSession
	case recv == SQLConn && (method == "begin" || method == "transaction"):
		return SQLConn
	}
	return Unknown
}

// firstString returns the first positional argument's string value.
func firstString(s *Scope, args *pyast.Node) string {
	if args == nil || args.NamedChildCount() == 0 {
		return ""
	}
	a := args.NamedChild(0)
	if a.Type() == "keyword_argument" {
		return ""
	}
	v, _ := s.String(a)
	return v
}
