package rl001

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/diag"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/dynamo"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/limitctx"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/sqltext"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/internal/sqlfacts"
	"github.com/rlcheck/rlcheck/internal/verdict"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL001"

// Analyzer reports counter reads followed by a dependent write.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
}

// op is a datastore read or write of the function.
type op struct {
	call  *store.Call
	node  ast.Node // where to report
	value []types.Object
	err   types.Object
	table string
	stmt  *sqlfacts.Statement // SQL only
	in    *store.Input        // DynamoDB only
}

func run(pass *analysis.Pass) (any, error) {
	for _, fn := range summary.Of(pass).Funcs() {
		for _, p := range Pairs(fn) {
			related := []analysis.RelatedInformation{diag.Related(p.ReadAt, "the count is read here")}
			if p.Read.Via != nil || p.Write.Via != nil {
				// Through the module's wrappers: the flow shows where
				// each operation runs.
				related = append(Steps(p.Read, p.ReadAt, "the count is read"), Steps(p.Write, p.WriteAt, "the count is written")...)
			}
			diag.Report(pass, id, rules.High, p.WriteAt, p.Why, related...)
		}
	}
	return nil, nil
}

// Pair is a counter read followed by a write that depends on it, with
// nothing in the function that makes the two atomic: what RL001 reports.
type Pair struct {
	Read, Write     *store.Call
	ReadAt, WriteAt ast.Node // the calls, where to report
	// ReadStmt and WriteStmt are the SQL statements, nil for other stores.
	ReadStmt, WriteStmt *sqlfacts.Statement
	// Why says why the write depends on the read and what to do instead.
	Why string
}

type funcFacts struct {
	sqlAtomic   bool // a lock or strong isolation protects SQL pairs
	redisAtomic bool // Lua or a lock protects Redis pairs
	// watched are the functions passed to go-redis's Watch, whose reads
	// EXEC checks; watchAt are redigo WATCH commands, after which reads
	// are watched. MULTI alone (TxPipeline, TxPipelined) protects nothing:
	// a GET before it is not part of the transaction.
	watched []ast.Node
	watchAt []token.Pos
}

// watches reports whether a read runs under WATCH.
func (ff *funcFacts) watches(read ast.Node) bool {
	for _, w := range ff.watched {
		if w.Pos() <= read.Pos() && read.End() <= w.End() {
			return true
		}
	}
	for _, p := range ff.watchAt {
		if p < read.Pos() {
			return true
		}
	}
	return false
}

// Pairs returns the pairs of fn that RL001 reports, at most one per
// write, in source order of the writes.
func Pairs(fn *summary.Func) []Pair {
	f, inLimiter, parents := fn.Flow, fn.Limit, fn.Parents()
	var reads, writes []*op
	var ff funcFacts
	ast.Inspect(f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if strongIsolation(f, n) {
				ff.sqlAtomic = true
			}
		case *ast.CallExpr:
			if fn := flow.Callee(f.Info, n); fn != nil && isLock(fn) {
				ff.redisAtomic = true
				ff.sqlAtomic = true
			}
			c := store.Classify(f, n)
			if c == nil {
				return true
			}
			switch c.Kind {
			case store.Redis:
				switch c.Op {
				case "Watch":
					if c.Reply {
						ff.watchAt = append(ff.watchAt, n.Pos())
					}
					for _, a := range n.Args {
						if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
							ff.watched = append(ff.watched, lit)
						}
					}
				case "Eval", "EvalSha", "EvalRO", "EvalShaRO", "Run", "SetNX":
					ff.redisAtomic = true
				case "Get", "HGet", "HGetAll", "ZCard", "LLen":
					reads = append(reads, redisRead(f, parents, c))
				case "Set", "Incr", "IncrBy", "HSet", "HIncrBy", "Decr", "DecrBy":
					writes = append(writes, &op{call: c, node: n, table: redisKey(c)})
				}
			case store.DynamoDB:
				in := store.ResolveInput(f, c.Input)
				o := &op{call: c, node: n, in: in}
				if in != nil {
					o.table = tableName(f, in.One("TableName"))
				}
				switch c.Op {
				case "GetItem", "Query":
					o.value, o.err = results(f, parents, n)
					reads = append(reads, o)
				case "PutItem", "UpdateItem":
					writes = append(writes, o)
				}
			case store.SQL:
				for _, st := range sqltext.Statements(f, c) {
					o := &op{call: c, node: n, stmt: st, table: st.Table}
					switch {
					case st.Kind == sqlfacts.LockTable || st.AdvisoryLock:
						ff.sqlAtomic = true
					case st.Isolation == "serializable" || st.Isolation == "repeatable read":
						ff.sqlAtomic = true
					case st.Kind == sqlfacts.Select:
						if st.ForUpdate {
							continue
						}
						o.value, o.err = sqlResults(f, parents, c)
						reads = append(reads, o)
					case st.Kind == sqlfacts.Update || st.Kind == sqlfacts.Upsert || st.Kind == sqlfacts.Insert:
						writes = append(writes, o)
					}
				}
			}
		}
		return true
	})
	var out []Pair
	for _, w := range writes {
		if w.call.Kind == store.SQL && ff.sqlAtomic || w.call.Kind == store.Redis && ff.redisAtomic {
			continue
		}
		for _, r := range reads {
			if r.call.Kind != w.call.Kind || r.node.Pos() >= w.node.Pos() || len(r.value) == 0 {
				continue
			}
			if r.call.Kind == store.Redis && ff.watches(r.node) {
				continue
			}
			if r.table != w.table {
				continue
			}
			if !inLimiter && !limitctx.Text(opText(f, r)) && !limitctx.Text(opText(f, w)) && guardedBy(f, parents, w.node, r, f.DerivedFrom(r.value...)) < zeroGuard {
				// Neither a counter nor limiter code: a plain
				// read-modify-write is not this rule's business.
				continue
			}
			if why := pair(f, parents, r, w); why != "" {
				out = append(out, Pair{Read: r.call, Write: w.call, ReadAt: r.node, WriteAt: w.node, ReadStmt: r.stmt, WriteStmt: w.stmt, Why: why})
				break
			}
		}
	}
	return out
}

// pair says why the write w depends on the read r, or "" when it does not
// or the write is made safe on its own.
func pair(f *flow.Func, parents map[ast.Node]ast.Node, r, w *op) string {
	derived := f.DerivedFrom(r.value...)
	guard := guardedBy(f, parents, w.node, r, derived)
	switch w.call.Kind {
	case store.DynamoDB:
		if w.in == nil || w.in.Set("ConditionExpression") || w.in.Set("Expected") {
			return ""
		}
		if w.call.Op == "PutItem" {
			if item := w.in.One("Item"); guard != noGuard || item != nil && f.Mentions(item, derived) {
				return "PutItem writes the counter item after reading it with " + r.call.Op + " and nothing makes the pair atomic, so concurrent requests read the same count and all pass; use one UpdateItem with ADD and a ConditionExpression such as n < :limit (or a version condition on the write)"
			}
			return ""
		}
		if values, ok := dynamo.MapEntries(f, w.in, "ExpressionAttributeValues"); ok {
			sets := dynamo.PlainSets(f, w.in)
			phs := make([]string, 0, len(sets))
			for ph := range sets {
				phs = append(phs, ph)
			}
			sort.Strings(phs)
			for _, ph := range phs {
				attr := sets[ph]
				if v := values[ph]; v != nil && f.Mentions(v, derived) {
					return "UpdateItem sets " + attr + " to a value computed from the " + r.call.Op + " read and nothing makes the pair atomic, so concurrent requests overwrite each other's counts; use ADD (or SET n = n + :inc) with a ConditionExpression such as n < :limit"
				}
			}
		}
		if guard >= zeroGuard {
			return "UpdateItem increments the counter only if the value read by " + r.call.Op + " was under the limit, with no ConditionExpression, so concurrent requests all pass the check; move the limit into the update's ConditionExpression (n < :limit)"
		}
	case store.SQL:
		st := w.stmt
		if len(st.Guards) > 0 || keyFromRead(f, w, derived) {
			return ""
		}
		if paramFromRead(f, w, derived) {
			return strings.ToUpper(kindWord(st.Kind)) + " writes a value computed from the SELECT before it and nothing makes the pair atomic, so concurrent requests overwrite each other's counts; increment in place (SET n = n + 1 ... WHERE n < $limit RETURNING n), or SELECT ... FOR UPDATE, or run the pair at SERIALIZABLE"
		}
		// An INSERT after a test of whether the count found anything is an
		// existence check, which a key constraint settles.
		if len(st.Increments) > 0 && guard >= zeroGuard || st.Kind == sqlfacts.Insert && guard == limitGuard {
			return strings.ToUpper(kindWord(st.Kind)) + " runs only if the count read by the SELECT before it was under the limit and nothing makes the pair atomic, so concurrent requests all pass the check; make the write conditional (UPDATE ... SET n = n + 1 WHERE n < $limit RETURNING n), or SELECT ... FOR UPDATE, or run the pair at SERIALIZABLE"
		}
	case store.Redis:
		if (guard != noGuard || writeArgMentions(w, f, derived)) && (r.call.Declared() || w.call.Declared()) {
			return opName(w.call, w.call.Op) + " runs on a decision taken from the read by " + opName(r.call, strings.ToUpper(r.call.Op)) + " before it and nothing makes the pair atomic, so concurrent requests all pass the check; increment first and decide on the count the increment returns (a wrapper declared as increment, or INCR), or make the pair atomic in the store"
		}
		if guard != noGuard || writeArgMentions(w, f, derived) {
			return w.call.Op + " runs on a decision taken from the " + strings.ToUpper(r.call.Op) + " before it and nothing makes the pair atomic, so concurrent requests all pass the check; INCR first and decide on the value it returns, or use a Lua script or WATCH/MULTI"
		}
	}
	return ""
}

// opName names an operation for a message: the wrapper called (a
// declared one, or one of the module around it), or the command (what).
func opName(c *store.Call, what string) string {
	if c.Declared() {
		return diag.WrapperName(c.Via)
	}
	return what
}

// Steps returns the flow steps of an operation made at node, described
// by what ("the count is read"): through its wrappers, or the call itself.
func Steps(c *store.Call, node ast.Node, what string) []analysis.RelatedInformation {
	if steps := diag.Through(c, what); steps != nil {
		return steps
	}
	return []analysis.RelatedInformation{diag.Step(node, what+" here")}
}

func kindWord(k sqlfacts.Kind) string {
	switch k {
	case sqlfacts.Update:
		return "update"
	case sqlfacts.Upsert:
		return "upsert"
	case sqlfacts.Insert:
		return "insert"
	}
	return "the write"
}

func writeArgMentions(w *op, f *flow.Func, derived map[types.Object]bool) bool {
	for _, a := range w.call.Expr.Args {
		if f.Mentions(a, derived) {
			return true
		}
	}
	return false
}

type guardKind int

const (
	noGuard guardKind = iota
	existenceGuard
	// zeroGuard compares the read with zero: a balance check (tokens <= 0)
	// before a decrement, or a test of whether a count found any rows
	// (count > 0) before an insert.
	zeroGuard
	limitGuard
)

// guardedBy reports whether the write only runs depending on the read: it
// sits in an if whose condition uses the read, or follows such an if whose
// body leaves the function (the early return of a limit check).
func guardedBy(f *flow.Func, parents map[ast.Node]ast.Node, write ast.Node, r *op, derived map[types.Object]bool) guardKind {
	best := noGuard
	consider := func(cond ast.Expr) {
		if g := condKind(f, cond, r, derived); g > best {
			best = g
		}
	}
	var child ast.Node = write
	for p := parents[write]; p != nil; child, p = p, parents[p] {
		switch p := p.(type) {
		case *ast.IfStmt:
			if child == p.Body || child == p.Else {
				consider(p.Cond)
			}
		case *ast.BlockStmt:
			for _, st := range p.List {
				if st.Pos() >= child.Pos() {
					break
				}
				if ifs, ok := st.(*ast.IfStmt); ok && st.Pos() > r.node.Pos() && terminates(ifs.Body) {
					// An early return on "not found" means the write
					// runs when the record exists: only a limit check
					// before it counts.
					if g := condKind(f, ifs.Cond, r, derived); g >= zeroGuard && g > best {
						best = g
					}
				}
			}
		case *ast.FuncLit:
			// A function that a pipeline runs at once is part of the
			// code around it: rdb.TxPipelined(ctx, func(p) {...}).
			if call, ok := parents[p].(*ast.CallExpr); !ok || !runsNow(f, call) {
				return best
			}
		}
	}
	return best
}

// runsNow reports whether call runs the function it is passed before it
// returns: go-redis's Pipelined and TxPipelined.
func runsNow(f *flow.Func, call *ast.CallExpr) bool {
	c := store.Classify(f, call)
	return c != nil && c.Kind == store.Redis && (c.Op == "Pipelined" || c.Op == "TxPipelined")
}

// condKind classifies a condition: a comparison of the read value
// (a limit check), or a test of whether the read found anything.
func condKind(f *flow.Func, cond ast.Expr, r *op, derived map[types.Object]bool) guardKind {
	kind := noGuard
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if !f.Mentions(n, derived) && (r.err == nil || !f.Mentions(n, map[types.Object]bool{r.err: true})) {
				return true
			}
			switch n.Op {
			case token.LSS, token.LEQ, token.GTR, token.GEQ:
				switch {
				case !f.Mentions(n, derived):
				case emptiness(f, n):
					// len(info.Email) > 0: whether something is there,
					// not a balance or a count.
					kind = max(kind, existenceGuard)
				case f.IsZero(n.X) || f.IsZero(n.Y):
					kind = max(kind, zeroGuard)
				default:
					kind = limitGuard
				}
			case token.EQL, token.NEQ:
				if kind < existenceGuard && isExistence(n) {
					kind = existenceGuard
				}
			}
		case *ast.CallExpr:
			if fn := flow.Callee(f.Info, n); fn != nil && fn.Name() == "Is" && fn.Pkg() != nil && fn.Pkg().Path() == "errors" && r.err != nil && f.Mentions(n, map[types.Object]bool{r.err: true}) && kind < existenceGuard {
				kind = existenceGuard
			}
		}
		return true
	})
	if kind == noGuard && f.Mentions(cond, derived) {
		// if !exists {...}: a boolean the read returned; if tooMany
		// {...}: one whose name says it is the limit check.
		kind = existenceGuard
		ast.Inspect(cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && derived[f.Info.Uses[id]] &&
				(verdict.SaysLimited(id.Name) || verdict.Inverted(id.Name) || strings.Contains(strings.ToLower(id.Name), "allow")) {
				kind = limitGuard
			}
			return true
		})
	}
	return kind
}

// emptiness reports whether an ordering compares a length with 0 or 1
// (len(s) > 0, len(s) < 1, 0 < len(s)): a test of emptiness.
func emptiness(f *flow.Func, b *ast.BinaryExpr) bool {
	isLen := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		blt, ok := f.Info.Uses[id].(*types.Builtin)
		return ok && blt.Name() == "len"
	}
	small := func(e ast.Expr) bool {
		tv, ok := f.Info.Types[e]
		return ok && tv.Value != nil && (tv.Value.ExactString() == "0" || tv.Value.ExactString() == "1")
	}
	return isLen(b.X) && small(b.Y) || small(b.X) && isLen(b.Y)
}

// isExistence recognises x == nil, len(x) == 0 and err == ErrNoRows-like
// comparisons.
func isExistence(b *ast.BinaryExpr) bool {
	for _, x := range []ast.Expr{b.X, b.Y} {
		switch x := ast.Unparen(x).(type) {
		case *ast.Ident:
			if x.Name == "nil" {
				return true
			}
		case *ast.BasicLit:
			if x.Value == "0" {
				return true
			}
		case *ast.SelectorExpr:
			if x.Sel.Name == "Nil" || x.Sel.Name == "ErrNoRows" {
				return true
			}
		}
	}
	return false
}

func terminates(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch st := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return st.Tok == token.CONTINUE || st.Tok == token.BREAK
	case *ast.ExprStmt:
		if call, ok := st.X.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}

// results returns what a call's value and error were assigned to.
func results(f *flow.Func, parents map[ast.Node]ast.Node, call ast.Node) ([]types.Object, types.Object) {
	as, ok := parents[call].(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 {
		return nil, nil
	}
	var vals []types.Object
	var errObj types.Object
	for i, l := range as.Lhs {
		obj := f.Object(l)
		if obj == nil {
			continue
		}
		// The last of several results is the error, unless its type says
		// otherwise (a wrapper's exists, tooMany bool).
		if i == len(as.Lhs)-1 && i > 0 && (isError(obj.Type()) || obj.Type() == nil || obj.Type() == types.Typ[types.Invalid]) {
			errObj = obj
			continue
		}
		vals = append(vals, obj)
	}
	return vals, errObj
}

func isError(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// opText is what an operation says about its data: the SQL text, the
// Redis key, or the DynamoDB table, expressions and attribute names.
func opText(f *flow.Func, o *op) string {
	switch o.call.Kind {
	case store.SQL:
		s, _ := o.call.SQLText(f)
		return s
	case store.DynamoDB:
		if o.in == nil {
			return o.table
		}
		parts := []string{o.table}
		for _, field := range []string{"UpdateExpression", "KeyConditionExpression", "ProjectionExpression"} {
			if s, ok := f.ConstString(o.in.One(field)); ok {
				parts = append(parts, s)
			}
		}
		for _, field := range []string{"Item", "ExpressionAttributeNames"} {
			entries, _ := dynamo.MapEntries(f, o.in, field)
			for k, v := range entries {
				parts = append(parts, k)
				if s, ok := f.ConstString(v); ok {
					parts = append(parts, s)
				}
			}
		}
		return strings.Join(parts, " ")
	}
	return o.table
}

// tableName names a DynamoDB table: its constant value, or the source
// text of the expression (two calls naming aws.String(s.table) name the
// same table).
func tableName(f *flow.Func, e ast.Expr) string {
	if e == nil {
		return ""
	}
	if s, ok := f.ConstString(e); ok {
		return s
	}
	return types.ExprString(e)
}

// redisKey is the source text of a Redis command's key argument.
func redisKey(c *store.Call) string {
	if k := c.Key(); k != nil {
		return types.ExprString(k)
	}
	return ""
}

// redisRead follows rdb.Get(ctx, k).Result()/Int()/Val(), redigo's
// redis.Int(conn.Do("GET", k)) and a wrapper's results to its variables.
func redisRead(f *flow.Func, parents map[ast.Node]ast.Node, c *store.Call) *op {
	o := &op{call: c, node: c.Expr, table: redisKey(c)}
	var node ast.Node = c.Expr
	if sel, ok := parents[node].(*ast.SelectorExpr); ok {
		if call, ok := parents[sel].(*ast.CallExpr); ok {
			if sel.Sel.Name == "Scan" {
				// rdb.HGetAll(ctx, k).Scan(&rec): the record.
				for _, a := range call.Args {
					if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
						if obj := f.Object(u.X); obj != nil {
							o.value = append(o.value, obj)
						}
					}
				}
				if as, ok := parents[call].(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
					o.err = f.Object(as.Lhs[0])
				}
				return o
			}
			node = call
		}
	} else if call, ok := parents[node].(*ast.CallExpr); ok && store.IsRedigoReply(f, call) {
		node = call
	}
	o.value, o.err = results(f, parents, node)
	return o
}

// sqlResults finds the variables a SELECT's row was scanned into:
// QueryRow(...).Scan(&n), sqlx Get(&n, ...), gorm Raw(...).Scan(&n), or
// the results of a wrapper that returns the row (n, err := s.Used(ctx, k)).
func sqlResults(f *flow.Func, parents map[ast.Node]ast.Node, c *store.Call) ([]types.Object, types.Object) {
	if c.Via != nil && c.Via.Value >= 0 {
		return results(f, parents, c.Expr)
	}
	var vals []types.Object
	addrs := func(args []ast.Expr) {
		for _, a := range args {
			if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
				if obj := f.Object(u.X); obj != nil {
					vals = append(vals, obj)
				}
			}
		}
	}
	if store.IsGormRead(c.Op) {
		if c.Via != nil {
			// rl, err := s.latest(): a wrapper returns the record.
			return results(f, parents, c.Expr)
		}
		// db.Where(...).First(&c): the record.
		if len(c.Expr.Args) > 0 {
			addrs(c.Expr.Args[:1])
		}
		return vals, nil
	}
	if strings.HasPrefix(c.Op, "Get") || strings.HasPrefix(c.Op, "Select") {
		addrs(c.Expr.Args)
		_, errObj := results(f, parents, c.Expr)
		return vals, errObj
	}
	if sel, ok := parents[c.Expr].(*ast.SelectorExpr); ok && sel.Sel.Name == "Scan" {
		if call, ok := parents[sel].(*ast.CallExpr); ok {
			addrs(call.Args)
			var errObj types.Object
			if as, ok := parents[call].(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
				errObj = f.Object(as.Lhs[0])
			}
			return vals, errObj
		}
	}
	return nil, nil
}

// strongIsolation recognises sql.TxOptions{Isolation: sql.LevelSerializable}
// and pgx.TxOptions{IsoLevel: pgx.Serializable} (or repeatable read).
func strongIsolation(f *flow.Func, lit *ast.CompositeLit) bool {
	t := f.Info.TypeOf(lit)
	if t == nil {
		return false
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Name() != "TxOptions" || named.Obj().Pkg() == nil {
		return false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		var name string
		switch v := ast.Unparen(kv.Value).(type) {
		case *ast.SelectorExpr:
			name = v.Sel.Name
		case *ast.Ident:
			name = v.Name
		}
		switch name {
		case "LevelSerializable", "LevelRepeatableRead", "Serializable", "RepeatableRead":
			return true
		}
	}
	return false
}

// isLock recognises a distributed lock taken in the function: a method
// named Lock, LockContext, Obtain or Acquire of a type outside the
// standard library (sync.Mutex is process-local and protects nothing
// across replicas).
func isLock(fn *types.Func) bool {
	if fn.Pkg() == nil || !strings.Contains(fn.Pkg().Path(), ".") {
		return false
	}
	switch fn.Name() {
	case "Lock", "LockContext", "Obtain", "TryLock", "TryLockContext":
		return true
	}
	return false
}

// keyFromRead reports an optimistic UPDATE: a WHERE predicate compares a
// value read before (WHERE id = $1 AND version = $2).
func keyFromRead(f *flow.Func, w *op, derived map[types.Object]bool) bool {
	if w.stmt.Kind != sqlfacts.Update {
		return false
	}
	for _, p := range w.stmt.Key {
		if e := sqltext.Param(w.call, p.Value); e != nil && f.Mentions(e, derived) && counterkey.Classify(p.Column) == counterkey.Unknown {
			return true
		}
	}
	return false
}

// paramFromRead reports a write that stores a value computed from the
// read (SET n = $1, DO UPDATE SET n = $2).
func paramFromRead(f *flow.Func, w *op, derived map[types.Object]bool) bool {
	for _, a := range w.stmt.Assigns {
		if e := sqltext.Param(w.call, a.Value); e != nil && f.Mentions(e, derived) {
			return true
		}
	}
	return false
}
