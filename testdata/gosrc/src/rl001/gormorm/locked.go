package gormorm

import (
	gormv1 "github.com/jinzhu/gorm"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Locked loads the record FOR UPDATE in a transaction: fine.
func Locked(db *gorm.DB, key string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var rl RateLimit
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("key = ?", key).First(&rl).Error; err != nil {
			return err
		}
		if rl.Count >= 100 {
			return ErrLimited
		}
		rl.Count++
		return tx.Save(&rl).Error
	})
}

// LockedV1 locks with gorm v1's query option: fine.
func LockedV1(db *gormv1.DB, key string) error {
	var rl RateLimit
	if err := db.Set("gorm:query_option", "FOR UPDATE").Where("key = ?", key).First(&rl).Error; err != nil {
		return err
	}
	if rl.Count >= 100 {
		return ErrLimited
	}
	return db.Model(&rl).UpdateColumn("count", rl.Count+1).Error
}

// SharedLock only shares the lock: two requests still read the same count.
func SharedLock(db *gorm.DB, key string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var rl RateLimit
		if err := tx.Clauses(clause.Locking{Strength: clause.LockingStrengthShare}).Where("key = ?", key).First(&rl).Error; err != nil {
			return err
		}
		if rl.Count >= 100 {
			return ErrLimited
		}
		rl.Count++
		return tx.Save(&rl).Error // want `UPDATE writes a value computed from the SELECT before it`
	})
}
