// Package gormtx runs quota read-modify-writes in gorm transactions at
// READ COMMITTED.
package gormtx

import (
	"database/sql"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Quota is a client's quota record.
type Quota struct {
	ClientID string
	Used     int
}

const limit = 100

// ErrQuota is the rate-limit error.
var ErrQuota = errors.New("quota exceeded")

// consume runs the pair in the function gorm's Transaction runs.
func consume(db *gorm.DB, client string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var q Quota
		if err := tx.Where("client_id = ?", client).First(&q).Error; err != nil {
			return err
		}
		if q.Used >= limit {
			return ErrQuota
		}
		return tx.Model(&q).Where("client_id = ?", client).Update("used", q.Used+1).Error
	}, &sql.TxOptions{Isolation: sql.LevelReadCommitted}) // want `this transaction runs at READ COMMITTED`
}

// consumeBegin begins the transaction with the options.
func consumeBegin(db *gorm.DB, client string) error {
	tx := db.Begin(&sql.TxOptions{Isolation: sql.LevelReadCommitted}) // want `this transaction runs at READ COMMITTED`
	defer tx.Rollback()
	var q Quota
	if err := tx.Where("client_id = ?", client).First(&q).Error; err != nil {
		return err
	}
	if q.Used >= limit {
		return ErrQuota
	}
	q.Used++
	if err := tx.Save(&q).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

// consumeRaw reads and writes with raw SQL in the transaction.
func consumeRaw(db *gorm.DB, client string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var used int
		if err := tx.Raw("SELECT used FROM quotas WHERE client_id = ?", client).Scan(&used).Error; err != nil {
			return err
		}
		if used >= limit {
			return ErrQuota
		}
		return tx.Exec("UPDATE quotas SET used = ? WHERE client_id = ?", used+1, client).Error
	}, &sql.TxOptions{Isolation: sql.LevelReadCommitted}) // want `this transaction runs at READ COMMITTED`
}

// defaultLevel runs at the database's default: nothing is set here.
func defaultLevel(db *gorm.DB, client string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var q Quota
		if err := tx.Where("client_id = ?", client).First(&q).Error; err != nil {
			return err
		}
		if q.Used >= limit {
			return ErrQuota
		}
		return tx.Model(&q).Where("client_id = ?", client).Update("used", q.Used+1).Error
	})
}

// locked loads the record FOR UPDATE at READ COMMITTED: fine.
func locked(db *gorm.DB, client string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var q Quota
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("client_id = ?", client).First(&q).Error; err != nil {
			return err
		}
		if q.Used >= limit {
			return ErrQuota
		}
		return tx.Model(&q).Where("client_id = ?", client).Update("used", q.Used+1).Error
	}, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
}

// conditional increments in place under the limit: fine.
func conditional(db *gorm.DB, client string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&Quota{}).Where("client_id = ? AND used < ?", client, limit).UpdateColumn("used", gorm.Expr("used + 1"))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrQuota
		}
		return nil
	}, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
}

// spend loads and saves the quota in the transaction it is given.
func spend(tx *gorm.DB, client string) error {
	var q Quota
	if err := tx.Where("client_id = ?", client).First(&q).Error; err != nil {
		return err
	}
	if q.Used >= limit {
		return ErrQuota
	}
	q.Used++
	return tx.Save(&q).Error
}

// consumeThroughHelper runs spend in the transaction gorm begins.
func consumeThroughHelper(db *gorm.DB, client string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		return spend(tx, client)
	}, &sql.TxOptions{Isolation: sql.LevelReadCommitted}) // want `this transaction runs at READ COMMITTED`
}
