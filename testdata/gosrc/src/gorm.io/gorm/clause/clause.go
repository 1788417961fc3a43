// Package clause is a test stub of gorm.io/gorm/clause.
package clause

// Expr is a raw SQL expression.
type Expr struct {
	SQL  string
	Vars []interface{}
}
