package sqlfacts

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// Kind classifies a statement.
type Kind int

// Statement kinds.
const (
	Other          Kind = iota
	Select              // SELECT
	Insert              // INSERT without ON CONFLICT DO UPDATE
	Update              // UPDATE
	Upsert              // INSERT ... ON CONFLICT DO UPDATE, or CockroachDB UPSERT
	Delete              // DELETE
	CreateTable         // CREATE TABLE
	Begin               // BEGIN / START TRANSACTION
	SetTransaction      // SET TRANSACTION / SET SESSION CHARACTERISTICS AS TRANSACTION
	LockTable           // LOCK TABLE
)

var kindNames = [...]string{"other", "select", "insert", "update", "upsert", "delete", "create table", "begin", "set transaction", "lock table"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ValueKind classifies the value of a column in a predicate or assignment.
type ValueKind int

// Value kinds.
const (
	Expr   ValueKind = iota // anything else: a function call, arithmetic, a subquery
	Param                   // a placeholder bound at run time
	Const                   // a literal
	Column                  // a reference to a column
)

// Value is what a column is compared with or set to.
type Value struct {
	Kind      ValueKind
	Param     int    // Param: the placeholder's number after normalization ($N)
	ParamName string // Param: the original name of a :name or %(name)s placeholder
	Const     string // Const: the literal's text
	Column    string // Column: the referenced column's name
}

// Increment is a counter change: col = col + amount (Sign +1) or
// col = col - amount (Sign -1).
type Increment struct {
	Column string
	Sign   int
	Amount Value
}

// Assign is any other column assignment of an UPDATE or upsert.
type Assign struct {
	Column string
	Value  Value
}

// Predicate is one "column = value" that selects rows, or one inserted
// column value.
type Predicate struct {
	Column string
	Value  Value
}

// ColumnDef is a column of a CREATE TABLE.
type ColumnDef struct {
	Name string
	Type string
}

// Statement holds the facts of one SQL statement.
type Statement struct {
	Kind  Kind
	Table string // target table, or the first FROM table of a SELECT; unqualified, lower-case

	Selected  []string // SELECT output names: column, alias, or function name (count(*) gives "count")
	RowCount  bool     // the SELECT's one output is COUNT(...), under any cast or alias: how many rows match
	ForUpdate bool     // SELECT ... FOR UPDATE or FOR NO KEY UPDATE

	Increments []Increment // counter changes of an UPDATE or upsert
	Assigns    []Assign    // every other assignment of an UPDATE or upsert
	Key        []Predicate // WHERE equalities; for INSERT and upsert the inserted values
	Conflict   []string    // ON CONFLICT target columns
	Guards     []string    // columns an UPDATE's WHERE compares with <, <=, > or >=
	Returning  []string    // RETURNING columns

	Isolation    string // isolation level set by BEGIN / SET TRANSACTION, lower-case ("serializable")
	AdvisoryLock bool   // calls pg_advisory_lock, pg_advisory_xact_lock or a try_ variant

	PrimaryKey []string    // CREATE TABLE primary key columns
	Columns    []ColumnDef // CREATE TABLE columns
}

// WritesCounter reports whether the statement writes a counter: an UPDATE
// or upsert that increments or decrements a column, or that sets a
// counter-named column to a value (SET count = $1, the write of a
// read-then-write).
func (s *Statement) WritesCounter() bool {
	if s.Kind != Update && s.Kind != Upsert {
		return false
	}
	if len(s.Increments) > 0 {
		return true
	}
	for _, a := range s.Assigns {
		if counterkey.IsCounterName(a.Column) {
			return true
		}
	}
	return false
}

// ConstantKey reports whether the statement selects its rows by literal
// values only: every key predicate compares with a constant, so every
// execution hits the same row.
func (s *Statement) ConstantKey() bool {
	if len(s.Key) == 0 {
		return false
	}
	for _, p := range s.Key {
		if p.Value.Kind != Const {
			return false
		}
	}
	return true
}

// Facts holds the statements of one SQL text.
type Facts struct {
	Statements []*Statement
}

// ErrEmpty is returned for text without any statement.
var ErrEmpty = errors.New("sqlfacts: no SQL statement")

var upsertInto = regexp.MustCompile(`(?i)^(\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*)upsert(\s+into\b)`)

// Analyze parses sql and returns its facts. It never panics; text that
// PostgreSQL's parser rejects yields an error, and text over MaxLen or
// MaxDepth, which it does not parse, a *LimitError (ErrTooComplex).
func Analyze(sql string) (facts *Facts, err error) {
	defer func() {
		if r := recover(); r != nil {
			facts, err = nil, fmt.Errorf("sqlfacts: %v", r)
		}
	}()
	if limit := checkBounds(sql); limit != nil {
		refuse(sql, limit)
		return nil, limit
	}
	n := normalize(sql)
	text, upsert := n.text, false
	if m := upsertInto.FindStringSubmatchIndex(text); m != nil {
		text = text[:m[3]] + "INSERT" + text[m[4]:]
		upsert = true
	}
	tree, err := pg.Parse(text)
	if err != nil {
		return nil, fmt.Errorf("sqlfacts: %w", err)
	}
	if len(tree.Stmts) == 0 {
		return nil, ErrEmpty
	}
	r := reader{names: n.names}
	facts = &Facts{}
	for i, raw := range tree.Stmts {
		st := r.statement(raw.Stmt)
		if upsert && i == 0 && st.Kind == Insert {
			st.Kind = Upsert
			st.Assigns = append(st.Assigns, upsertAssigns(st.Key)...)
		}
		facts.Statements = append(facts.Statements, st)
	}
	return facts, nil
}

// upsertAssigns: CockroachDB's UPSERT writes every inserted column.
func upsertAssigns(key []Predicate) []Assign {
	out := make([]Assign, len(key))
	for i, p := range key {
		out[i] = Assign(p)
	}
	return out
}

type reader struct {
	names map[int]string
}

func (r reader) statement(n *pg.Node) *Statement {
	st := &Statement{}
	switch {
	case n.GetSelectStmt() != nil:
		r.selectStmt(st, n.GetSelectStmt())
	case n.GetUpdateStmt() != nil:
		r.updateStmt(st, n.GetUpdateStmt())
	case n.GetInsertStmt() != nil:
		r.insertStmt(st, n.GetInsertStmt())
	case n.GetDeleteStmt() != nil:
		d := n.GetDeleteStmt()
		st.Kind = Delete
		st.Table = relName(d.GetRelation())
		st.Key = r.equalities(d.GetWhereClause())
		st.Returning = targetNames(d.GetReturningList())
	case n.GetCreateStmt() != nil:
		createStmt(st, n.GetCreateStmt())
	case n.GetTransactionStmt() != nil:
		t := n.GetTransactionStmt()
		if k := t.GetKind(); k == pg.TransactionStmtKind_TRANS_STMT_BEGIN || k == pg.TransactionStmtKind_TRANS_STMT_START {
			st.Kind = Begin
			st.Isolation = isolation(t.GetOptions())
		}
	case n.GetVariableSetStmt() != nil:
		v := n.GetVariableSetStmt()
		if name := strings.ToLower(v.GetName()); name == "transaction" || name == "session characteristics" {
			st.Kind = SetTransaction
			st.Isolation = isolation(v.GetArgs())
		}
	case n.GetLockStmt() != nil:
		st.Kind = LockTable
		if rels := n.GetLockStmt().GetRelations(); len(rels) > 0 {
			st.Table = relName(rels[0].GetRangeVar())
		}
	}
	st.AdvisoryLock = callsAdvisoryLock(n)
	return st
}

func (r reader) selectStmt(st *Statement, s *pg.SelectStmt) {
	st.Kind = Select
	for _, f := range s.GetFromClause() {
		if rv := f.GetRangeVar(); rv != nil {
			st.Table = relName(rv)
			break
		}
	}
	st.Selected = targetNames(s.GetTargetList())
	st.RowCount = rowCount(s.GetTargetList())
	for _, l := range s.GetLockingClause() {
		switch l.GetLockingClause().GetStrength() {
		case pg.LockClauseStrength_LCS_FORUPDATE, pg.LockClauseStrength_LCS_FORNOKEYUPDATE:
			st.ForUpdate = true
		}
	}
	st.Key = r.equalities(s.GetWhereClause())
}

func (r reader) updateStmt(st *Statement, u *pg.UpdateStmt) {
	st.Kind = Update
	st.Table = relName(u.GetRelation())
	r.assignments(st, u.GetTargetList())
	st.Key = r.equalities(u.GetWhereClause())
	st.Guards = guards(u.GetWhereClause())
	st.Returning = targetNames(u.GetReturningList())
}

func (r reader) insertStmt(st *Statement, ins *pg.InsertStmt) {
	st.Kind = Insert
	st.Table = relName(ins.GetRelation())
	var cols []string
	for _, c := range ins.GetCols() {
		cols = append(cols, strings.ToLower(c.GetResTarget().GetName()))
	}
	if sel := ins.GetSelectStmt().GetSelectStmt(); sel != nil {
		if rows := sel.GetValuesLists(); len(rows) > 0 {
			for i, item := range rows[0].GetList().GetItems() {
				if i < len(cols) {
					st.Key = append(st.Key, Predicate{Column: cols[i], Value: r.value(item)})
				}
			}
		}
	}
	st.Returning = targetNames(ins.GetReturningList())
	oc := ins.GetOnConflictClause()
	if oc == nil {
		return
	}
	for _, e := range oc.GetInfer().GetIndexElems() {
		st.Conflict = append(st.Conflict, strings.ToLower(e.GetIndexElem().GetName()))
	}
	if oc.GetAction() == pg.OnConflictAction_ONCONFLICT_UPDATE {
		st.Kind = Upsert
		r.assignments(st, oc.GetTargetList())
	}
}

// assignments splits SET targets into increments and plain assignments.
func (r reader) assignments(st *Statement, targets []*pg.Node) {
	for _, t := range targets {
		rt := t.GetResTarget()
		col := strings.ToLower(rt.GetName())
		if sign, amount, ok := r.increment(col, rt.GetVal()); ok {
			st.Increments = append(st.Increments, Increment{Column: col, Sign: sign, Amount: amount})
			continue
		}
		st.Assigns = append(st.Assigns, Assign{Column: col, Value: r.value(rt.GetVal())})
	}
}

// increment recognizes col + x, x + col and col - x, where col may be
// wrapped in COALESCE(col, ...) and qualified by its table.
func (r reader) increment(col string, n *pg.Node) (sign int, amount Value, ok bool) {
	e := n.GetAExpr()
	if e == nil || e.GetKind() != pg.A_Expr_Kind_AEXPR_OP || len(e.GetName()) != 1 {
		return 0, Value{}, false
	}
	op := e.GetName()[0].GetString_().GetSval()
	l, rgt := e.GetLexpr(), e.GetRexpr()
	switch {
	case op == "+" && refersTo(l, col):
		return 1, r.value(rgt), true
	case op == "+" && refersTo(rgt, col):
		return 1, r.value(l), true
	case op == "-" && refersTo(l, col):
		return -1, r.value(rgt), true
	}
	return 0, Value{}, false
}

// refersTo reports whether n is the column col (possibly table-qualified,
// possibly inside COALESCE or a cast), excluding excluded.col.
func refersTo(n *pg.Node, col string) bool {
	switch {
	case n.GetColumnRef() != nil:
		fields := n.GetColumnRef().GetFields()
		if len(fields) == 0 {
			return false
		}
		if len(fields) == 2 && strings.EqualFold(fields[0].GetString_().GetSval(), "excluded") {
			return false
		}
		return strings.EqualFold(fields[len(fields)-1].GetString_().GetSval(), col)
	case n.GetCoalesceExpr() != nil:
		args := n.GetCoalesceExpr().GetArgs()
		return len(args) > 0 && refersTo(args[0], col)
	case n.GetTypeCast() != nil:
		return refersTo(n.GetTypeCast().GetArg(), col)
	case n.GetFuncCall() != nil:
		f := n.GetFuncCall()
		name := funcName(f)
		return (name == "coalesce" || name == "ifnull") && len(f.GetArgs()) > 0 && refersTo(f.GetArgs()[0], col)
	}
	return false
}

func (r reader) value(n *pg.Node) Value {
	switch {
	case n == nil:
		return Value{}
	case n.GetParamRef() != nil:
		num := int(n.GetParamRef().GetNumber())
		return Value{Kind: Param, Param: num, ParamName: r.names[num]}
	case n.GetAConst() != nil:
		return Value{Kind: Const, Const: constText(n.GetAConst())}
	case n.GetColumnRef() != nil:
		fields := n.GetColumnRef().GetFields()
		if len(fields) > 0 {
			return Value{Kind: Column, Column: strings.ToLower(fields[len(fields)-1].GetString_().GetSval())}
		}
	case n.GetTypeCast() != nil:
		return r.value(n.GetTypeCast().GetArg())
	}
	return Value{Kind: Expr}
}

func constText(c *pg.A_Const) string {
	switch {
	case c.GetIsnull():
		return "NULL"
	case c.GetSval() != nil:
		return c.GetSval().GetSval()
	case c.GetIval() != nil:
		return fmt.Sprint(c.GetIval().GetIval())
	case c.GetFval() != nil:
		return c.GetFval().GetFval()
	case c.GetBoolval() != nil:
		return fmt.Sprint(c.GetBoolval().GetBoolval())
	}
	return ""
}

// equalities collects "column = value" conjuncts of a WHERE clause.
func (r reader) equalities(where *pg.Node) []Predicate {
	var out []Predicate
	for _, c := range conjuncts(where) {
		e := c.GetAExpr()
		if e == nil || e.GetKind() != pg.A_Expr_Kind_AEXPR_OP || len(e.GetName()) != 1 || e.GetName()[0].GetString_().GetSval() != "=" {
			continue
		}
		l, rgt := e.GetLexpr(), e.GetRexpr()
		if l.GetColumnRef() == nil && rgt.GetColumnRef() != nil {
			l, rgt = rgt, l
		}
		if v := r.value(l); v.Kind == Column {
			out = append(out, Predicate{Column: v.Column, Value: r.value(rgt)})
		}
	}
	return out
}

// guards collects the columns compared with an ordering operator.
func guards(where *pg.Node) []string {
	var out []string
	for _, c := range conjuncts(where) {
		e := c.GetAExpr()
		if e == nil || e.GetKind() != pg.A_Expr_Kind_AEXPR_OP || len(e.GetName()) != 1 {
			continue
		}
		switch e.GetName()[0].GetString_().GetSval() {
		case "<", "<=", ">", ">=":
			for _, side := range []*pg.Node{e.GetLexpr(), e.GetRexpr()} {
				if cr := side.GetColumnRef(); cr != nil && len(cr.GetFields()) > 0 {
					out = append(out, strings.ToLower(cr.GetFields()[len(cr.GetFields())-1].GetString_().GetSval()))
				}
			}
		}
	}
	return out
}

// conjuncts flattens top-level ANDs.
func conjuncts(n *pg.Node) []*pg.Node {
	if n == nil {
		return nil
	}
	if b := n.GetBoolExpr(); b != nil && b.GetBoolop() == pg.BoolExprType_AND_EXPR {
		var out []*pg.Node
		for _, a := range b.GetArgs() {
			out = append(out, conjuncts(a)...)
		}
		return out
	}
	return []*pg.Node{n}
}

func createStmt(st *Statement, c *pg.CreateStmt) {
	st.Kind = CreateTable
	st.Table = relName(c.GetRelation())
	for _, elt := range c.GetTableElts() {
		if cd := elt.GetColumnDef(); cd != nil {
			name := strings.ToLower(cd.GetColname())
			st.Columns = append(st.Columns, ColumnDef{Name: name, Type: typeName(cd.GetTypeName())})
			for _, con := range cd.GetConstraints() {
				if con.GetConstraint().GetContype() == pg.ConstrType_CONSTR_PRIMARY {
					st.PrimaryKey = append(st.PrimaryKey, name)
				}
			}
		}
		if con := elt.GetConstraint(); con != nil && con.GetContype() == pg.ConstrType_CONSTR_PRIMARY {
			for _, k := range con.GetKeys() {
				st.PrimaryKey = append(st.PrimaryKey, strings.ToLower(k.GetString_().GetSval()))
			}
		}
	}
}

func typeName(t *pg.TypeName) string {
	names := t.GetNames()
	if len(names) == 0 {
		return ""
	}
	return strings.ToLower(names[len(names)-1].GetString_().GetSval())
}

// isolation reads transaction_isolation from BEGIN / SET TRANSACTION options.
func isolation(opts []*pg.Node) string {
	for _, o := range opts {
		if d := o.GetDefElem(); d != nil && d.GetDefname() == "transaction_isolation" {
			if c := d.GetArg().GetAConst(); c != nil {
				return strings.ToLower(constText(c))
			}
		}
	}
	return ""
}

func relName(rv *pg.RangeVar) string { return strings.ToLower(rv.GetRelname()) }

// targetNames lists the output names of a target or RETURNING list.
func targetNames(targets []*pg.Node) []string {
	var out []string
	for _, t := range targets {
		rt := t.GetResTarget()
		switch {
		case rt.GetName() != "":
			out = append(out, strings.ToLower(rt.GetName()))
		case rt.GetVal().GetColumnRef() != nil:
			fields := rt.GetVal().GetColumnRef().GetFields()
			if s := fields[len(fields)-1].GetString_(); s != nil {
				out = append(out, strings.ToLower(s.GetSval()))
			} else {
				out = append(out, "*")
			}
		case rt.GetVal().GetFuncCall() != nil:
			out = append(out, funcName(rt.GetVal().GetFuncCall()))
		default:
			out = append(out, "?column?")
		}
	}
	return out
}

// rowCount reports whether the one target is COUNT(...), directly or
// under casts (COUNT(DISTINCT id)::integer AS active).
func rowCount(targets []*pg.Node) bool {
	if len(targets) != 1 {
		return false
	}
	v := targets[0].GetResTarget().GetVal()
	for v.GetTypeCast() != nil {
		v = v.GetTypeCast().GetArg()
	}
	return v.GetFuncCall() != nil && funcName(v.GetFuncCall()) == "count"
}

func funcName(f *pg.FuncCall) string {
	parts := f.GetFuncname()
	if len(parts) == 0 {
		return ""
	}
	return strings.ToLower(parts[len(parts)-1].GetString_().GetSval())
}

var advisoryLocks = map[string]bool{
	"pg_advisory_lock": true, "pg_advisory_xact_lock": true,
	"pg_try_advisory_lock": true, "pg_try_advisory_xact_lock": true,
	"pg_advisory_lock_shared": true, "pg_advisory_xact_lock_shared": true,
}

// callsAdvisoryLock walks the statement's tree for an advisory-lock call.
func callsAdvisoryLock(n *pg.Node) bool {
	found := false
	walk(n.ProtoReflect(), func(f *pg.FuncCall) {
		if advisoryLocks[funcName(f)] {
			found = true
		}
	})
	return found
}
