// Package gormorm loads a counter record with gorm, changes it and saves
// it back.
package gormorm

import (
	"errors"

	"gorm.io/gorm"
)

// RateLimit is a counter record.
type RateLimit struct {
	Key   string
	Count int
}

// ErrLimited is the rate-limit error.
var ErrLimited = errors.New("rate limited")

// LoadSave reads the record, checks it and saves it back.
func LoadSave(db *gorm.DB, key string) error {
	var rl RateLimit
	if err := db.Where("key = ?", key).First(&rl).Error; err != nil {
		return err
	}
	if rl.Count >= 100 {
		return ErrLimited
	}
	rl.Count++
	return db.Save(&rl).Error // want `UPDATE writes a value computed from the SELECT before it`
}

// LoadUpdate writes back count+1.
func LoadUpdate(db *gorm.DB, key string) error {
	var rl RateLimit
	if err := db.First(&rl, "key = ?", key).Error; err != nil {
		return err
	}
	return db.Model(&rl).Where("key = ?", key).UpdateColumn("count", rl.Count+1).Error // want `UPDATE writes a value computed from the SELECT before it`
}

// Conditional increments in place under the limit.
func Conditional(db *gorm.DB, key string) (bool, error) {
	res := db.Model(&RateLimit{}).Where("key = ? AND count < ?", key, 100).UpdateColumn("count", gorm.Expr("count + 1"))
	return res.RowsAffected == 1, res.Error
}
