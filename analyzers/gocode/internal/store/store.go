// Package store recognises calls into the counter stores rlcheck knows
// (DynamoDB, SQL, Redis) from type information: the package path of the
// called function or method, and for DynamoDB the type of the input
// argument, so that interfaces and wrappers with the SDK's signature are
// recognised as well. When the SDK did not load (dependencies missing from
// the module cache), the receiver's type is read from its declaration and
// the import path. Calls of the module's own functions that wrap one store
// operation (a Storage method implemented with go-redis) are recognised
// through the summaries the context of the function provides (Wrappers).
package store

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
)

// Kind is a counter store.
type Kind int

// Counter stores.
const (
	DynamoDB Kind = iota + 1
	SQL
	Redis
)

// Call is a recognised datastore call.
type Call struct {
	Expr *ast.CallExpr
	Func *types.Func // nil when the callee's package did not load
	Kind Kind
	// Op is the operation: for DynamoDB the API name without the
	// WithContext suffix ("UpdateItem"); for SQL the method name
	// ("Exec", "QueryRow", "Get", "Raw"); for Redis the command method
	// ("Incr", "Get", "Watch").
	Op string
	// Input is DynamoDB's input argument (&dynamodb.UpdateItemInput{...}).
	Input ast.Expr
	// Query is the SQL text argument; Params are the bind arguments after it.
	// For a wrapper, Query is nil, SQL holds the text it runs and Params
	// the call's arguments that the wrapper binds (nil where it binds
	// something else).
	Query  ast.Expr
	SQL    string
	Params []ast.Expr
	// Args are a Redis command's arguments, its key first: after the
	// context (go-redis v8, v9) and the command name (redigo). For a
	// wrapper, only the key, when the wrapper takes it as a parameter.
	Args []ast.Expr
	// Via is set when the call runs the operation through a function of
	// the module (Expr calls it); nil for a call of the SDK itself.
	Via *Wrapper
	// Reply is set when the call returns the command's reply and error
	// itself (redigo's conn.Do), not a command object (go-redis).
	Reply bool
}

// SQLText returns the SQL text of a SQL call when it is known: the
// constant Query, or the text a wrapper or a gorm chain runs.
func (c *Call) SQLText(f *flow.Func) (string, bool) {
	if c.SQL != "" {
		return c.SQL, true
	}
	if c.Query == nil {
		return "", false
	}
	return f.ConstString(c.Query)
}

// Key returns the key argument of a Redis command (nil for scripts and
// other stores).
func (c *Call) Key() ast.Expr {
	if c.Kind != Redis || len(c.Args) == 0 || c.Op == "Eval" || c.Op == "EvalSha" {
		return nil
	}
	return c.Args[0]
}

const (
	ddbV1 = "github.com/aws/aws-sdk-go/service/dynamodb"
	ddbV2 = "github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

var sqlPkgs = map[string]bool{
	"database/sql":                    true,
	"github.com/jackc/pgx/v5":         true,
	"github.com/jackc/pgx/v5/pgxpool": true,
	"github.com/jackc/pgx/v4":         true,
	"github.com/jackc/pgx/v4/pgxpool": true,
	"github.com/jmoiron/sqlx":         true,
	"gorm.io/gorm":                    true,
	"github.com/jinzhu/gorm":          true,
}

// sqlMethods are the methods that take SQL text.
var sqlMethods = map[string]bool{
	"Exec": true, "ExecContext": true, "Query": true, "QueryContext": true,
	"QueryRow": true, "QueryRowContext": true, "MustExec": true,
	"MustExecContext": true, "Get": true, "GetContext": true, "Select": true,
	"SelectContext": true, "Queryx": true, "QueryxContext": true,
	"QueryRowx": true, "QueryRowxContext": true, "NamedExec": true,
	"NamedExecContext": true, "Raw": true,
}

// ifaceSQLMethods are the methods recognised on any interface with a string
// parameter (sqlc's DBTX and similar wrappers of database/sql and pgx); the
// SQL text must still parse for a rule to use it.
var ifaceSQLMethods = map[string]bool{
	"Exec": true, "ExecContext": true, "Query": true, "QueryContext": true,
	"QueryRow": true, "QueryRowContext": true,
}

// Classify returns the datastore call that call is, or nil: a call of a
// wrapper the configuration declares, of a recognised SDK, or of a
// function of the module that wraps one store operation (when f's
// context knows its summary).
func Classify(f *flow.Func, call *ast.CallExpr) *Call {
	info := f.Info
	fn := flow.Callee(info, call)
	if fn == nil {
		if c := declaredUnloaded(f, call); c != nil {
			return c
		}
		if c := classifyUnloaded(f, call); c != nil {
			return c
		}
		return wrapped(f, call)
	}
	if fn.Pkg() == nil {
		return nil
	}
	if c := declaredCall(f, call, fn); c != nil {
		return c
	}
	if c := classifyDynamo(info, call, fn); c != nil {
		return c
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return nil
	}
	path := fn.Pkg().Path()
	switch {
	case redigoPkgs[path]:
		return classifyRedigo(f, call, fn.Name())
	case sig.Recv() == nil:
	case redisPkgs[path]:
		return &Call{Expr: call, Func: fn, Kind: Redis, Op: fn.Name(), Args: redisArgs(info, call, hasContext(sig))}
	case gormPkgs[path] && gormOps[fn.Name()]:
		return classifyGorm(f, call, fn.Name())
	case sqlPkgs[path] && sqlMethods[fn.Name()]:
		return classifySQL(call, fn, sig)
	}
	if c := wrapped(f, call); c != nil {
		return c
	}
	if sig.Recv() != nil && isInterfaceMethod(sig) && ifaceSQLMethods[fn.Name()] {
		return classifySQL(call, fn, sig)
	}
	return nil
}

// hasContext reports whether a signature's first parameter is a
// context.Context.
func hasContext(sig *types.Signature) bool {
	return sig.Params().Len() > 0 && isContext(sig.Params().At(0).Type())
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// redisArgs returns a go-redis command's arguments after the context.
func redisArgs(info *types.Info, call *ast.CallExpr, ctx bool) []ast.Expr {
	if ctx && len(call.Args) > 0 {
		return call.Args[1:]
	}
	return call.Args
}

// classifyDynamo recognises X(input) and XWithContext(ctx, input) whose
// input argument is *dynamodb.XInput of either SDK.
func classifyDynamo(info *types.Info, call *ast.CallExpr, fn *types.Func) *Call {
	op := strings.TrimSuffix(fn.Name(), "WithContext")
	for _, a := range call.Args {
		t := info.TypeOf(a)
		if t == nil {
			continue
		}
		ptr, ok := t.(*types.Pointer)
		if !ok {
			continue
		}
		named, ok := ptr.Elem().(*types.Named)
		if !ok || named.Obj().Pkg() == nil {
			continue
		}
		p := named.Obj().Pkg().Path()
		if (p == ddbV1 || p == ddbV2) && named.Obj().Name() == op+"Input" {
			return &Call{Expr: call, Func: fn, Kind: DynamoDB, Op: op, Input: a}
		}
	}
	return nil
}

// classifyUnloaded recognises calls whose client type did not load (the
// SDK is missing from the module cache). DynamoDB: svc.X(ctx,
// &dynamodb.XInput{...}) with the input literal's package known by its
// import path. Redis and SQL: a method of the client the receiver is
// declared with (var rdb *redis.Client, a struct field, redis.NewClient's
// result), known by its import path. Func is nil.
func classifyUnloaded(f *flow.Func, call *ast.CallExpr) *Call {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if c := unloadedClient(f, call, sel); c != nil {
		return c
	}
	op := strings.TrimSuffix(sel.Sel.Name, "WithContext")
	for _, a := range call.Args {
		e := ast.Unparen(a)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		lit, ok := e.(*ast.CompositeLit)
		if !ok {
			continue
		}
		typ, ok := lit.Type.(*ast.SelectorExpr)
		if !ok || typ.Sel.Name != op+"Input" {
			continue
		}
		if p := f.ImportPath(typ); p == ddbV1 || p == ddbV2 {
			return &Call{Expr: call, Kind: DynamoDB, Op: op, Input: a}
		}
	}
	return nil
}

// classifySQL finds the SQL text: the first parameter of type string.
func classifySQL(call *ast.CallExpr, fn *types.Func, sig *types.Signature) *Call {
	params := sig.Params()
	for i := 0; i < params.Len() && i < len(call.Args); i++ {
		b, ok := params.At(i).Type().Underlying().(*types.Basic)
		if !ok || b.Kind() != types.String {
			continue
		}
		return &Call{Expr: call, Func: fn, Kind: SQL, Op: fn.Name(), Query: call.Args[i], Params: call.Args[i+1:]}
	}
	return nil
}

func isInterfaceMethod(sig *types.Signature) bool {
	_, ok := sig.Recv().Type().Underlying().(*types.Interface)
	return ok
}

// Input is a DynamoDB input struct as the function builds it: the fields
// of its composite literal and the later assignments to them.
type Input struct {
	Lit *ast.CompositeLit
	// Fields maps a field name to the values given to it.
	Fields map[string][]ast.Expr
}

// ResolveInput follows e (&T{...}, T{...}, a local variable holding one,
// or &v of such a variable) to the input's literal. It returns nil when
// the input is built out of sight (a parameter, a helper's result), so
// that callers do not guess.
func ResolveInput(f *flow.Func, e ast.Expr) *Input {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if lit, ok := e.(*ast.CompositeLit); ok {
		return literalInput(lit)
	}
	obj := f.Object(e)
	if obj == nil {
		return nil
	}
	defs := f.Defs(obj)
	if len(defs) != 1 {
		return nil
	}
	d := ast.Unparen(defs[0])
	if u, ok := d.(*ast.UnaryExpr); ok && u.Op == token.AND {
		d = ast.Unparen(u.X)
	}
	lit, ok := d.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	in := literalInput(lit)
	for _, name := range fieldNames(f, lit) {
		in.Fields[name] = append(in.Fields[name], f.FieldSets(obj, name)...)
	}
	return in
}

func literalInput(lit *ast.CompositeLit) *Input {
	in := &Input{Lit: lit, Fields: make(map[string][]ast.Expr)}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if id, ok := kv.Key.(*ast.Ident); ok {
			in.Fields[id.Name] = append(in.Fields[id.Name], kv.Value)
		}
	}
	return in
}

// fieldNames lists the fields of the literal's struct type.
func fieldNames(f *flow.Func, lit *ast.CompositeLit) []string {
	t := f.Info.TypeOf(lit)
	if t == nil {
		return nil
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	names := make([]string, st.NumFields())
	for i := range names {
		names[i] = st.Field(i).Name()
	}
	return names
}

// Set reports whether the input gives field a value other than nil.
func (in *Input) Set(field string) bool {
	for _, v := range in.Fields[field] {
		if id, ok := ast.Unparen(v).(*ast.Ident); ok && id.Name == "nil" {
			continue
		}
		return true
	}
	return false
}

// One returns the field's value when it is given exactly once.
func (in *Input) One(field string) ast.Expr {
	if vs := in.Fields[field]; len(vs) == 1 {
		return vs[0]
	}
	return nil
}
