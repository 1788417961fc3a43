package store

import (
	"go/ast"
	"go/types"
	"strings"
	"unicode"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
)

// gormPkgs are gorm's import paths: gorm.io/gorm (v2) and jinzhu's v1.
var gormPkgs = map[string]bool{"gorm.io/gorm": true, "github.com/jinzhu/gorm": true}

// gormOps are the chain methods that run a statement: the reads that
// load a record and the writes of a column or a record.
var gormOps = map[string]bool{
	"First": true, "Take": true, "Last": true, "Find": true,
	"Update": true, "UpdateColumn": true, "Save": true,
}

// IsGormRead reports whether op is a gorm method that loads a record
// into its first argument.
func IsGormRead(op string) bool {
	return op == "First" || op == "Take" || op == "Last" || op == "Find"
}

// classifyGorm reads a gorm method chain that runs a statement
// (db.Model(&c).Where("name = ?", n).UpdateColumn("hits",
// gorm.Expr("hits + ?", 1)), db.Where("key = ?", k).First(&c),
// db.Save(&c)) as the SQL it sends: SQL holds that statement with ?
// placeholders and Params its bind values, so that the rules read it like
// hand-written SQL. The table is Table's constant, or the model's type
// name as gorm names tables (RateLimit is rate_limits). A read that locks
// its rows (Clauses(clause.Locking{Strength: "UPDATE"}), v1's
// Set("gorm:query_option", "FOR UPDATE")) reads FOR UPDATE. It returns nil
// for other calls, and for chains it cannot read (a Where that is not a
// constant string).
func classifyGorm(f *flow.Func, call *ast.CallExpr, name string) *Call {
	if !gormOps[name] {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	var table string
	var where []string
	var whereArgs []ast.Expr
	var model ast.Expr
	lock := ""
	for x := ast.Unparen(sel.X); ; {
		c, ok := x.(*ast.CallExpr)
		if !ok {
			break
		}
		s, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		switch s.Sel.Name {
		case "Table":
			if len(c.Args) > 0 {
				table, _ = f.ConstString(c.Args[0])
			}
		case "Model":
			if len(c.Args) == 1 {
				model = c.Args[0]
			}
		case "Clauses":
			if lockingUpdate(f, c.Args) {
				lock = " FOR UPDATE"
			}
		case "Set":
			// gorm v1: Set("gorm:query_option", "FOR UPDATE").
			if len(c.Args) == 2 {
				k, _ := f.ConstString(c.Args[0])
				v, _ := f.ConstString(c.Args[1])
				if k == "gorm:query_option" && strings.Contains(strings.ToUpper(v), "FOR UPDATE") {
					lock = " FOR UPDATE"
				}
			}
		case "Where":
			if len(c.Args) == 0 {
				return nil
			}
			cond, ok := f.ConstString(c.Args[0])
			if !ok {
				return nil
			}
			// Outermost first: prepend, to keep source order.
			where = append([]string{cond}, where...)
			whereArgs = append(append([]ast.Expr{}, c.Args[1:]...), whereArgs...)
		}
		x = ast.Unparen(s.X)
	}
	out := &Call{Expr: call, Func: flow.Callee(f.Info, call), Kind: SQL, Op: name}
	var set string
	var setArgs []ast.Expr
	switch {
	case IsGormRead(name):
		if len(call.Args) == 0 {
			return nil
		}
		if model == nil {
			model = call.Args[0]
		}
		if len(call.Args) > 1 {
			cond, ok := f.ConstString(call.Args[1])
			if !ok {
				return nil
			}
			where = append(where, cond)
			whereArgs = append(whereArgs, call.Args[2:]...)
		}
	case name == "Save":
		if len(call.Args) != 1 {
			return nil
		}
		model = call.Args[0]
		set, setArgs = "gorm_record = ?", call.Args
	default: // Update, UpdateColumn (column, value)
		if len(call.Args) != 2 {
			return nil
		}
		col, ok := f.ConstString(call.Args[0])
		if !ok {
			return nil
		}
		set, setArgs = col+" = ?", call.Args[1:]
		if e, args, ok := gormExpr(f, call.Args[1]); ok {
			set, setArgs = col+" = "+e, args
		}
	}
	if table == "" {
		table = gormTable(f, model)
	}
	if table == "" {
		return nil
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	if IsGormRead(name) {
		out.SQL = "SELECT * FROM " + table + cond + lock
		out.Params = whereArgs
	} else {
		out.SQL = "UPDATE " + table + " SET " + set + cond
		out.Params = append(append([]ast.Expr{}, setArgs...), whereArgs...)
	}
	return out
}

// lockingUpdate reports whether a Clauses argument locks the rows for
// update: clause.Locking{Strength: "UPDATE"} (or "NO KEY UPDATE").
func lockingUpdate(f *flow.Func, args []ast.Expr) bool {
	for _, a := range args {
		lit, ok := ast.Unparen(a).(*ast.CompositeLit)
		if !ok {
			continue
		}
		typ, ok := ast.Unparen(lit.Type).(*ast.SelectorExpr)
		if !ok || typ.Sel.Name != "Locking" || f.ImportPath(typ) != "gorm.io/gorm/clause" {
			continue
		}
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Strength" {
				if s, ok := f.ConstString(kv.Value); ok && (strings.EqualFold(s, "UPDATE") || strings.EqualFold(s, "NO KEY UPDATE")) {
					return true
				}
			}
		}
	}
	return false
}

// gormExpr reads gorm.Expr("hits + ?", 1): its SQL and its arguments.
func gormExpr(f *flow.Func, e ast.Expr) (string, []ast.Expr, bool) {
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(c.Args) == 0 {
		return "", nil, false
	}
	sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Expr" || !gormPkgs[f.ImportPath(sel)] {
		return "", nil, false
	}
	s, ok := f.ConstString(c.Args[0])
	return s, c.Args[1:], ok
}

// gormTable names the table of a model the way gorm does: the snake case
// plural of its type name (Counter is counters, RateLimit rate_limits).
func gormTable(f *flow.Func, model ast.Expr) string {
	if model == nil {
		return ""
	}
	t := f.Info.TypeOf(model)
	for t != nil {
		switch u := t.(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		}
		break
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return ""
	}
	var b strings.Builder
	for i, r := range n.Obj().Name() {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	name := b.String()
	switch {
	case strings.HasSuffix(name, "y") && !strings.HasSuffix(name, "ey"):
		return name[:len(name)-1] + "ies"
	case strings.HasSuffix(name, "s"), strings.HasSuffix(name, "x"), strings.HasSuffix(name, "ch"):
		return name + "es"
	}
	return name + "s"
}
