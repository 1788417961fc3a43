// Package gorm is a test stub of github.com/jinzhu/gorm (v1).
package gorm

// DB is a gorm session.
type DB struct {
	Error        error
	RowsAffected int64
}

// Open opens a database.
func Open(dialect string, args ...interface{}) (*DB, error) { return &DB{}, nil }

// Exec runs raw SQL.
func (s *DB) Exec(sql string, values ...interface{}) *DB { return s }

// Raw prepares a raw query.
func (s *DB) Raw(sql string, values ...interface{}) *DB { return s }

// Scan scans the result into dest.
func (s *DB) Scan(dest interface{}) *DB { return s }

// Model sets the model.
func (s *DB) Model(value interface{}) *DB { return s }

// Table sets the table.
func (s *DB) Table(name string) *DB { return s }

// Where adds a condition.
func (s *DB) Where(query interface{}, args ...interface{}) *DB { return s }

// First loads the first record.
func (s *DB) First(out interface{}, where ...interface{}) *DB { return s }

// Save saves a record.
func (s *DB) Save(value interface{}) *DB { return s }

// Update updates attributes.
func (s *DB) Update(attrs ...interface{}) *DB { return s }

// UpdateColumn updates columns without hooks.
func (s *DB) UpdateColumn(attrs ...interface{}) *DB { return s }

// SqlExpr is a raw SQL expression.
type SqlExpr struct{}

// Expr returns a raw SQL expression.
func Expr(expression string, args ...interface{}) *SqlExpr { return &SqlExpr{} }

// Set sets a setting for the statement.
func (s *DB) Set(name string, value interface{}) *DB { return s }
