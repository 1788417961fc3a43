package rl012

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/analyzers/gocode/rl001"
)

// otherDrivers are the SQL drivers (and gorm dialectors) of stores that
// are not PostgreSQL-compatible. MySQL's REPEATABLE READ does not stop a
// lost update either, so RL012's advice would be wrong there.
var otherDrivers = map[string]bool{
	"github.com/go-sql-driver/mysql":   true,
	"gorm.io/driver/mysql":             true,
	"gorm.io/driver/sqlite":            true,
	"gorm.io/driver/sqlserver":         true,
	"github.com/glebarez/sqlite":       true,
	"github.com/mattn/go-sqlite3":      true,
	"modernc.org/sqlite":               true,
	"github.com/denisenkom/go-mssqldb": true,
	"github.com/microsoft/go-mssqldb":  true,
	"github.com/sijms/go-ora/v2":       true,
	"github.com/godror/godror":         true,
}

// postgresDrivers are the names database/sql opens PostgreSQL-compatible
// stores by.
var postgresDrivers = map[string]bool{
	"postgres": true, "postgresql": true, "pgx": true, "pgx/v5": true,
	"cockroach": true, "cloudsqlpostgres": true, "nrpostgres": true,
}

// otherDriver reports whether the package shows a store that is not
// PostgreSQL-compatible: it imports the driver of one, directly or through
// its dependencies, or opens one by name (sql.Open("mysql", dsn),
// sqlx.Connect("sqlite3", dsn)).
func otherDriver(pass *analysis.Pass) bool {
	seen := make(map[*types.Package]bool)
	var imports func(p *types.Package) bool
	imports = func(p *types.Package) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		if otherDrivers[p.Path()] {
			return true
		}
		for _, q := range p.Imports() {
			if imports(q) {
				return true
			}
		}
		return false
	}
	if imports(pass.Pkg) {
		return true
	}
	found := false
	for _, file := range pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || found || len(call.Args) == 0 {
				return !found
			}
			fn := flow.Callee(pass.TypesInfo, call)
			if fn == nil || fn.Pkg() == nil || !strings.HasPrefix(fn.Name(), "Open") && !strings.HasSuffix(fn.Name(), "Connect") {
				return true
			}
			if p := fn.Pkg().Path(); p != sqlPkg && p != "github.com/jmoiron/sqlx" {
				return true
			}
			if name, ok := constString(pass.TypesInfo, call.Args[0]); ok && !postgresDrivers[name] {
				found = true
			}
			return true
		})
	}
	return found
}

// postgres reports whether the pair runs on a PostgreSQL-compatible store
// as far as the code shows: pgx only talks to PostgreSQL; database/sql,
// sqlx and gorm do unless the package shows another store's driver, or
// the statements use ? placeholders (MySQL's and SQLite's, which lib/pq
// and pgx reject; gorm rewrites its own).
func (c *checker) postgres(s *setting, p rl001.Pair) bool {
	if s.api == pgxV4 || s.api == pgxV5 || isPgx(p.Read) {
		return true
	}
	if c.otherDriver {
		return false
	}
	for _, sc := range []*store.Call{p.Read, p.Write} {
		if sc.Via == nil && sc.Query != nil && !gorm(sc) {
			if text, ok := constString(c.pass.TypesInfo, sc.Query); ok && strings.Contains(text, "?") {
				return false
			}
		}
	}
	return true
}

// constString returns the value of a constant string expression.
func constString(info *types.Info, e ast.Expr) (string, bool) {
	tv := info.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// isPgx reports whether the call is a pgx method.
func isPgx(sc *store.Call) bool {
	return sc.Func != nil && sc.Func.Pkg() != nil && strings.HasPrefix(sc.Func.Pkg().Path(), "github.com/jackc/pgx/")
}

func gorm(sc *store.Call) bool {
	if sc.Func == nil || sc.Func.Pkg() == nil {
		return false
	}
	p := sc.Func.Pkg().Path()
	return p == "gorm.io/gorm" || p == "github.com/jinzhu/gorm"
}
