package store

import (
	"context"

	"tuijin"
)

const periodCols = `id, name, kind, year, start_date, end_date, deadline_days, deadline, counts_investment, closed,
	created_by, created_at, version`

func scanPeriod(s interface{ Scan(...any) error }) (*tuijin.Period, error) {
	var p tuijin.Period
	var c timeCol
	if err := s.Scan(&p.ID, &p.Name, &p.Kind, &p.Year, &p.Start, &p.End, &p.DeadlineDays, &p.Deadline, &p.CountsInvestment,
		&p.Closed, &p.CreatedBy, &c, &p.Version); err != nil {
		return nil, notFound(err)
	}
	p.CreatedAt = c.T
	return &p, nil
}

// OpenPeriod opens a reporting period and gives every project in its scope
// (the year's list, or the chosen projects of it) a draft report. deadline
// is End plus DeadlineDays working days, counted by the caller on the
// calendar.
func (db *DB) OpenPeriod(ctx context.Context, actor *tuijin.Actor, in tuijin.PeriodInput, deadline string) (*tuijin.Period, error) {
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *tuijin.Period
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var err error
		out, err = tx.OpenPeriod(in, deadline)
		return err
	})
	return out, err
}

// OpenPeriod opens a period inside tx (the scheduled job uses it too).
func (tx *Tx) OpenPeriod(in tuijin.PeriodInput, deadline string) (*tuijin.Period, error) {
	ids, err := tx.periodProjects(in)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, tuijin.Errorf(tuijin.EINVALID, "period_no_projects", in.Year)
	}
	if *in.CountsInvestment {
		if err := tx.checkOverlap(in); err != nil {
			return nil, err
		}
	}
	now := ts(tx.now)
	var id int64
	if err := tx.QueryRow(`INSERT INTO periods (name, kind, year, start_date, end_date, deadline_days, deadline, counts_investment,
		created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`,
		in.Name, in.Kind, in.Year, in.Start, in.End, in.DeadlineDays, deadline, *in.CountsInvestment, tx.actor.Username, now, now).Scan(&id); err != nil {
		return nil, err
	}
	if err := tx.touch(HeadReports); err != nil {
		return nil, err
	}
	for _, pid := range ids {
		if _, err := tx.Exec(`INSERT INTO reports (period_id, project_id, status, period_end, counts, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, 1)`, id, pid, tuijin.ReportDraft, in.End, *in.CountsInvestment, now, now); err != nil {
			return nil, err
		}
	}
	p, err := tx.period(id)
	if err != nil {
		return nil, err
	}
	changes := tuijin.Changes(nil, p)
	changes["projects"] = [2]any{nil, len(ids)}
	return p, tx.Audit("create", "period", id, changes)
}

// periodProjects are the live projects on the year's list, narrowed to
// the chosen ones.
func (tx *Tx) periodProjects(in tuijin.PeriodInput) ([]int64, error) {
	q := `SELECT p.id FROM projects p JOIN project_years y ON y.project_id = p.id AND y.year = ? WHERE p.archived = ?`
	args := []any{in.Year, false}
	if len(in.ProjectIDs) > 0 {
		q += " AND p.id IN (" + placeholders(len(in.ProjectIDs)) + ")"
		for _, id := range in.ProjectIDs {
			args = append(args, id)
		}
	}
	rows, err := tx.Query(q+" ORDER BY p.id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if len(in.ProjectIDs) > 0 && len(ids) != len(in.ProjectIDs) {
		return nil, invalidField("project_ids", "not_on_year_list")
	}
	return ids, rows.Err()
}

// checkOverlap refuses a counting period whose dates overlap another
// counting period of the same list: the same money would count twice.
func (tx *Tx) checkOverlap(in tuijin.PeriodInput) error {
	var name string
	err := tx.QueryRow(`SELECT name FROM periods WHERE year = ? AND counts_investment = ? AND start_date <= ? AND end_date >= ?
		ORDER BY id LIMIT 1`, in.Year, true, in.End, in.Start).Scan(&name)
	if err == nil {
		return &tuijin.Error{Code: tuijin.ECONFLICT, Key: "period_overlap", Args: []any{name}}
	}
	return notFoundOK(err)
}

func notFoundOK(err error) error {
	if err == nil || notFound(err) == tuijin.ErrNotFound {
		return nil
	}
	return err
}

func (tx *Tx) period(id int64) (*tuijin.Period, error) {
	return scanPeriod(tx.QueryRow("SELECT "+periodCols+" FROM periods WHERE id = ?", id))
}

// Period returns one period with its report counts in the actor's scope.
func (db *DB) Period(ctx context.Context, actor *tuijin.Actor, id int64, today string) (*tuijin.Period, error) {
	r := db.reader(ctx)
	p, err := scanPeriod(r.QueryRow("SELECT "+periodCols+" FROM periods WHERE id = ?", id))
	if err != nil {
		return nil, err
	}
	counts, err := r.reportCounts(actor, []int64{id}, today)
	if err != nil {
		return nil, err
	}
	p.Counts = counts[id]
	return p, nil
}

// Periods lists the periods of a year (all years with 0), newest first,
// with report counts in the actor's scope.
func (db *DB) Periods(ctx context.Context, actor *tuijin.Actor, year int, today string) ([]tuijin.Period, error) {
	r := db.reader(ctx)
	q, args := "SELECT "+periodCols+" FROM periods", []any{}
	if year != 0 {
		q, args = q+" WHERE year = ?", append(args, year)
	}
	rows, err := r.Query(q+" ORDER BY end_date DESC, id DESC", args...)
	if err != nil {
		return nil, err
	}
	out := []tuijin.Period{}
	var ids []int64
	for rows.Next() {
		p, err := scanPeriod(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out, ids = append(out, *p), append(ids, p.ID)
	}
	rows.Close()
	if len(ids) == 0 {
		return out, rows.Err()
	}
	counts, err := r.reportCounts(actor, ids, today)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Counts = counts[out[i].ID]
	}
	return out, nil
}

// reportCounts counts the reports of periods by status, within scope.
func (r reader) reportCounts(actor *tuijin.Actor, periodIDs []int64, today string) (map[int64]tuijin.ReportCounts, error) {
	where := "r.period_id IN (" + placeholders(len(periodIDs)) + ")"
	args := make([]any, 0, len(periodIDs)+4)
	args = append(args, today, tuijin.ReportDraft, tuijin.ReportReturned)
	for _, id := range periodIDs {
		args = append(args, id)
	}
	// The projects are joined only to narrow the count to the actor's
	// scope: seeing all, the count is an index-only scan of the reports.
	from := "reports r JOIN periods pe ON pe.id = r.period_id"
	if cond, cargs := projectScope(actor); cond != "" {
		from += " JOIN projects p ON p.id = r.project_id"
		where, args = where+" AND "+cond, append(args, cargs...)
	}
	rows, err := r.Query(`SELECT r.period_id, r.status, COUNT(*),
		SUM(CASE WHEN pe.deadline < ? AND r.status IN (?, ?) THEN 1 ELSE 0 END)
		FROM `+from+` WHERE `+where+` GROUP BY r.period_id, r.status`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]tuijin.ReportCounts{}
	for rows.Next() {
		var id int64
		var status tuijin.ReportStatus
		var n, late int
		if err := rows.Scan(&id, &status, &n, &late); err != nil {
			return nil, err
		}
		c := out[id]
		c.Total += n
		c.Late += late
		switch status {
		case tuijin.ReportDraft:
			c.Draft = n
		case tuijin.ReportSubmitted:
			c.Submitted = n
		case tuijin.ReportReturned:
			c.Returned = n
		case tuijin.ReportApproved:
			c.Approved = n
		}
		out[id] = c
	}
	return out, rows.Err()
}

// ClosePeriod closes (or reopens) a period: a closed period takes no more
// submissions.
func (db *DB) ClosePeriod(ctx context.Context, actor *tuijin.Actor, id, version int64, closed bool) (*tuijin.Period, error) {
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return nil, err
	}
	var out *tuijin.Period
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		before, err := tx.period(id)
		if err != nil {
			return err
		}
		res, err := tx.Exec("UPDATE periods SET closed = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
			closed, ts(tx.now), id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tuijin.ErrStale
		}
		if err := tx.touch(HeadReports); err != nil {
			return err
		}
		if out, err = tx.period(id); err != nil {
			return err
		}
		return tx.Audit("update", "period", id, tuijin.Changes(before, out))
	})
	return out, err
}

// PeriodExists reports whether a period of kind already covers end for
// year (the scheduled opening uses it to open each period once).
func (db *DB) PeriodExists(ctx context.Context, year int, kind tuijin.PeriodKind, end string) (bool, error) {
	var n int
	err := db.reader(ctx).QueryRow("SELECT COUNT(*) FROM periods WHERE year = ? AND kind = ? AND end_date = ?", year, kind, end).Scan(&n)
	return n > 0, err
}
