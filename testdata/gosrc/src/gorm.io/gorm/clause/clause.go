// Package clause is a test stub of gorm.io/gorm/clause.
package clause

// Expr is a raw SQL expression.
type Expr struct {
	SQL  string
	Vars []interface{}
}

// Expression is a clause expression.
type Expression interface{}

// Locking strengths.
const (
	LockingStrengthUpdate = "UPDATE"
	LockingStrengthShare  = "SHARE"
)

// Table names a table.
type Table struct {
	Name string
}

// Locking is a FOR UPDATE / FOR SHARE clause.
type Locking struct {
	Strength string
	Table    Table
	Options  string
}
