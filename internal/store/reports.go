package store

import (
	"context"
	"strings"

	"tuijin"
)

const reportCols = `r.id, r.period_id, pe.name, r.project_id, p.name, p.code, COALESCE(d.name, ''), r.status, pe.deadline,
	r.invested_yuan, r.progress_text, r.progress_percent, r.work_done, r.next_plan, r.problems, r.stats_entered, r.stats_yuan,
	r.submitted_at, r.submitted_by, r.reviewed_at, r.reviewed_by, r.return_reason, r.updated_at, r.version`

const reportFrom = ` FROM reports r JOIN periods pe ON pe.id = r.period_id JOIN projects p ON p.id = r.project_id
	LEFT JOIN departments d ON d.id = p.department_id`

func scanReport(s interface{ Scan(...any) error }) (*tuijin.Report, error) {
	var r tuijin.Report
	var sub, rev, up timeCol
	if err := s.Scan(&r.ID, &r.PeriodID, &r.PeriodName, &r.ProjectID, &r.ProjectName, &r.ProjectCode, &r.Department, &r.Status,
		&r.Deadline, &r.InvestedYuan, &r.ProgressText, &r.ProgressPercent, &r.WorkDone, &r.NextPlan, &r.Problems,
		&r.StatsEntered, &r.StatsYuan, &sub, &r.SubmittedBy, &rev, &r.ReviewedBy, &r.ReturnReason, &up, &r.Version); err != nil {
		return nil, notFound(err)
	}
	r.SubmittedAt, r.ReviewedAt, r.UpdatedAt = sub.Ptr(), rev.Ptr(), up.T
	r.Photos, r.Amendments = []tuijin.Photo{}, []tuijin.Amendment{}
	return &r, nil
}

// report reads one report the actor may see, with photos and amendments.
func (r reader) report(actor *tuijin.Actor, id int64) (*tuijin.Report, error) {
	where, args := "r.id = ?", []any{id}
	if cond, cargs := projectScope(actor); cond != "" {
		where, args = where+" AND "+cond, append(args, cargs...)
	}
	rep, err := scanReport(r.QueryRow("SELECT "+reportCols+reportFrom+" WHERE "+where, args...))
	if err != nil {
		return nil, err
	}
	if rep.Photos, err = r.photos(id); err != nil {
		return nil, err
	}
	rep.Amendments, err = r.amendments(id)
	return rep, err
}

// Report returns one report in the actor's scope.
func (db *DB) Report(ctx context.Context, actor *tuijin.Actor, id int64) (*tuijin.Report, error) {
	return db.reader(ctx).report(actor, id)
}

// Reports lists reports in the actor's scope.
func (db *DB) Reports(ctx context.Context, actor *tuijin.Actor, f tuijin.ReportFilter, today string) (*tuijin.List[tuijin.Report], error) {
	f.Normalize()
	var where []string
	var args []any
	if cond, cargs := projectScope(actor); cond != "" {
		where, args = append(where, cond), append(args, cargs...)
	}
	if f.Mine && actor.Role == tuijin.RoleOfficer {
		where, args = append(where, "p.officer_id = ?"), append(args, actor.UserID)
	}
	if f.PeriodID != nil {
		where, args = append(where, "r.period_id = ?"), append(args, *f.PeriodID)
	}
	if f.Status != "" {
		where, args = append(where, "r.status = ?"), append(args, f.Status)
	}
	if f.DepartmentID != nil {
		where, args = append(where, "p.department_id = ?"), append(args, *f.DepartmentID)
	}
	if f.ProjectID != nil {
		where, args = append(where, "r.project_id = ?"), append(args, *f.ProjectID)
	}
	if f.Late {
		where = append(where, "pe.deadline < ? AND r.status IN (?, ?)")
		args = append(args, today, tuijin.ReportDraft, tuijin.ReportReturned)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	order, err := orderBy(f.Sort, map[string]string{"id": "r.id", "project": "p.name", "status": "r.status",
		"invested_yuan": "r.invested_yuan", "deadline": "pe.deadline", "department": "d.name", "updated_at": "r.updated_at"}, "-deadline")
	if err != nil {
		return nil, err
	}
	order = strings.Replace(order, ", id", ", r.id", 1)
	if f.PeriodID != nil && f.Sort == "" {
		// One period has one deadline: its reports in project order, which
		// the (period_id, project_id) index gives a page at a time.
		order = " ORDER BY r.project_id"
	}
	rd := db.reader(ctx)
	out := &tuijin.List[tuijin.Report]{Items: []tuijin.Report{}, Page: f.Page.Page, PerPage: f.PerPage}
	countFrom := reportFrom
	if !strings.Contains(cond, "p.") && !strings.Contains(cond, "pe.") && !strings.Contains(cond, "d.") {
		countFrom = " FROM reports r" // every report has its period and project
	}
	if err := rd.QueryRow("SELECT COUNT(*)"+countFrom+cond, args...).Scan(&out.Total); err != nil {
		return nil, err
	}
	rows, err := rd.Query("SELECT "+reportCols+reportFrom+cond+order+" LIMIT ? OFFSET ?", append(args, f.PerPage, f.Offset())...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		rep, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, *rep)
	}
	return out, rows.Err()
}

// ReportAction is a step in a report's flow.
type ReportAction string

const (
	ActionSave    ReportAction = "save"    // draft or returned: change the figures
	ActionSubmit  ReportAction = "submit"  // draft or returned → submitted
	ActionApprove ReportAction = "approve" // submitted → approved (locked)
	ActionReturn  ReportAction = "return"  // submitted → returned, with a reason
	ActionAmend   ReportAction = "amend"   // approved: corrected figures with a reason
)

// ReportStep is one request to move a report: the action, the version the
// actor read, new figures (save, submit, amend) and a reason (return,
// amend).
type ReportStep struct {
	Action  ReportAction
	Version int64
	Fields  *tuijin.ReportFields
	Reason  string
}

// OnReportChange is called inside the transaction of every report change
// that can move the figures (an approval, an amendment), so that what
// depends on them (the warning lights) changes with them.
type OnReportChange func(tx *Tx, rep *tuijin.Report) error

// StepReport moves a report along its flow, checking the actor's right to
// the step, the report's state and version, and records it in the audit.
func (db *DB) StepReport(ctx context.Context, actor *tuijin.Actor, id int64, st ReportStep, hooks ...OnReportChange) (*tuijin.Report, error) {
	var out *tuijin.Report
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var err error
		out, err = tx.StepReport(id, st, hooks...)
		return err
	})
	return out, err
}

// StepReport takes a step inside tx, for the tx's actor (the period sheet
// import submits many reports in one transaction).
func (tx *Tx) StepReport(id int64, st ReportStep, hooks ...OnReportChange) (*tuijin.Report, error) {
	before, err := tx.reader().report(tx.actor, id)
	if err != nil {
		return nil, err
	}
	if err := checkStep(tx.actor, before, st); err != nil {
		return nil, err
	}
	var closed bool
	if err := tx.QueryRow("SELECT closed FROM periods WHERE id = ?", before.PeriodID).Scan(&closed); err != nil {
		return nil, err
	}
	if closed && (st.Action == ActionSave || st.Action == ActionSubmit) {
		return nil, tuijin.Errorf(tuijin.EINVALID, "period_closed")
	}
	if err := tx.applyStep(before, st); err != nil {
		return nil, err
	}
	out, err := tx.reader().report(tuijin.SystemActor, id)
	if err != nil {
		return nil, err
	}
	changes := tuijin.Changes(before.Fields(), out.Fields())
	if before.Status != out.Status {
		changes["status"] = [2]any{before.Status, out.Status}
	}
	if st.Reason != "" {
		changes["reason"] = [2]any{nil, st.Reason}
	}
	if err := tx.Audit(string(st.Action), "report", id, changes); err != nil {
		return nil, err
	}
	if st.Action == ActionApprove || st.Action == ActionAmend {
		for _, h := range hooks {
			if err := h(tx, out); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// checkStep decides whether actor may take the step from the report's
// current state.
func checkStep(actor *tuijin.Actor, rep *tuijin.Report, st ReportStep) error {
	if rep.Version != st.Version {
		return tuijin.ErrStale
	}
	var perm tuijin.Permission
	var from []tuijin.ReportStatus
	switch st.Action {
	case ActionSave, ActionSubmit:
		perm, from = tuijin.PermFillReports, []tuijin.ReportStatus{tuijin.ReportDraft, tuijin.ReportReturned}
	case ActionApprove, ActionReturn:
		perm, from = tuijin.PermReviewReports, []tuijin.ReportStatus{tuijin.ReportSubmitted}
	case ActionAmend:
		perm, from = tuijin.PermReviewReports, []tuijin.ReportStatus{tuijin.ReportApproved}
	default:
		return invalidField("action", "invalid_choice")
	}
	if err := actor.Require(perm); err != nil {
		return err
	}
	ok := false
	for _, s := range from {
		ok = ok || rep.Status == s
	}
	if !ok {
		return &tuijin.Error{Code: tuijin.ECONFLICT, Key: "report_is_" + string(rep.Status)}
	}
	if (st.Action == ActionReturn || st.Action == ActionAmend) && strings.TrimSpace(st.Reason) == "" {
		return invalidField("reason", "required")
	}
	if st.Action == ActionAmend && st.Fields == nil {
		return invalidField("fields", "required")
	}
	if st.Fields != nil {
		return st.Fields.Validate()
	}
	return nil
}

func (tx *Tx) applyStep(rep *tuijin.Report, st ReportStep) error {
	f := rep.Fields()
	if st.Fields != nil {
		f = *st.Fields
	}
	now, who := ts(tx.now), tx.actor.Username
	set := "invested_yuan = ?, progress_text = ?, progress_percent = ?, work_done = ?, next_plan = ?, problems = ?, stats_entered = ?, stats_yuan = ?"
	args := []any{f.InvestedYuan, f.ProgressText, f.ProgressPercent, f.WorkDone, f.NextPlan, f.Problems, f.StatsEntered, f.StatsYuan}
	switch st.Action {
	case ActionSubmit:
		set += ", status = ?, submitted_at = ?, submitted_by = ?, return_reason = ''"
		args = append(args, tuijin.ReportSubmitted, now, who)
	case ActionApprove:
		set += ", status = ?, reviewed_at = ?, reviewed_by = ?"
		args = append(args, tuijin.ReportApproved, now, who)
		if err := tx.countReport(rep.ID, f.InvestedYuan, f.StatsYuan); err != nil {
			return err
		}
	case ActionReturn:
		set += ", status = ?, reviewed_at = ?, reviewed_by = ?, return_reason = ?"
		args = append(args, tuijin.ReportReturned, now, who, strings.TrimSpace(st.Reason))
	case ActionAmend:
		old := rep.Fields()
		if err := tx.countReport(rep.ID, f.InvestedYuan-old.InvestedYuan, f.StatsYuan-old.StatsYuan); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO report_amendments (report_id, reason, before_fields, after_fields, user_id, username, at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, rep.ID, strings.TrimSpace(st.Reason), jsonText(rep.Fields()), jsonText(f),
			nullInt(actorID(tx.actor)), who, now); err != nil {
			return err
		}
	}
	res, err := tx.Exec("UPDATE reports SET "+set+", updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
		append(args, now, rep.ID, st.Version)...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return tuijin.ErrStale
	}
	return tx.touch(HeadReports)
}

// countReport adds an approved report's figures (or an amendment's
// difference) to its project's running sums, if its period counts.
func (tx *Tx) countReport(id, invested, stats int64) error {
	var projectID int64
	var end string
	var counts bool
	if err := tx.QueryRow("SELECT project_id, period_end, counts FROM reports WHERE id = ?", id).Scan(&projectID, &end, &counts); err != nil {
		return err
	}
	if !counts {
		return nil
	}
	return tx.addFigures(projectID, end, invested, stats)
}

func (r reader) amendments(reportID int64) ([]tuijin.Amendment, error) {
	rows, err := r.Query("SELECT id, reason, before_fields, after_fields, username, at FROM report_amendments WHERE report_id = ? ORDER BY id", reportID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuijin.Amendment{}
	for rows.Next() {
		var a tuijin.Amendment
		var at timeCol
		if err := rows.Scan(&a.ID, &a.Reason, jsonCol{&a.Before}, jsonCol{&a.After}, &a.Username, &at); err != nil {
			return nil, err
		}
		a.At = at.T
		out = append(out, a)
	}
	return out, rows.Err()
}
