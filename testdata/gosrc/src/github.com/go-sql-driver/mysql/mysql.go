// Package mysql is a test stub of github.com/go-sql-driver/mysql.
package mysql

// Config is a DSN configuration.
type Config struct {
	User, Passwd, Addr, DBName string
}

// FormatDSN formats the configuration as a DSN.
func (c *Config) FormatDSN() string { return "" }
