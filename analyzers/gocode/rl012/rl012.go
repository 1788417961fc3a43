package rl012

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/sqltext"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl001"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL012"

// Analyzer reports the READ COMMITTED setting of a transaction that reads
// and then writes a counter with nothing else protecting the pair.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

const (
	sqlPkg = "database/sql"
	pgxV4  = "github.com/jackc/pgx/v4"
	pgxV5  = "github.com/jackc/pgx/v5"
)

// setting is a weak isolation level given to a transaction or connection.
type setting struct {
	at    ast.Node // where it is set: the Isolation field, the SET statement
	level string   // "READ COMMITTED" or "READ UNCOMMITTED"
	// api is the package whose options set it (sqlPkg, pgxV4, pgxV5), ""
	// for a SQL statement.
	api string
	// after is the end of a SET TRANSACTION statement: the level holds for
	// the statements run after it. token.NoPos for a transaction begun
	// with the level.
	after token.Pos
}

func run(pass *analysis.Pass) (any, error) {
	c := newChecker(pass)
	for _, fn := range c.res.Funcs() {
		for _, p := range rl001.Pairs(fn) {
			if p.Read.Kind == store.SQL && p.Write.Kind == store.SQL {
				c.check(fn, p)
			}
		}
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	res  *summary.Result
	weak map[*summary.Func]map[types.Object]*setting
	done map[ast.Node]bool // settings reported
	// otherDriver is set when the package imports a SQL driver for a
	// store other than PostgreSQL (MySQL, SQLite, SQL Server), directly or
	// through its dependencies, or opens one by name.
	otherDriver bool
}

func newChecker(pass *analysis.Pass) *checker {
	c := &checker{
		pass: pass,
		res:  summary.Of(pass),
		weak: make(map[*summary.Func]map[types.Object]*setting),
		done: make(map[ast.Node]bool),
	}
	c.otherDriver = otherDriver(pass)
	return c
}

// check reports the weak setting the pair's transaction runs under: one
// made in fn on the handle both operations run on, or, when they run on a
// parameter of fn, one made by a caller of the package on the handle it
// passes there.
func (c *checker) check(fn *summary.Func, p rl001.Pair) {
	f := fn.Flow
	weak := c.weakHandles(fn)
	if s := sameSetting(runsOn(f, p.ReadAt, weak), runsOn(f, p.WriteAt, weak)); s != nil {
		c.report(s, p, nil)
		return
	}
	i := handleParam(fn, p)
	if i < 0 || fn.Obj == nil {
		return
	}
	for _, g := range c.res.Funcs() {
		ast.Inspect(g.Decl.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || i >= len(call.Args) || !calls(g.Flow, call, fn.Obj) {
				return true
			}
			if s := handleSetting(g.Flow, call, call.Args[i], c.weakHandles(g)); s != nil {
				c.report(s, p, call)
			}
			return true
		})
	}
}

func calls(f *flow.Func, call *ast.CallExpr, fn *types.Func) bool {
	for _, callee := range f.Callees(call) {
		if callee == fn {
			return true
		}
	}
	return false
}

func sameSetting(a, b *setting) *setting {
	if a != nil && a == b {
		return a
	}
	return nil
}

// report reports s for the pair p, once per setting; via is the call that
// passes the transaction to the function holding the pair, nil when the
// pair is where the transaction begins.
func (c *checker) report(s *setting, p rl001.Pair, via *ast.CallExpr) {
	if c.done[s.at] || !c.postgres(s, p) {
		return
	}
	c.done[s.at] = true
	var related []analysis.RelatedInformation
	if via == nil && p.Read.Via == nil && p.Write.Via == nil {
		related = []analysis.RelatedInformation{diag.Related(p.ReadAt, "the count is read here"), diag.Related(p.WriteAt, "and written here")}
	} else {
		if via != nil {
			related = append(related, diag.Step(via, "the transaction is passed to "+diag.FuncName(flow.Callee(c.pass.TypesInfo, via))+" here"))
		}
		related = append(related, rl001.Steps(p.Read, p.ReadAt, "the count is read")...)
		related = append(related, rl001.Steps(p.Write, p.WriteAt, "the count is written")...)
	}
	diag.Report(c.pass, id, rules.Medium, s.at, message(s, p), related...)
}

// message says what the setting lets happen and the fix. A count of rows
// followed by an INSERT is a phantom that REPEATABLE READ does not stop
// (both transactions insert a new row after the same count), and no row
// is there to lock: only SERIALIZABLE or a lock on the key helps.
func message(s *setting, p rl001.Pair) string {
	serializable, repeatable := "SERIALIZABLE", "REPEATABLE READ"
	switch s.api {
	case sqlPkg:
		serializable, repeatable = "sql.LevelSerializable", "sql.LevelRepeatableRead"
	case pgxV4, pgxV5:
		serializable, repeatable = "pgx.Serializable", "pgx.RepeatableRead"
	}
	const head = "this transaction runs at "
	if p.WriteStmt != nil && p.WriteStmt.Kind == sqlfacts.Insert {
		return head + s.level + ", which lets the count read below and the insert after it interleave with other requests': both count the same rows, both pass, and both insert; run it at " + serializable + " (" + repeatable + " does not stop two inserts after the same count), or take a transaction-level advisory lock on the key (pg_advisory_xact_lock) before counting"
	}
	return head + s.level + ", which lets the counter's read and write below interleave with other requests': both read the same count, both pass, and the later write wins; run it at " + serializable + " (or " + repeatable + "), lock the row with SELECT ... FOR UPDATE, or increment in one statement (UPDATE ... SET n = n + 1 WHERE n < $limit RETURNING n)"
}

// weakHandles returns the transactions and connections of fn that run at
// a weak isolation level, with the setting of each: the result of a call
// given weak options (db.BeginTx(ctx, &sql.TxOptions{...}), gorm's
// db.Begin(opts)), the transaction parameter of a function run in a
// transaction begun with them (gorm's db.Transaction(func(tx) {...},
// opts), pgx.BeginTxFunc), a handle that ran SET TRANSACTION ISOLATION
// LEVEL READ COMMITTED, and the handles derived from those (sqlc's
// q.WithTx(tx)).
func (c *checker) weakHandles(fn *summary.Func) map[types.Object]*setting {
	if w, ok := c.weak[fn]; ok {
		return w
	}
	f, parents := fn.Flow, fn.Parents()
	weak := make(map[types.Object]*setting)
	mark := func(obj types.Object, s *setting) {
		if obj != nil && isHandle(obj.Type()) && weak[obj] == nil {
			weak[obj] = s
		}
	}
	ast.Inspect(fn.Decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if s := c.setStatement(f, call); s != nil {
			for _, h := range handles(f, call) {
				mark(h, s)
			}
			return true
		}
		var s *setting
		for _, a := range call.Args {
			if s = c.options(f, a, 0); s != nil {
				break
			}
			// A level given on its own to the module's transaction
			// helper: Tx(ctx, func(tx PgTx) {...}, pgx.ReadCommitted).
			if l, api := level(f, a); l != "" {
				s = &setting{at: a, level: l, api: api}
				break
			}
		}
		if s == nil {
			return true
		}
		ran := false
		for _, a := range call.Args {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
				ran = true
				for _, field := range lit.Type.Params.List {
					for _, name := range field.Names {
						mark(f.Info.Defs[name], s)
					}
				}
			}
		}
		if !ran {
			switch p := parents[call].(type) {
			case *ast.AssignStmt:
				if len(p.Rhs) == 1 && len(p.Lhs) > 0 {
					mark(f.Object(p.Lhs[0]), s)
				}
			case *ast.ValueSpec:
				if len(p.Values) == 1 && len(p.Names) > 0 {
					mark(f.Object(p.Names[0]), s)
				}
			}
		}
		return true
	})
	// Handles built from a weak one run in its transaction: t := tx,
	// q := queries.WithTx(tx). A record loaded through it (tx.First(&c))
	// is no handle.
	for changed := true; changed; {
		changed = false
		for _, v := range f.Vars() {
			if weak[v] != nil || !isHandle(v.Type()) {
				continue
			}
			for _, d := range f.Defs(v) {
				if s := builtFrom(f, v, d, weak); s != nil {
					mark(v, s)
					changed = true
					break
				}
			}
		}
	}
	c.weak[fn] = weak
	return weak
}

// takesAddr reports whether call is given &v.
func takesAddr(f *flow.Func, call *ast.CallExpr, v types.Object) bool {
	for _, a := range call.Args {
		if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND && f.Object(u.X) == v {
			return true
		}
	}
	return false
}

// builtFrom returns the setting of the weak handle that d, a definition of
// v, builds v from: the handle itself, or a call on it or given it, unless
// the call only loads into &v.
func builtFrom(f *flow.Func, v types.Object, d ast.Expr, weak map[types.Object]*setting) *setting {
	if call, ok := ast.Unparen(d).(*ast.CallExpr); ok && takesAddr(f, call, v) {
		return nil
	}
	for _, h := range handles(f, d) {
		if s := weak[h]; s != nil && !s.after.IsValid() {
			return s
		}
	}
	return nil
}

// setStatement returns the setting of a SQL call that runs SET
// TRANSACTION (or SET SESSION CHARACTERISTICS AS TRANSACTION, or BEGIN)
// ISOLATION LEVEL READ COMMITTED or READ UNCOMMITTED.
func (c *checker) setStatement(f *flow.Func, call *ast.CallExpr) *setting {
	sc := store.Classify(f, call)
	if sc == nil || sc.Kind != store.SQL {
		return nil
	}
	for _, st := range sqltext.Statements(f, sc) {
		if st.Kind != sqlfacts.SetTransaction && st.Kind != sqlfacts.Begin {
			continue
		}
		if level := weakLevel(st.Isolation); level != "" {
			return &setting{at: call, level: level, after: call.End()}
		}
	}
	return nil
}

// runsOn returns the setting of the weak handle the operation at node (a
// call) runs on: its receiver, or a handle passed to it (a repository
// method given the transaction).
func runsOn(f *flow.Func, node ast.Node, weak map[types.Object]*setting) *setting {
	call, ok := node.(*ast.CallExpr)
	if !ok {
		return nil
	}
	return handleSetting(f, call, call, weak)
}

// handleSetting returns the setting of a weak handle that e runs on
// (handles), when it holds where call runs.
func handleSetting(f *flow.Func, call *ast.CallExpr, e ast.Expr, weak map[types.Object]*setting) *setting {
	for _, h := range handles(f, e) {
		if s := weak[h]; s != nil && (!s.after.IsValid() || call.Pos() > s.after) {
			return s
		}
	}
	return nil
}

// handles returns the local variables that e runs on or is built from:
// the root of a method chain (tx of tx.Model(&c).Where(...).Update), and
// the handles given to the calls along it (tx of q.WithTx(tx).Get).
// Fields are not followed (s.db).
func handles(f *flow.Func, e ast.Expr) []types.Object {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		if obj := f.Object(x); obj != nil && isHandle(obj.Type()) {
			return []types.Object{obj}
		}
	case *ast.SelectorExpr:
		if sel := f.Info.Selections[x]; sel == nil || sel.Kind() != types.FieldVal {
			return handles(f, x.X)
		}
	case *ast.CallExpr:
		out := handles(f, x.Fun)
		for _, a := range x.Args {
			out = append(out, handles(f, a)...)
		}
		return out
	}
	return nil
}

// handleParam returns the index of the parameter of fn that both
// operations of the pair run on, -1 when there is none.
func handleParam(fn *summary.Func, p rl001.Pair) int {
	i := 0
	for _, field := range fn.Decl.Type.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, name := range field.Names {
			if obj := fn.Flow.Info.Defs[name]; obj != nil && isHandle(obj.Type()) {
				w := map[types.Object]*setting{obj: {}}
				if r := runsOn(fn.Flow, p.ReadAt, w); r != nil && r == runsOn(fn.Flow, p.WriteAt, w) {
					return i
				}
			}
			i++
		}
	}
	return -1
}

// isHandle reports whether t can be a connection, transaction or query
// handle: not a basic type, an error or a context.
func isHandle(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, ok := t.Underlying().(*types.Basic); ok {
		return false
	}
	if types.Identical(t, types.Universe.Lookup("error").Type()) {
		return false
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" {
		return false
	}
	return true
}

// options returns the weak setting of transaction options e: a
// sql.TxOptions or pgx.TxOptions literal (or its address) that asks for
// READ COMMITTED or READ UNCOMMITTED and is not read-only, or a local or
// package-level variable holding one, or a call of a function of the
// package that returns one.
func (c *checker) options(f *flow.Func, e ast.Expr, depth int) *setting {
	if depth > 3 || e == nil {
		return nil
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch x := e.(type) {
	case *ast.CompositeLit:
		return c.literal(f, x)
	case *ast.Ident:
		obj := f.Info.Uses[x]
		v, ok := obj.(*types.Var)
		if !ok || optionsAPI(v.Type()) == "" {
			return nil
		}
		if init := c.res.VarInit(v); init != nil && v.Pkg() == c.pass.Pkg {
			return c.options(f, init, depth+1)
		}
		// opts.ReadOnly = true, opts.Isolation = ... set on the variable
		// decide over its literal.
		for _, field := range []string{"ReadOnly", "AccessMode"} {
			for _, set := range f.FieldSets(v, field) {
				if readOnly(f, set) {
					return nil
				}
			}
		}
		var s *setting
		for _, field := range []string{"Isolation", "IsoLevel"} {
			for _, set := range f.FieldSets(v, field) {
				l, _ := level(f, set)
				if l == "" {
					return nil
				}
				if s == nil {
					s = &setting{at: set, level: l, api: optionsAPI(v.Type())}
				}
			}
		}
		if s != nil {
			return s
		}
		// The literal it holds; a call given &opts does not define it.
		var lit ast.Expr
		for _, d := range f.Defs(v) {
			if call, ok := d.(*ast.CallExpr); ok && takesAddr(f, call, v) {
				continue
			}
			if lit != nil {
				return nil
			}
			lit = d
		}
		return c.options(f, lit, depth+1)
	case *ast.CallExpr:
		api := optionsAPI(f.Info.TypeOf(x))
		if api == "" {
			return nil
		}
		if len(x.Args) > 0 {
			// txOptions(pgx.ReadCommitted): options built from the level.
			for _, a := range x.Args {
				if l, _ := level(f, a); l != "" {
					return &setting{at: a, level: l, api: api}
				}
			}
			return nil
		}
		callee := flow.Callee(f.Info, x)
		g := c.res.Lookup(callee)
		if g == nil || callee.Pkg() != c.pass.Pkg {
			return nil
		}
		var s *setting
		all := true
		ast.Inspect(g.Decl.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				var r *setting
				if len(n.Results) > 0 {
					r = c.options(g.Flow, n.Results[0], depth+1)
				}
				if r == nil {
					all = false
				} else if s == nil {
					s = r
				}
			}
			return true
		})
		if all {
			return s
		}
	}
	return nil
}

// literal returns the weak setting of a TxOptions literal.
func (c *checker) literal(f *flow.Func, lit *ast.CompositeLit) *setting {
	api := optionsAPI(f.Info.TypeOf(lit))
	if api == "" {
		return nil
	}
	var s *setting
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, _ := kv.Key.(*ast.Ident)
		if key == nil {
			continue
		}
		switch key.Name {
		case "ReadOnly", "AccessMode":
			if readOnly(f, kv.Value) {
				return nil
			}
		case "Isolation", "IsoLevel":
			if l, _ := level(f, kv.Value); l != "" {
				s = &setting{at: kv, level: l, api: api}
			}
		case "BeginQuery":
			// pgx: BeginQuery: "BEGIN ISOLATION LEVEL READ COMMITTED".
			text, ok := f.ConstString(kv.Value)
			if !ok {
				continue
			}
			if facts, err := sqlfacts.Analyze(text); err == nil && facts != nil {
				for _, st := range facts.Statements {
					if l := weakLevel(st.Isolation); l != "" {
						s = &setting{at: kv, level: l, api: api}
					}
				}
			}
		}
	}
	return s
}

// optionsAPI returns the package of a sql.TxOptions or pgx.TxOptions
// type (or a pointer to one), "" for other types.
func optionsAPI(t types.Type) string {
	if t == nil {
		return ""
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Name() != "TxOptions" || n.Obj().Pkg() == nil {
		return ""
	}
	switch p := n.Obj().Pkg().Path(); p {
	case sqlPkg, pgxV4, pgxV5:
		return p
	}
	return ""
}

// level returns the weak level an isolation value names, and the package
// of its type: the constant sql.LevelReadCommitted,
// sql.LevelReadUncommitted, pgx.ReadCommitted or pgx.ReadUncommitted (or
// a constant of the module defined as one), directly or through a local
// variable always assigned one.
func level(f *flow.Func, e ast.Expr) (string, string) {
	if obj := f.Object(e); obj != nil {
		defs := f.Defs(obj)
		if len(defs) == 0 {
			return "", ""
		}
		var l, api string
		for _, d := range defs {
			if l, api = level(f, d); l == "" {
				return "", ""
			}
		}
		return l, api
	}
	tv, ok := f.Info.Types[e]
	if !ok || tv.Value == nil {
		return "", ""
	}
	n, ok := types.Unalias(tv.Type).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return "", ""
	}
	switch api := n.Obj().Pkg().Path(); api {
	case sqlPkg:
		if n.Obj().Name() != "IsolationLevel" || tv.Value.Kind() != constant.Int {
			return "", ""
		}
		// database/sql numbers the levels: LevelReadUncommitted is 1,
		// LevelReadCommitted 2.
		switch v, _ := constant.Int64Val(tv.Value); v {
		case 1:
			return "READ UNCOMMITTED", api
		case 2:
			return "READ COMMITTED", api
		}
	case pgxV4, pgxV5:
		if n.Obj().Name() == "TxIsoLevel" && tv.Value.Kind() == constant.String {
			if l := weakLevel(constant.StringVal(tv.Value)); l != "" {
				return l, api
			}
		}
	}
	return "", ""
}

// readOnly reports whether e is the constant true (sql.TxOptions'
// ReadOnly) or pgx.ReadOnly (TxOptions' AccessMode).
func readOnly(f *flow.Func, e ast.Expr) bool {
	tv, ok := f.Info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	switch tv.Value.Kind() {
	case constant.Bool:
		return constant.BoolVal(tv.Value)
	case constant.String:
		return constant.StringVal(tv.Value) == "read only"
	}
	return false
}

// weakLevel returns the level a lower-case isolation level names when it
// does not protect a read-modify-write, or "".
func weakLevel(iso string) string {
	switch strings.ToLower(iso) {
	case "read committed":
		return "READ COMMITTED"
	case "read uncommitted":
		return "READ UNCOMMITTED"
	}
	return ""
}
