package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"tuijin"
)

// EscalationRule raises an open problem to Level once it is OverdueDays
// working days past its deadline, and may issue an order of Grade to its
// department.
type EscalationRule struct {
	Level       tuijin.EscalationLevel `json:"level"`
	OverdueDays int                    `json:"overdue_days"`
	Grade       string                 `json:"grade"` // "" issues no order
}

// DefaultEscalation is the usual ladder: listed supervision the first
// working day past the deadline, a special study at the monthly meeting
// after two weeks, a supervision report to the top leaders after a month.
var DefaultEscalation = []EscalationRule{
	{tuijin.LevelListed, 1, "notice"},
	{tuijin.LevelSpecialStudy, 10, "order"},
	{tuijin.LevelTopReport, 20, "circular"},
}

// EscalationRules are the office's rules, or the default.
func (db *DB) EscalationRules(ctx context.Context) ([]EscalationRule, error) {
	raw, err := db.Setting(ctx, "escalation_rules", "")
	if err != nil || raw == "" {
		return DefaultEscalation, err
	}
	var rules []EscalationRule
	if err := json.Unmarshal([]byte(raw), &rules); err != nil {
		return DefaultEscalation, nil
	}
	return rules, nil
}

var levelNames = map[tuijin.EscalationLevel]string{tuijin.LevelListed: "挂牌督办", tuijin.LevelSpecialStudy: "提交月度会议专题研究", tuijin.LevelTopReport: "督查专报主要领导"}

// Escalate raises every open problem that has aged past a rule's
// threshold, once: a level only ever rises, so running again the same day,
// or on two instances, changes nothing. overdue says how many working days
// a deadline is past today. It returns how many problems rose.
func (db *DB) Escalate(ctx context.Context, today string, overdue func(deadline string) int, rules []EscalationRule) (int, error) {
	raised := 0
	err := db.InTx(ctx, tuijin.SystemActor, func(tx *Tx) error {
		rows, err := tx.Query("SELECT id, level, deadline FROM problems WHERE status <> ? AND deadline < ? ORDER BY id", tuijin.ProblemClosed, today)
		if err != nil {
			return err
		}
		type open struct {
			id       int64
			level    tuijin.EscalationLevel
			deadline string
		}
		var list []open
		for rows.Next() {
			var o open
			if err := rows.Scan(&o.id, &o.level, &o.deadline); err != nil {
				rows.Close()
				return err
			}
			list = append(list, o)
		}
		rows.Close()
		for _, o := range list {
			days := overdue(o.deadline)
			target, grade := o.level, ""
			for _, r := range rules {
				if days >= r.OverdueDays && r.Level > target {
					target, grade = r.Level, r.Grade
				}
			}
			if target <= o.level {
				continue
			}
			if err := tx.raiseProblem(o.id, o.level, target, days, grade, today); err != nil {
				return err
			}
			raised++
		}
		return nil
	})
	return raised, err
}

func (tx *Tx) raiseProblem(id int64, from, to tuijin.EscalationLevel, days int, grade, today string) error {
	if err := tx.touch(HeadProblems); err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE problems SET level = ?, updated_at = ?, version = version + 1 WHERE id = ?", to, ts(tx.now), id); err != nil {
		return err
	}
	pr, err := tx.reader().problem(tuijin.SystemActor, id)
	if err != nil {
		return err
	}
	note := fmt.Sprintf("超期%d个工作日，升级为%s", days, levelNames[to])
	if err := tx.problemEvent(id, "escalate", pr.Status, pr.Status, note); err != nil {
		return err
	}
	if err := tx.Audit("escalate", "problem", id, map[string][2]any{"level": {from, to}}); err != nil {
		return err
	}
	if err := tx.notifyDepartment(pr, "problem_escalated", strconv.Itoa(int(to)), pr.Title); err != nil {
		return err
	}
	if grade == "" || pr.DepartmentID == nil {
		return nil
	}
	pid := id
	_, err = tx.createOrder(tuijin.OrderInput{Grade: grade, Title: "关于“" + pr.Title + "”的" + gradeNames[grade],
		DepartmentID: *pr.DepartmentID, Items: []tuijin.OrderItem{{ProblemID: &pid, Text: pr.Title + "（" + note + "）"}},
		ReplyDeadline: today})
	return err
}

var gradeNames = map[string]string{"notice": "提醒函", "order": "督办单", "circular": "通报"}
