package store

import (
	"context"
	"fmt"
	"strconv"

	"tuijin"
)

// ReportReminders tells the people of each project whose report is not yet
// submitted that its deadline is near (on or before dueBy) or has passed
// (before today). Each reminder goes out once per report.
func (db *DB) ReportReminders(ctx context.Context, today, dueBy string) (int, error) {
	sent := 0
	err := db.InTx(ctx, tuijin.SystemActor, func(tx *Tx) error {
		rows, err := tx.Query(`SELECT r.id, r.project_id, p.name, pe.name, pe.deadline FROM reports r
			JOIN periods pe ON pe.id = r.period_id JOIN projects p ON p.id = r.project_id
			WHERE pe.closed = ? AND r.status IN (?, ?) AND pe.deadline <= ? ORDER BY pe.deadline, r.id`,
			false, tuijin.ReportDraft, tuijin.ReportReturned, dueBy)
		if err != nil {
			return err
		}
		type due struct {
			id, project             int64
			pname, period, deadline string
		}
		var list []due
		for rows.Next() {
			var d due
			if err := rows.Scan(&d.id, &d.project, &d.pname, &d.period, &d.deadline); err != nil {
				rows.Close()
				return err
			}
			list = append(list, d)
		}
		rows.Close()
		for _, d := range list {
			people, err := tx.projectPeople(d.project)
			if err != nil {
				return err
			}
			pid := d.project
			n := tuijin.Notification{Kind: "report_due", ProjectID: &pid, Link: "/reports/" + strconv.FormatInt(d.id, 10),
				Args: []string{d.period, d.pname, d.deadline}}
			if d.deadline < today {
				n.Kind = "report_late"
			}
			k, err := tx.Notify(people, n, fmt.Sprintf("%s:%d", n.Kind, d.id))
			if err != nil {
				return err
			}
			sent += k
		}
		return nil
	})
	return sent, err
}
