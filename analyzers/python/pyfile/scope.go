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
	RedisScript          // client.register_script(lua)
	SQLEngine            // sqlalchemy create_engine / create_async_engine
	SQLSessionMaker      // sqlalchemy sessionmaker / async_sessionmaker
	SQLSession           // sqlalchemy Session / AsyncSession, or session.begin()
	SQLConn              // a DB-API or asyncpg connection, a sqlalchemy Connection
	SQLCursor            // conn.cursor()
	SQLPool              // asyncpg.create_pool
	Request              // the web request: flask.request, a Starlette/FastAPI Request
	Cache                // a Flask-Caching, cachelib or Django cache (in production, Redis behind it)
	// Declared is a call of a wrapper or limiter the project's
	// configuration declares (docs/configuration.md): it reads, writes
	// or increments a counter under a key as GET, SET and INCR do, or
	// decides a limit.
	Declared
)

// Store tells which datastore a kind belongs to.
func (k Kind) Store() string {
	switch k {
	case DynamoTable, DynamoClient:
		return "dynamodb"
	case Redis, RedisPipeline, RedisScript, Cache, Declared:
		return "redis"
	case SQLEngine, SQLSession, SQLConn, SQLCursor, SQLPool:
		return "sql"
	}
	return ""
}

// Value is what an expression evaluates to, as far as the rules care: a
// datastore object of some kind, an instance of a project class, or both
// (a project class that subclasses redis.Redis).
type Value struct {
	Kind  Kind
	Class *Class
	// Ext is the dotted name of the library class (outside the project)
	// that the value is an instance of, kept only for classes with a
	// method the configuration declares a wrapper: acme.store.Counter.
	Ext string
}

// known reports whether v says anything.
func (v Value) known() bool { return v.Kind != Unknown || v.Class != nil || v.Ext != "" }

// binding is one assignment of a name.
type binding struct {
	value *pyast.Node // the assigned expression, or the context expression of a with-as
	typ   *pyast.Node // a parameter's or annotated assignment's annotation, or nil
	param *pyast.Node // the parameter, for parameters
	def   *pyast.Node // a function or class definition
	at    uint32      // where the binding takes effect: the end of an assignment, the start of a definition

	state int8 // 0: value not computed, 1: computing, 2: done
	val   Value
}

// Scope holds the bindings of a module or function body.
type Scope struct {
	file     *File
	parent   *Scope
	owner    *pyast.Node // the function definition, or the module
	fn       *Func       // the function, nil for the module
	bindings map[string][]*binding
}

func newScope(f *File, parent *Scope, owner *pyast.Node) *Scope {
	s := &Scope{file: f, parent: parent, owner: owner, bindings: make(map[string][]*binding)}
	if owner.Type() == "function_definition" || owner.Type() == "lambda" {
		s.params(owner.ChildByFieldName("parameters"))
		s.collect(owner.ChildByFieldName("body"))
	} else {
		s.collect(owner)
	}
	return s
}

// File returns the file the scope belongs to.
func (s *Scope) File() *File { return s.file }

// params binds the parameters.
func (s *Scope) params(n *pyast.Node) {
	if n == nil {
		return
	}
	for _, p := range n.NamedChildren() {
		name, typ := paramName(p)
		if name != nil {
			s.bind(s.file.Text(name), &binding{param: p, typ: typ, at: p.StartByte()})
		}
	}
}

// paramName returns the name and annotation of a parameter node.
func paramName(p *pyast.Node) (name, typ *pyast.Node) {
	switch p.Type() {
	case "identifier":
		return p, nil
	case "typed_parameter":
		if p.NamedChildCount() > 0 && p.NamedChild(0).Type() == "identifier" {
			return p.NamedChild(0), p.ChildByFieldName("type")
		}
	case "default_parameter":
		return p.ChildByFieldName("name"), nil
	case "typed_default_parameter":
		return p.ChildByFieldName("name"), p.ChildByFieldName("type")
	}
	return nil, nil
}

// collect records the assignments, with-bindings and definitions of a
// body, without descending into nested functions or classes.
func (s *Scope) collect(body *pyast.Node) {
	Walk(body, func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition":
			if n == body {
				return true
			}
			if name := n.ChildByFieldName("name"); name != nil {
				s.bind(s.file.Text(name), &binding{def: n, at: n.StartByte()})
			}
			return false
		case "lambda":
			return n == body
		case "assignment":
			left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
			if left == nil {
				return true
			}
			switch left.Type() {
			case "identifier":
				s.bind(s.file.Text(left), &binding{value: right, typ: n.ChildByFieldName("type"), at: n.EndByte()})
			case "subscript": // CLIENTS["ddb"] = boto3.client("dynamodb")
				if key := storeKey(s, left); key != "" && right != nil {
					s.bind(key, &binding{value: right, at: n.EndByte()})
				}
			}
		case "with_item":
			v := n.ChildByFieldName("value")
			if v != nil && v.Type() == "as_pattern" && v.NamedChildCount() > 0 {
				if target := asTarget(v); target != nil && target.Type() == "identifier" {
					s.bind(s.file.Text(target), &binding{value: v.NamedChild(0), at: n.EndByte()})
				}
			}
		}
		return true
	})
}

// asTarget returns the name an as_pattern binds.
func asTarget(v *pyast.Node) *pyast.Node {
	alias := v.ChildByFieldName("alias")
	if alias == nil {
		for _, c := range v.NamedChildren() {
			if c.Type() == "as_pattern_target" {
				alias = c
			}
		}
	}
	if alias != nil && alias.NamedChildCount() > 0 {
		return alias.NamedChild(0)
	}
	return alias
}

// storeKey names a subscript store of a constant key, NAME[key], as a
// pseudo-name the scope can bind: "NAME[key]".
func storeKey(s *Scope, n *pyast.Node) string {
	obj, sub := n.ChildByFieldName("value"), n.ChildByFieldName("subscript")
	if obj == nil || obj.Type() != "identifier" {
		return ""
	}
	key, ok := s.Constant(sub)
	if !ok {
		return ""
	}
	return s.file.Text(obj) + "[" + key + "]"
}

func (s *Scope) bind(name string, b *binding) {
	if name != "" {
		s.bindings[name] = append(s.bindings[name], b)
	}
}

// lookup returns the last binding of name before byte offset at, in this
// scope or an enclosing one.
func (s *Scope) lookup(name string, at uint32) (*binding, *Scope) {
	for sc := s; sc != nil; sc = sc.parent {
		bs := sc.bindings[name]
		for i := len(bs) - 1; i >= 0; i-- {
			if bs[i].at < at || sc != s {
				return bs[i], sc
			}
		}
	}
	return nil, nil
}

// lookupLast returns the last binding of name anywhere in the scope (a
// module-level name seen from a function runs after the module).
func (s *Scope) lookupLast(name string) *binding {
	if bs := s.bindings[name]; len(bs) > 0 {
		return bs[len(bs)-1]
	}
	return nil
}

// Value returns the expression last assigned to the identifier n before
// n, or nil.
func (s *Scope) Value(n *pyast.Node) *pyast.Node {
	if n == nil || n.Type() != "identifier" {
		return nil
	}
	b, _ := s.lookup(s.file.Text(n), n.StartByte())
	if b == nil {
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
	b, _ := s.lookup(s.file.Text(n), n.StartByte())
	if b == nil || b.typ == nil {
		return ""
	}
	return s.file.Text(b.typ)
}

// KindOf returns what kind of datastore object the expression n denotes.
func (s *Scope) KindOf(n *pyast.Node) Kind { return s.ValueOf(n).Kind }

// Classify returns what kind of datastore object the value of expression
// n is.
func (s *Scope) Classify(n *pyast.Node) Kind { return s.ValueOf(n).Kind }

// ClassOf returns the project class whose instance n is, or nil.
func (s *Scope) ClassOf(n *pyast.Node) *Class { return s.ValueOf(n).Class }

// ValueOf returns what expression n evaluates to, following names through
// assignments, parameters (annotations, FastAPI dependencies and the
// arguments of the project's call sites), imports of the project's
// modules, the return values of project functions and the attributes of
// project classes.
func (s *Scope) ValueOf(n *pyast.Node) Value {
	if n == nil {
		return Value{}
	}
	switch n.Type() {
	case "call", "attribute", "subscript":
		// Remembered per node, but not while the call sites are indexed
		// (a value computed then may miss what they pass).
		f := s.file
		if v, ok := f.values[n]; ok {
			return v
		}
		v := s.valueOf(n)
		if p := f.project; p == nil || p.indexing == 0 {
			if f.values == nil {
				f.values = make(map[*pyast.Node]Value)
			}
			f.values[n] = v
		}
		return v
	}
	return s.valueOf(n)
}

func (s *Scope) valueOf(n *pyast.Node) Value {
	switch n.Type() {
	case "await", "parenthesized_expression":
		if n.NamedChildCount() > 0 {
			return s.ValueOf(n.NamedChild(0))
		}
	case "identifier":
		return s.nameValue(n)
	case "call":
		return s.callValue(n)
	case "attribute":
		return s.attrValue(n)
	case "subscript":
		return s.subscriptValue(n)
	case "boolean_operator": // self.redis = client or get_redis()
		if v := s.ValueOf(n.ChildByFieldName("left")); v.known() {
			return v
		}
		return s.ValueOf(n.ChildByFieldName("right"))
	case "conditional_expression":
		for _, c := range n.NamedChildren() {
			if v := s.ValueOf(c); v.known() {
				return v
			}
		}
	}
	return Value{}
}

// nameValue evaluates an identifier.
func (s *Scope) nameValue(n *pyast.Node) Value {
	name := s.file.Text(n)
	b, sc := s.lookup(name, n.StartByte())
	if b != nil {
		return sc.bindingValue(b, name)
	}
	if q, ok := s.file.Imports[name]; ok {
		return s.file.defValue(s.file.resolveQualified(q))
	}
	return Value{}
}

// bindingValue evaluates a binding of name, once.
func (s *Scope) bindingValue(b *binding, name string) Value {
	switch b.state {
	case 1:
		return Value{}
	case 2:
		return b.val
	}
	b.state = 1
	var v Value
	switch {
	case b.param != nil:
		v = s.paramValue(b, name)
	case b.def != nil:
		// a function or class object, not a value the rules track
	case b.value != nil:
		v = s.ValueOf(b.value)
		if !v.known() && b.typ != nil {
			v = s.annotationValue(b.typ)
		}
	case b.typ != nil:
		v = s.annotationValue(b.typ)
	}
	if p := s.file.project; p != nil && p.indexing > 0 {
		b.state = 0 // computed without the call sites: not final
		return v
	}
	b.val, b.state = v, 2
	return v
}

// paramValue evaluates a parameter: its annotation, its FastAPI
// dependency (Depends(get_redis)), self and cls in methods, or what the
// project's call sites pass to it.
func (s *Scope) paramValue(b *binding, name string) Value {
	fn := s.fn
	if fn != nil && fn.Class() != nil && fn.selfParam() == name {
		if fn.isClassMethod() {
			return Value{} // cls: the class itself
		}
		c := fn.Class()
		return Value{Kind: c.ClientKind(), Class: c}
	}
	if b.typ != nil {
		if v := s.annotationValue(b.typ); v.known() {
			return v
		}
	}
	if def := b.param.ChildByFieldName("value"); def != nil {
		if dep := dependency(s.file, def); dep != nil {
			return s.dependencyValue(dep)
		}
	}
	if b.typ != nil {
		if dep := annotatedDependency(s.file, b.typ); dep != nil {
			return s.dependencyValue(dep)
		}
	}
	if fn == nil {
		return Value{}
	}
	return fn.argumentValue(name)
}

// dependencyValue is what FastAPI injects for Depends(dep): what dep
// returns (or yields).
func (s *Scope) dependencyValue(dep *pyast.Node) Value {
	if d := s.Resolve(dep); d.Func != nil {
		return d.Func.ReturnValue()
	} else if d.Class != nil {
		return Value{Kind: d.Class.ClientKind(), Class: d.Class}
	}
	return Value{}
}

// dependency returns the callable of a Depends(callable) expression.
func dependency(f *File, n *pyast.Node) *pyast.Node {
	if n == nil || n.Type() != "call" {
		return nil
	}
	switch f.Qualified(n.ChildByFieldName("function")) {
	case "fastapi.Depends", "fastapi.params.Depends", "fastapi.Security":
		args := n.ChildByFieldName("arguments")
		if args != nil && args.NamedChildCount() > 0 && args.NamedChild(0).Type() != "keyword_argument" {
			return args.NamedChild(0)
		}
		if d := f.Keyword(n, "dependency"); d != nil {
			return d
		}
	}
	return nil
}

// annotatedDependency returns the callable of Annotated[T, Depends(f)].
func annotatedDependency(f *File, typ *pyast.Node) *pyast.Node {
	var found *pyast.Node
	Walk(typ, func(n *pyast.Node) bool {
		if found == nil {
			found = dependency(f, n)
		}
		return found == nil
	})
	return found
}

// annotationValue maps an annotation to a value: a client type
// (redis.Redis, mypy_boto3_dynamodb's Table, AsyncSession, asyncpg.Pool),
// a project class, Optional[...] / X | None / Annotated[X, ...] of one.
func (s *Scope) annotationValue(t *pyast.Node) Value {
	if t == nil {
		return Value{}
	}
	switch t.Type() {
	case "type":
		if t.NamedChildCount() > 0 {
			return s.annotationValue(t.NamedChild(0))
		}
		return Value{}
	case "string": // a forward reference: "Redis", "redis.asyncio.Redis"
		text, ok := s.Constant(t)
		if !ok {
			return Value{}
		}
		first, rest, _ := strings.Cut(strings.TrimSpace(text), ".")
		q, ok := s.file.Imports[first]
		if !ok {
			return Value{}
		}
		if rest != "" {
			q += "." + rest
		}
		if k := clientAnnotation(q); k != Unknown {
			return Value{Kind: k}
		}
		if d := s.file.resolveQualified(q); d.Class != nil {
			return Value{Kind: d.Class.ClientKind(), Class: d.Class}
		}
		return Value{}
	case "binary_operator": // X | None
		if v := s.annotationValue(t.ChildByFieldName("left")); v.known() {
			return v
		}
		return s.annotationValue(t.ChildByFieldName("right"))
	case "generic_type", "subscript":
		// Optional[X], Annotated[X, ...], Union[X, None]
		base := t.NamedChild(0)
		switch q := s.file.Qualified(base); {
		case strings.HasSuffix(q, "Optional"), strings.HasSuffix(q, "Annotated"), strings.HasSuffix(q, "Union"),
			s.file.Text(base) == "Optional" || s.file.Text(base) == "Annotated" || s.file.Text(base) == "Union":
			for _, c := range t.NamedChildren()[1:] {
				if v := s.annotationValue(c); v.known() {
					return v
				}
			}
		}
		return Value{}
	case "type_parameter":
		for _, c := range t.NamedChildren() {
			if v := s.annotationValue(c); v.known() {
				return v
			}
		}
		return Value{}
	}
	if k := clientAnnotation(s.file.Qualified(t)); k != Unknown {
		return Value{Kind: k}
	}
	if d := s.Resolve(t); d.Class != nil {
		return Value{Kind: d.Class.ClientKind(), Class: d.Class}
	}
	return Value{}
}

// clientAnnotation maps the qualified name of a client type to its kind.
func clientAnnotation(q string) Kind {
	switch {
	case q == "":
		return Unknown
	case q == "sqlalchemy.orm.Session", q == "sqlalchemy.ext.asyncio.AsyncSession", q == "sqlalchemy.orm.session.Session",
		q == "sqlalchemy.ext.asyncio.session.AsyncSession", q == "sqlmodel.Session", q == "sqlmodel.ext.asyncio.session.AsyncSession":
		return SQLSession
	case q == "sqlalchemy.engine.Connection", q == "sqlalchemy.ext.asyncio.AsyncConnection", q == "asyncpg.Connection",
		q == "asyncpg.connection.Connection", q == "psycopg.Connection", q == "psycopg.AsyncConnection",
		q == "psycopg2.extensions.connection":
		return SQLConn
	case q == "psycopg.Cursor", q == "psycopg.AsyncCursor", q == "psycopg2.extensions.cursor":
		return SQLCursor
	case q == "sqlalchemy.engine.Engine", q == "sqlalchemy.ext.asyncio.AsyncEngine":
		return SQLEngine
	case q == "asyncpg.Pool", q == "asyncpg.pool.Pool":
		return SQLPool
	case strings.HasPrefix(q, "redis.") && (strings.HasSuffix(q, ".Redis") || strings.HasSuffix(q, ".StrictRedis") || strings.HasSuffix(q, "RedisCluster")),
		strings.HasPrefix(q, "valkey.") && (strings.HasSuffix(q, ".Valkey") || strings.HasSuffix(q, ".StrictValkey") || strings.HasSuffix(q, "ValkeyCluster")),
		q == "aioredis.Redis":
		return Redis
	case strings.HasPrefix(q, "redis.") && strings.HasSuffix(q, "Pipeline"):
		return RedisPipeline
	case strings.HasPrefix(q, "mypy_boto3_dynamodb.") && strings.HasSuffix(q, ".Table"),
		strings.HasPrefix(q, "types_aiobotocore_dynamodb.") && strings.HasSuffix(q, ".Table"):
		return DynamoTable
	case strings.HasPrefix(q, "mypy_boto3_dynamodb.") && strings.HasSuffix(q, "DynamoDBClient"),
		strings.HasPrefix(q, "types_aiobotocore_dynamodb.") && strings.HasSuffix(q, "DynamoDBClient"):
		return DynamoClient
	case strings.HasPrefix(q, "mypy_boto3_dynamodb.") && strings.HasSuffix(q, "DynamoDBServiceResource"):
		return DynamoResource
	case requestTypes[q]:
		return Request
	case cacheTypes[q]:
		return Cache
	}
	return Unknown
}

// cacheTypes are the key-value caches that limiters count in: their get,
// set, add, inc and dec are the Redis commands of the backend.
var cacheTypes = map[string]bool{
	"flask_caching.Cache": true, "flask_cache.Cache": true,
	"cachelib.RedisCache": true, "cachelib.redis.RedisCache": true,
	"flask_caching.backends.RedisCache": true, "flask_caching.backends.rediscache.RedisCache": true,
}

// requestTypes are the classes of a web request.
var requestTypes = map[string]bool{
	"fastapi.Request": true, "fastapi.requests.Request": true, "starlette.requests.Request": true,
	"starlette.requests.HTTPConnection": true, "fastapi.WebSocket": true, "starlette.websockets.WebSocket": true,
	"flask.Request": true, "werkzeug.wrappers.Request": true, "werkzeug.Request": true, "quart.Request": true,
	"django.http.HttpRequest": true, "django.http.request.HttpRequest": true, "django.core.handlers.wsgi.WSGIRequest": true,
	"django.core.handlers.asgi.ASGIRequest": true, "rest_framework.request.Request": true,
}

// libraryValue is what a library's module-level name is: Flask's and
// Quart's request proxies, Django's default cache.
func libraryValue(q string) Value {
	switch q {
	case "flask.request", "quart.request":
		return Value{Kind: Request}
	case "django.core.cache.cache":
		return Value{Kind: Cache}
	}
	return Value{}
}

// attrValue evaluates obj.attr: an attribute of a project class instance
// (self.redis), a member of a project module (settings.redis_client), a
// shared application attribute (app.state.redis, flask.g.redis).
func (s *Scope) attrValue(n *pyast.Node) Value {
	obj, attr := n.ChildByFieldName("object"), s.file.Text(n.ChildByFieldName("attribute"))
	if obj == nil {
		return Value{}
	}
	if d := s.Resolve(obj); d.Module != nil || d.Class != nil {
		return s.file.defValue(d.member(attr))
	} else if d.Qualified != "" {
		return libraryValue(d.Qualified + "." + attr)
	}
	if c := s.ValueOf(obj).Class; c != nil {
		return c.AttrValue(attr)
	}
	if p := s.file.project; p != nil {
		if key := sharedAttrKey(s.file, n); key != "" {
			return p.sharedValue(key)
		}
	}
	return Value{}
}

// subscriptValue evaluates NAME[key]: an entry of a dict display or of a
// subscript store (CLIENTS["ddb"] = boto3.client("dynamodb")), here or in
// the module NAME is imported from.
func (s *Scope) subscriptValue(n *pyast.Node) Value {
	obj := n.ChildByFieldName("value")
	if q := s.file.Qualified(obj); q == "django.core.cache.caches" {
		return Value{Kind: Cache} // caches["ratelimit"]
	}
	key, ok := s.Constant(n.ChildByFieldName("subscript"))
	if !ok || obj == nil || obj.Type() != "identifier" {
		return Value{}
	}
	store := s.file.Text(obj) + "[" + key + "]"
	if b, sc := s.lookup(store, n.StartByte()); b != nil {
		return sc.bindingValue(b, store)
	}
	d := s.Resolve(obj)
	if d.Node == nil {
		return Value{}
	}
	if dict, ok := d.Scope.Dict(d.Node); ok && dict[key] != nil {
		return d.Scope.ValueOf(dict[key])
	}
	if b := d.Scope.lookupLast(d.Name + "[" + key + "]"); b != nil && d.Scope != s {
		return d.Scope.bindingValue(b, d.Name+"["+key+"]")
	}
	return Value{}
}

func (s *Scope) callValue(call *pyast.Node) Value {
	fn := call.ChildByFieldName("function")
	args := call.ChildByFieldName("arguments")
	if fn == nil {
		return Value{}
	}
	switch q := s.file.Qualified(fn); q {
	case "boto3.client", "boto3.session.Session.client", "aioboto3.client":
		if firstString(s, args) == "dynamodb" {
			return Value{Kind: DynamoClient}
		}
		return Value{}
	case "boto3.resource", "aioboto3.resource":
		if firstString(s, args) == "dynamodb" {
			return Value{Kind: DynamoResource}
		}
		return Value{}
	case "boto3.Session", "boto3.session.Session", "aioboto3.Session", "aioboto3.session.Session":
		return Value{Kind: DynamoSession}
	case "redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url", "redis.StrictRedis.from_url",
		"redis.asyncio.Redis", "redis.asyncio.StrictRedis", "redis.asyncio.from_url", "redis.asyncio.Redis.from_url",
		"redis.client.Redis", "redis.asyncio.client.Redis",
		"redis.cluster.RedisCluster", "redis.asyncio.cluster.RedisCluster", "redis.RedisCluster", "redis.asyncio.RedisCluster",
		"aioredis.from_url", "aioredis.Redis", "aioredis.create_redis_pool",
		"valkey.Valkey", "valkey.StrictValkey", "valkey.Redis", "valkey.from_url", "valkey.Valkey.from_url",
		"valkey.asyncio.Valkey", "valkey.asyncio.from_url", "valkey.asyncio.Valkey.from_url", "valkey.cluster.ValkeyCluster":
		return Value{Kind: Redis}
	case "psycopg.connect", "psycopg2.connect", "psycopg.Connection.connect", "psycopg.AsyncConnection.connect", "asyncpg.connect":
		return Value{Kind: SQLConn}
	case "asyncpg.create_pool", "psycopg_pool.ConnectionPool", "psycopg_pool.AsyncConnectionPool", "psycopg2.pool.SimpleConnectionPool", "psycopg2.pool.ThreadedConnectionPool":
		return Value{Kind: SQLPool}
	case "sqlalchemy.create_engine", "sqlalchemy.ext.asyncio.create_async_engine":
		return Value{Kind: SQLEngine}
	case "sqlalchemy.orm.sessionmaker", "sqlalchemy.ext.asyncio.async_sessionmaker", "sqlalchemy.orm.scoped_session":
		return Value{Kind: SQLSessionMaker}
	case "sqlalchemy.orm.Session", "sqlalchemy.ext.asyncio.AsyncSession", "sqlmodel.Session":
		return Value{Kind: SQLSession}
	}
	if q := s.file.Qualified(fn); cacheTypes[q] {
		return Value{Kind: Cache}
	}
	if fn.Type() == "identifier" && s.KindOf(fn) == SQLSessionMaker {
		return Value{Kind: SQLSession}
	}
	if d := s.Resolve(fn); d.Func != nil || d.Class != nil {
		if d.Class != nil {
			return Value{Kind: d.Class.ClientKind(), Class: d.Class}
		}
		return d.Func.ReturnValue()
	} else if d.Qualified != "" && s.file.declaresMethodsOf(d.Qualified) {
		return Value{Ext: d.Qualified} // acme.store.Counter(...), whose incr is declared
	}
	if fn.Type() != "attribute" {
		return Value{}
	}
	obj := fn.ChildByFieldName("object")
	recvVal := s.ValueOf(obj)
	method := s.file.Text(fn.ChildByFieldName("attribute"))
	if c := recvVal.Class; c != nil {
		if m := c.Method(method); m != nil {
			return m.ReturnValue()
		}
	}
	recv := recvVal.Kind
	switch {
	case recv == DynamoSession && method == "client" && firstString(s, args) == "dynamodb":
		return Value{Kind: DynamoClient}
	case recv == DynamoSession && method == "resource" && firstString(s, args) == "dynamodb":
		return Value{Kind: DynamoResource}
	case recv == DynamoResource && method == "Table":
		return Value{Kind: DynamoTable}
	case recv == Redis && method == "pipeline":
		return Value{Kind: RedisPipeline}
	case recv == RedisPipeline && method != "execute" && method != "reset" && method != "watch" && method != "unwatch":
		return Value{Kind: RedisPipeline} // pipe.incr(k).expire(k, 60): commands chain
	case recv == Redis && method == "lock":
		return Value{Kind: RedisLock}
	case recv == Redis && method == "register_script":
		return Value{Kind: RedisScript}
	case (recv == SQLConn || recv == SQLPool) && method == "cursor":
		return Value{Kind: SQLCursor}
	case recv == SQLPool && (method == "acquire" || method == "connection" || method == "getconn"):
		return Value{Kind: SQLConn}
	case recv == SQLEngine && (method == "connect" || method == "begin"):
		return Value{Kind: SQLConn}
	case recv == SQLSessionMaker && method == "begin":
		return Value{Kind: SQLSession}
	case recv == SQLSession && (method == "begin" || method == "begin_nested"):
		return Value{Kind: SQLSession}
	case recv == SQLConn && (method == "begin" || method == "transaction"):
		return Value{Kind: SQLConn}
	}
	return Value{}
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
