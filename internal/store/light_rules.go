package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tuijin"
	"tuijin/internal/lights"
)

const ruleSetCols = "id, name, year, preset, rules, active, created_at, updated_at, version"

func scanRuleSet(s interface{ Scan(...any) error }) (*lights.RuleSet, error) {
	var rs lights.RuleSet
	var c, u timeCol
	if err := s.Scan(&rs.ID, &rs.Name, &rs.Year, &rs.Preset, jsonCol{&rs.Rules}, &rs.Active, &c, &u, &rs.Version); err != nil {
		return nil, notFound(err)
	}
	rs.CreatedAt, rs.UpdatedAt = c.T, u.T
	return &rs, nil
}

// RuleSets lists the rule sets of a year (all years with 0).
func (db *DB) RuleSets(ctx context.Context, year int) ([]lights.RuleSet, error) {
	q, args := "SELECT "+ruleSetCols+" FROM light_rule_sets", []any{}
	if year != 0 {
		q, args = q+" WHERE year = ?", append(args, year)
	}
	rows, err := db.reader(ctx).Query(q+" ORDER BY year DESC, active DESC, id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []lights.RuleSet{}
	for rows.Next() {
		rs, err := scanRuleSet(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *rs)
	}
	return out, rows.Err()
}

// ValidateRuleSet checks a rule set's name, year and rules.
func ValidateRuleSet(rs *lights.RuleSet) error {
	var v tuijin.Validation
	rs.Name = strings.TrimSpace(rs.Name)
	if rs.Name == "" || len([]rune(rs.Name)) > 100 {
		v.Add("name", "required")
	}
	if rs.Year < 1990 || rs.Year > 2100 {
		v.Add("year", "invalid_year")
	}
	if len(rs.Rules) == 0 {
		v.Add("rules", "required")
	}
	for i, r := range rs.Rules {
		if field, key := r.Validate(); key != "" {
			v.Add(fmt.Sprintf("rules[%d].%s", i, field), key)
		}
	}
	return v.Err()
}

// CreateRuleSet stores a new, inactive rule set.
func (db *DB) CreateRuleSet(ctx context.Context, actor *tuijin.Actor, rs lights.RuleSet) (*lights.RuleSet, error) {
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return nil, err
	}
	if err := ValidateRuleSet(&rs); err != nil {
		return nil, err
	}
	var out *lights.RuleSet
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		now := ts(tx.now)
		var id int64
		if err := tx.QueryRow(`INSERT INTO light_rule_sets (name, year, preset, rules, active, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`, rs.Name, rs.Year, rs.Preset, jsonText(rs.Rules), false, now, now).Scan(&id); err != nil {
			return err
		}
		var err error
		if out, err = scanRuleSet(tx.QueryRow("SELECT "+ruleSetCols+" FROM light_rule_sets WHERE id = ?", id)); err != nil {
			return err
		}
		return tx.Audit("create", "light_rule_set", id, tuijin.Changes(nil, out))
	})
	return out, err
}

// UpdateRuleSet changes a rule set (version checked). When the set is
// active, the year's lights are recomputed in the same transaction.
func (db *DB) UpdateRuleSet(ctx context.Context, actor *tuijin.Actor, id, version int64, name string, rules []lights.Rule,
	asOf time.Time, workdays Workdays) (*lights.RuleSet, error) {
	return db.changeRuleSet(ctx, actor, id, version, asOf, workdays, func(rs *lights.RuleSet) error {
		rs.Name, rs.Rules = name, rules
		return ValidateRuleSet(rs)
	})
}

// ActivateRuleSet makes a rule set the active one of its year and
// recomputes the year's lights with it, in one transaction.
func (db *DB) ActivateRuleSet(ctx context.Context, actor *tuijin.Actor, id, version int64, asOf time.Time, workdays Workdays) (*lights.RuleSet, error) {
	return db.changeRuleSet(ctx, actor, id, version, asOf, workdays, func(rs *lights.RuleSet) error {
		rs.Active = true
		return nil
	})
}

func (db *DB) changeRuleSet(ctx context.Context, actor *tuijin.Actor, id, version int64, asOf time.Time, workdays Workdays,
	change func(*lights.RuleSet) error) (*lights.RuleSet, error) {
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return nil, err
	}
	var out *lights.RuleSet
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		before, err := scanRuleSet(tx.QueryRow("SELECT "+ruleSetCols+" FROM light_rule_sets WHERE id = ?", id))
		if err != nil {
			return err
		}
		if before.Version != version {
			return tuijin.ErrStale
		}
		after := *before
		after.Rules = append([]lights.Rule(nil), before.Rules...)
		if err := change(&after); err != nil {
			return err
		}
		if after.Active && !before.Active {
			if _, err := tx.Exec("UPDATE light_rule_sets SET active = ?, updated_at = ? WHERE year = ? AND active = ?",
				false, ts(tx.now), after.Year, true); err != nil {
				return err
			}
		}
		if _, err := tx.Exec("UPDATE light_rule_sets SET name = ?, rules = ?, active = ?, updated_at = ?, version = version + 1 WHERE id = ?",
			after.Name, jsonText(after.Rules), after.Active, ts(tx.now), id); err != nil {
			return err
		}
		if out, err = scanRuleSet(tx.QueryRow("SELECT "+ruleSetCols+" FROM light_rule_sets WHERE id = ?", id)); err != nil {
			return err
		}
		if err := tx.Audit("update", "light_rule_set", id, tuijin.Changes(before, out)); err != nil {
			return err
		}
		if out.Active {
			_, err = tx.RecomputeLights(out.Year, asOf, nil, "rules", workdays)
		}
		return err
	})
	return out, err
}
