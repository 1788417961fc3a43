// Package gormcount increments counters with gorm (v2 and jinzhu's v1).
package gormcount

import (
	jgorm "github.com/jinzhu/gorm"
	"gorm.io/gorm"
)

// Counter is a counter row.
type Counter struct {
	Name string
	Hits int64
}

// Global increments one row for every client.
func Global(db *gorm.DB) error {
	return db.Model(&Counter{}).Where("name = ?", "global").UpdateColumn("hits", gorm.Expr("hits + ?", 1)).Error // want `UPDATE increments hits in counters on a constant key`
}

// GlobalV1 does the same with gorm v1 and an explicit table.
func GlobalV1(db *jgorm.DB) error {
	return db.Table("request_totals").Where("name = 'global'").UpdateColumn("hits", jgorm.Expr("hits + 1")).Error // want `UPDATE increments hits in request_totals on a constant key`
}

// PerClient spreads the counter over clients.
func PerClient(db *gorm.DB, client string) error {
	return db.Model(&Counter{}).Where("client_id = ?", client).UpdateColumn("hits", gorm.Expr("hits + ?", 1)).Error
}

// RawGlobal runs the increment as raw SQL.
func RawGlobal(db *gorm.DB) error {
	return db.Exec("UPDATE request_totals SET hits = hits + 1 WHERE name = 'global'").Error // want `UPDATE increments hits in request_totals on a constant key`
}
