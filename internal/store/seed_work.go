package store

import (
	"context"
	"fmt"
	"strings"

	"tuijin"
)

// Bulk writes of key nodes, reporting periods and reports for the seeder.
// Each record is written as the ordinary flow would have left it (the
// caller says which state it reached and when); the running sums that
// approvals keep are rebuilt once at the end by SeedFigures. Tests in
// seed_work_test.go hold both paths against each other.

// CreateNodes inserts a project's nodes as SaveNodes creates them: links to
// other nodes of the slice are -(index+1), and become ids. It sets each
// node's ID, ProjectID, Version and UpdatedAt.
func (s *Seeding) CreateNodes(projectID int64, nodes []tuijin.Node) error {
	st, err := s.stmt(`INSERT INTO nodes (project_id, key, name, seq, duration_days, planned_start, planned_finish, actual_start,
		actual_finish, department_id, person, remarks, preds, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`)
	if err != nil {
		return err
	}
	now := ts(s.tx.now)
	for i := range nodes {
		n := &nodes[i]
		for j, l := range n.Preds {
			if l.NodeID < 0 {
				if k := int(-l.NodeID - 1); k < i {
					n.Preds[j].NodeID = nodes[k].ID
				} else {
					return fmt.Errorf("node %q waits for a node after it", n.Name)
				}
			}
		}
		if err := n.Validate(); err != nil {
			return err
		}
		n.ProjectID = projectID
		if err := st.QueryRowContext(s.tx.ctx, projectID, n.Key, n.Name, n.Seq, n.DurationDays, n.PlannedStart, n.PlannedFinish,
			n.ActualStart, n.ActualFinish, nullInt(n.DepartmentID), n.Person, n.Remarks, jsonText(n.Preds), now, now).Scan(&n.ID); err != nil {
			return err
		}
		n.Version, n.UpdatedAt = 1, s.tx.now
	}
	s.imports("node", len(nodes))
	return nil
}

// CreatePeriod inserts a period as OpenPeriod does, with its audit row
// saying how many projects it asks, but without its reports: CreateReport
// writes each in the state it reached. p.Deadline is already counted.
func (s *Seeding) CreatePeriod(p *tuijin.Period, projects int) error {
	in := tuijin.PeriodInput{Name: p.Name, Kind: p.Kind, Year: p.Year, Start: p.Start, End: p.End, DeadlineDays: p.DeadlineDays,
		CountsInvestment: &p.CountsInvestment}
	if err := in.Validate(); err != nil {
		return err
	}
	now := ts(s.tx.now)
	if err := s.tx.QueryRow(`INSERT INTO periods (name, kind, year, start_date, end_date, deadline_days, deadline, counts_investment,
		created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`,
		p.Name, p.Kind, p.Year, p.Start, p.End, p.DeadlineDays, p.Deadline, p.CountsInvestment, s.tx.actor.Username, now, now).Scan(&p.ID); err != nil {
		return err
	}
	stored, err := s.tx.period(p.ID)
	if err != nil {
		return err
	}
	*p = *stored
	changes := tuijin.Changes(nil, p)
	changes["projects"] = [2]any{nil, projects}
	return s.tx.Audit("create", "period", p.ID, changes)
}

// ClosePeriod closes p as ClosePeriod does, with its audit row.
func (s *Seeding) ClosePeriod(p *tuijin.Period) error {
	before := *p
	res, err := s.tx.Exec("UPDATE periods SET closed = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
		true, ts(s.tx.now), p.ID, p.Version)
	if err := rowChanged(res, err); err != nil {
		return err
	}
	after, err := s.tx.period(p.ID)
	if err != nil {
		return err
	}
	*p = *after
	return s.tx.Audit("update", "period", p.ID, tuijin.Changes(&before, p))
}

// CreateReport inserts a report of period p in the state its flow reached:
// r.Status, its figures, who submitted and reviewed it and when
// (SubmittedAt, ReviewedAt, nil when not), r.Version as the steps left it
// (1 for an untouched draft, one more per save or step) and r.UpdatedAt;
// it was created when the period was opened. The running sums are not
// touched: SeedFigures rebuilds them from the approved reports.
func (s *Seeding) CreateReport(p *tuijin.Period, r *tuijin.Report) error {
	f := r.Fields()
	if err := f.Validate(); err != nil {
		return fmt.Errorf("report of project %d: %w", r.ProjectID, err)
	}
	switch {
	case r.Version < 1:
		return fmt.Errorf("report of project %d: version %d", r.ProjectID, r.Version)
	case r.Status != tuijin.ReportDraft && r.SubmittedAt == nil:
		return fmt.Errorf("report of project %d: %s but never submitted", r.ProjectID, r.Status)
	case (r.Status == tuijin.ReportApproved || r.Status == tuijin.ReportReturned) && r.ReviewedAt == nil:
		return fmt.Errorf("report of project %d: %s but never reviewed", r.ProjectID, r.Status)
	}
	st, err := s.stmt(`INSERT INTO reports (period_id, project_id, status, invested_yuan, progress_text, progress_percent, work_done,
		next_plan, problems, stats_entered, stats_yuan, submitted_at, submitted_by, reviewed_at, reviewed_by, return_reason,
		period_end, counts, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return err
	}
	if err := st.QueryRowContext(s.tx.ctx, p.ID, r.ProjectID, r.Status, f.InvestedYuan, f.ProgressText, f.ProgressPercent, f.WorkDone,
		f.NextPlan, f.Problems, f.StatsEntered, f.StatsYuan, tsPtr(r.SubmittedAt), r.SubmittedBy, tsPtr(r.ReviewedAt), r.ReviewedBy,
		r.ReturnReason, p.End, p.CountsInvestment, ts(p.CreatedAt), ts(r.UpdatedAt), r.Version).Scan(&r.ID); err != nil {
		return err
	}
	r.PeriodID = p.ID
	s.imports("report", 1)
	return nil
}

// SeedFigures sets every project's running sums, project_figures and
// projects.reported_yuan, to what the approvals of its reports would have
// left (see addFigures): the approved investment of counting periods, by
// the year and month each period ends, and all of it per project. It
// replaces what the sums held.
func (db *DB) SeedFigures(ctx context.Context) error {
	var months strings.Builder
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&months, ", SUM(CASE WHEN SUBSTR(period_end, 6, 2) = '%02d' THEN invested_yuan ELSE 0 END)", m)
	}
	const approved = "FROM reports WHERE status = ? AND counts = ?"
	return db.InTx(ctx, tuijin.SystemActor, func(tx *Tx) error {
		if err := tx.touch(HeadFigures); err != nil {
			return err
		}
		if _, err := tx.Exec("DELETE FROM project_figures"); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO project_figures (project_id, year, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12, stats_yuan)
			SELECT project_id, CAST(SUBSTR(period_end, 1, 4) AS INTEGER)`+months.String()+`, SUM(stats_yuan) `+approved+`
			GROUP BY project_id, CAST(SUBSTR(period_end, 1, 4) AS INTEGER)
			HAVING SUM(invested_yuan) <> 0 OR SUM(stats_yuan) <> 0`, tuijin.ReportApproved, true); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE projects SET reported_yuan = 0 WHERE reported_yuan <> 0"); err != nil {
			return err
		}
		_, err := tx.Exec(`UPDATE projects SET reported_yuan = f.total
			FROM (SELECT project_id, SUM(invested_yuan) AS total `+approved+` GROUP BY project_id) f
			WHERE projects.id = f.project_id AND f.total <> 0`, tuijin.ReportApproved, true)
		return err
	})
}
