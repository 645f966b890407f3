package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"tuijin"
)

// PeriodFigureRow is one project's row of a period sheet the office
// received on paper or by mail, already read.
type PeriodFigureRow struct {
	Line       int
	Code, Name string
	Fields     tuijin.ReportFields
	// Set names (by JSON name) the fields the row fills in; the others keep
	// what the report has, so a blank cell never erases a figure.
	Set []string
	// YearToDateYuan is 1-N月 from a sheet that has no column for the
	// period itself: the period's figure is it less what was approved
	// earlier in the year.
	YearToDateYuan *int64
}

// Actions of a period import row.
const (
	PeriodRowSubmit = "submit" // the figures are saved and the report submitted for review
	PeriodRowSkip   = "skip"   // left as it is (approved, already submitted, nothing filled in)
	PeriodRowError  = "error"  // refused: the import writes nothing
)

// PeriodImportRow is what the import does with one row.
type PeriodImportRow struct {
	Line      int                 `json:"line"`
	Action    string              `json:"action"`
	ReportID  int64               `json:"report_id,omitempty"`
	ProjectID int64               `json:"project_id,omitempty"`
	MatchedBy string              `json:"matched_by,omitempty"` // code or name
	Status    tuijin.ReportStatus `json:"status,omitempty"`     // the report's, before the import
	Changes   map[string][2]any   `json:"changes,omitempty"`
	// Reason is why a row is skipped or refused; the edge words it.
	Reason *tuijin.Error `json:"-"`
}

// PeriodImportPlan is what an import of a period's figures did, or would
// do on a dry run.
type PeriodImportPlan struct {
	PeriodID  int64             `json:"period_id"`
	Rows      []PeriodImportRow `json:"rows"`
	Submit    int               `json:"submit"`
	Skip      int               `json:"skip"`
	Errors    int               `json:"errors"`
	Committed bool              `json:"committed"`
	// Unreported are the period's reports still to come in (draft or
	// returned) that the sheet does not name.
	Unreported []tuijin.ProjectRef `json:"unreported"`
}

// ImportPeriodFigures matches each row to the period's report of its
// project (by code, else by exact name) and submits the report with the
// row's figures, as if its department had: the office enters what came in
// on paper, and the reports are then reviewed as usual. Approved reports
// are not changed (an approved figure is corrected by an amendment, with a
// reason); reports already submitted are left for their review. Every
// step goes through the report flow, audited, in one transaction; with
// dryRun, or when any row is refused, the transaction is rolled back, so
// the plan is exactly what a commit would do and a sheet with one bad row
// writes nothing.
func (db *DB) ImportPeriodFigures(ctx context.Context, actor *tuijin.Actor, periodID int64, rows []PeriodFigureRow, dryRun bool) (*PeriodImportPlan, error) {
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return nil, err
	}
	var plan *PeriodImportPlan
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var err error
		if plan, err = tx.importPeriod(periodID, rows); err != nil {
			return err
		}
		if dryRun || plan.Errors > 0 {
			return errDryRun
		}
		plan.Committed = true
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, err
	}
	return plan, nil
}

// periodIndex finds a period's reports by their project's code and name,
// and tells a project outside the period from one that does not exist.
type periodIndex struct {
	reports        []tuijin.Report
	byCode, byName map[string]int // → index in reports; -1 when two share a name
	ledger         map[string]bool
}

func (tx *Tx) loadPeriodIndex(periodID int64) (*periodIndex, error) {
	ix := &periodIndex{byCode: map[string]int{}, byName: map[string]int{}, ledger: map[string]bool{}}
	where, args := "r.period_id = ?", []any{periodID}
	if cond, cargs := projectScope(tx.actor); cond != "" {
		where, args = where+" AND "+cond, append(args, cargs...)
	}
	rows, err := tx.Query("SELECT "+reportCols+reportFrom+" WHERE "+where+" ORDER BY p.id", args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		rep, err := scanReport(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		i := len(ix.reports)
		ix.reports = append(ix.reports, *rep)
		if rep.ProjectCode != "" {
			ix.byCode[rep.ProjectCode] = i
		}
		if _, dup := ix.byName[rep.ProjectName]; dup {
			ix.byName[rep.ProjectName] = -1
		} else {
			ix.byName[rep.ProjectName] = i
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.Query("SELECT code, name FROM projects WHERE archived = ?", false)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var code, name string
		if err := rows.Scan(&code, &name); err != nil {
			return nil, err
		}
		if code != "" {
			ix.ledger["code:"+code] = true
		}
		ix.ledger["name:"+name] = true
	}
	return ix, rows.Err()
}

// match finds the report a row names: by code first, since names get
// edited between versions of a sheet, then by exact name. A code of a
// project outside the period is not overruled by the name.
func (ix *periodIndex) match(r *PeriodFigureRow) (*tuijin.Report, string, *tuijin.Error) {
	label := r.Name
	if label == "" {
		label = r.Code
	}
	if r.Code != "" {
		if i, ok := ix.byCode[r.Code]; ok {
			return &ix.reports[i], "code", nil
		}
		if ix.ledger["code:"+r.Code] {
			return nil, "", tuijin.Errorf(tuijin.EINVALID, "period_row_not_in_period", label)
		}
	}
	if i, ok := ix.byName[r.Name]; ok && r.Name != "" {
		if i < 0 {
			return nil, "", tuijin.Errorf(tuijin.EINVALID, "period_row_ambiguous", r.Name)
		}
		return &ix.reports[i], "name", nil
	}
	if ix.ledger["name:"+r.Name] {
		return nil, "", tuijin.Errorf(tuijin.EINVALID, "period_row_not_in_period", label)
	}
	return nil, "", tuijin.Errorf(tuijin.EINVALID, "period_row_no_project", label)
}

func (tx *Tx) importPeriod(periodID int64, rows []PeriodFigureRow) (*PeriodImportPlan, error) {
	pe, err := tx.period(periodID)
	if err != nil {
		return nil, err
	}
	if pe.Closed {
		return nil, tuijin.Errorf(tuijin.EINVALID, "period_closed")
	}
	ix, err := tx.loadPeriodIndex(periodID)
	if err != nil {
		return nil, err
	}
	plan := &PeriodImportPlan{PeriodID: periodID, Rows: make([]PeriodImportRow, len(rows)), Unreported: []tuijin.ProjectRef{}}
	seen := map[int64]int{} // report id → the row that named it
	for i := range rows {
		act, err := tx.importPeriodRow(pe, ix, &rows[i], seen)
		if err != nil {
			return nil, rowError(i, err)
		}
		act.Line = rows[i].Line
		plan.Rows[i] = act
		switch act.Action {
		case PeriodRowSubmit:
			plan.Submit++
		case PeriodRowSkip:
			plan.Skip++
		default:
			plan.Errors++
		}
	}
	for _, rep := range ix.reports {
		if _, named := seen[rep.ID]; !named && (rep.Status == tuijin.ReportDraft || rep.Status == tuijin.ReportReturned) {
			plan.Unreported = append(plan.Unreported, tuijin.ProjectRef{ID: rep.ProjectID, Code: rep.ProjectCode, Name: rep.ProjectName})
		}
	}
	changes := map[string][2]any{"rows": {nil, len(rows)}, "submitted": {nil, plan.Submit}, "skipped": {nil, plan.Skip}}
	return plan, tx.Audit("import", "period", periodID, changes)
}

// importPeriodRow decides one row and, for a report still to come in,
// submits it. Only database failures are returned as errors; what is wrong
// with the row is in the action.
func (tx *Tx) importPeriodRow(pe *tuijin.Period, ix *periodIndex, r *PeriodFigureRow, seen map[int64]int) (PeriodImportRow, error) {
	refuse := func(act PeriodImportRow, e *tuijin.Error) (PeriodImportRow, error) {
		act.Action, act.Reason = PeriodRowError, e
		return act, nil
	}
	rep, by, e := ix.match(r)
	if e != nil {
		return refuse(PeriodImportRow{}, e)
	}
	act := PeriodImportRow{ReportID: rep.ID, ProjectID: rep.ProjectID, MatchedBy: by, Status: rep.Status}
	if first, dup := seen[rep.ID]; dup {
		return refuse(act, tuijin.Errorf(tuijin.EINVALID, "period_row_duplicate", first))
	}
	seen[rep.ID] = r.Line
	switch rep.Status {
	case tuijin.ReportApproved:
		act.Action, act.Reason = PeriodRowSkip, tuijin.Errorf(tuijin.ECONFLICT, "period_row_approved")
		return act, nil
	case tuijin.ReportSubmitted:
		act.Action, act.Reason = PeriodRowSkip, tuijin.Errorf(tuijin.ECONFLICT, "period_row_submitted")
		return act, nil
	}
	f, set := rep.Fields(), r.Set
	overlay(&f, &r.Fields, set)
	if r.YearToDateYuan != nil && !slices.Contains(set, "invested_yuan") {
		prior, err := tx.approvedInYear(pe, rep)
		if err != nil {
			return act, err
		}
		if *r.YearToDateYuan < prior {
			return refuse(act, tuijin.Errorf(tuijin.EINVALID, "period_row_ytd_below", wanText(*r.YearToDateYuan), wanText(prior)))
		}
		f.InvestedYuan, set = *r.YearToDateYuan-prior, append(set, "invested_yuan")
	}
	if len(set) == 0 {
		act.Action, act.Reason = PeriodRowSkip, tuijin.Errorf(tuijin.EINVALID, "period_row_empty")
		return act, nil
	}
	if err := f.Validate(); err != nil {
		var ve *tuijin.Error
		if errors.As(err, &ve) {
			return refuse(act, ve)
		}
		return act, err
	}
	act.Changes = tuijin.Changes(rep.Fields(), f)
	if rep.Status == tuijin.ReportReturned && len(act.Changes) == 0 {
		act.Action, act.Reason = PeriodRowSkip, tuijin.Errorf(tuijin.EINVALID, "period_row_returned_unchanged", rep.ReturnReason)
		return act, nil
	}
	if _, err := tx.StepReport(rep.ID, ReportStep{Action: ActionSubmit, Version: rep.Version, Fields: &f}); err != nil {
		return act, err
	}
	act.Action = PeriodRowSubmit
	return act, nil
}

// overlay copies the fields named in set from src onto dst.
func overlay(dst, src *tuijin.ReportFields, set []string) {
	for _, name := range set {
		switch name {
		case "invested_yuan":
			dst.InvestedYuan = src.InvestedYuan
		case "progress_text":
			dst.ProgressText = src.ProgressText
		case "progress_percent":
			dst.ProgressPercent = src.ProgressPercent
		case "work_done":
			dst.WorkDone = src.WorkDone
		case "next_plan":
			dst.NextPlan = src.NextPlan
		case "problems":
			dst.Problems = src.Problems
		case "stats_entered":
			dst.StatsEntered = src.StatsEntered
		case "stats_yuan":
			dst.StatsYuan = src.StatsYuan
		}
	}
}

// approvedInYear is what the project's counting reports approved from
// January 1 to the period's end add up to, this report aside: the
// PeriodSheet's year to date before this period.
func (tx *Tx) approvedInYear(pe *tuijin.Period, rep *tuijin.Report) (int64, error) {
	var sum int64
	err := tx.QueryRow(`SELECT COALESCE(SUM(invested_yuan), 0) FROM reports WHERE project_id = ? AND id <> ? AND status = ?
		AND counts = ? AND period_end >= ? AND period_end <= ?`,
		rep.ProjectID, rep.ID, tuijin.ReportApproved, true, pe.End[:4]+"-01-01", pe.End).Scan(&sum)
	return sum, err
}

// wanText writes yuan as 万元 with up to four decimals, for messages.
func wanText(yuan int64) string {
	s := fmt.Sprintf("%d.%04d", yuan/10000, yuan%10000)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}
