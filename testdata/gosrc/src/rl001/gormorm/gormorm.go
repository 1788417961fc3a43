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

// Store keeps the counter records.
type Store struct{ db *gorm.DB }

// latest loads the newest record: a wrapper of a gorm read that takes no
// argument.
func (s *Store) latest() (*RateLimit, error) {
	var rl RateLimit
	if err := s.db.Order("count desc").Limit(1).Find(&rl).Error; err != nil {
		return nil, err
	}
	return &rl, nil
}

// ThroughWrapper reads the record through a wrapper with no argument and
// saves it back, changed.
func (s *Store) ThroughWrapper() error {
	rl, err := s.latest()
	if err != nil {
		return err
	}
	if rl.Count >= 100 {
		return ErrLimited
	}
	rl.Count++
	return s.db.Save(rl).Error // want `UPDATE writes a value computed from the SELECT before it`
}

// ThroughWrapperGuarded reads through the same wrapper but increments in
// place under the limit: the write is safe on its own.
func (s *Store) ThroughWrapperGuarded() error {
	rl, err := s.latest()
	if err != nil {
		return err
	}
	if rl.Count >= 100 {
		return ErrLimited
	}
	return s.db.Model(&RateLimit{}).Where("key = ? AND count < ?", rl.Key, 100).UpdateColumn("count", gorm.Expr("count + 1")).Error
}
