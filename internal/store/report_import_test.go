package store_test

import (
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

func openMonth(t *testing.T, db *store.DB, month int) *tuijin.Period {
	t.Helper()
	start := time.Date(2026, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 1, -1).Format(time.DateOnly)
	p, err := db.OpenPeriod(ctx, tuijin.SystemActor, tuijin.PeriodInput{Name: start.Format("2006年1月"), Kind: tuijin.PeriodMonthly,
		Year: 2026, Start: start.Format(time.DateOnly), End: end}, end)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func reportOf(t *testing.T, db *store.DB, period, project int64) *tuijin.Report {
	t.Helper()
	list, err := db.Reports(ctx, tuijin.SystemActor, tuijin.ReportFilter{PeriodID: &period, ProjectID: &project}, "2026-01-01")
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("report of %d in %d: %v %v", project, period, list, err)
	}
	return &list.Items[0]
}

func step(t *testing.T, db *store.DB, id int64, a store.ReportAction, f *tuijin.ReportFields, reason string) {
	t.Helper()
	rep, err := db.Report(ctx, tuijin.SystemActor, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.StepReport(ctx, tuijin.SystemActor, id, store.ReportStep{Action: a, Version: rep.Version, Fields: f, Reason: reason}); err != nil {
		t.Fatal(err)
	}
}

// TestImportPeriodFigures: every reason a row is refused or skipped, a
// refused row rolling the whole import back, the year to date turned into
// the period's figure, and the export's sums.
func TestImportPeriodFigures(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		list := []tuijin.YearPlan{{Year: 2026, PlannedYuan: 100_000_000}}
		a := mustProject(t, db, tuijin.Project{Code: "A-1", Name: "甲", CompletedBeforeYuan: 1_000_000, Years: list})
		b := mustProject(t, db, tuijin.Project{Name: "乙", Years: list})
		mustProject(t, db, tuijin.Project{Name: "丙", Years: list})
		mustProject(t, db, tuijin.Project{Name: "丙", Code: "C-2", Years: list})
		mustProject(t, db, tuijin.Project{Name: "丁", Code: "D-1"}) // not on the list
		mustProject(t, db, tuijin.Project{Name: "己", Years: list})
		mustProject(t, db, tuijin.Project{Name: "庚", Years: list})
		sep := openMonth(t, db, 9)
		ra := reportOf(t, db, sep.ID, a.ID)
		step(t, db, ra.ID, store.ActionSubmit, &tuijin.ReportFields{InvestedYuan: 7_000_000}, "")
		step(t, db, ra.ID, store.ActionApprove, nil, "")
		oct := openMonth(t, db, 10)
		rb := reportOf(t, db, oct.ID, b.ID)
		step(t, db, rb.ID, store.ActionSubmit, &tuijin.ReportFields{InvestedYuan: 3}, "")
		step(t, db, rb.ID, store.ActionReturn, nil, "数据有误")

		ytd := func(y int64) *int64 { return &y }
		rows := []store.PeriodFigureRow{
			{Line: 6, Code: "A-1", Name: "甲（改名）", YearToDateYuan: ytd(5_000_000)},
			{Line: 7, Name: "乙", Fields: tuijin.ReportFields{InvestedYuan: 3}, Set: []string{"invested_yuan"}},
			{Line: 8, Name: "丙"},
			{Line: 9, Code: "D-1", Name: "甲"},
			{Line: 10, Name: "戊"},
			{Line: 11, Name: "甲", Fields: tuijin.ReportFields{InvestedYuan: 1}, Set: []string{"invested_yuan"}},
			{Line: 12, Name: "己"},
			{Line: 13, Name: "庚", Fields: tuijin.ReportFields{ProgressPercent: 150}, Set: []string{"progress_percent"}},
		}
		want := []struct{ action, reason string }{
			{"error", "period_row_ytd_below"}, {"skip", "period_row_returned_unchanged"}, {"error", "period_row_ambiguous"},
			{"error", "period_row_not_in_period"}, {"error", "period_row_no_project"}, {"error", "period_row_duplicate"},
			{"skip", "period_row_empty"}, {"error", ""},
		}
		plan, err := db.ImportPeriodFigures(ctx, tuijin.SystemActor, oct.ID, rows, false)
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range want {
			got := plan.Rows[i]
			if got.Action != w.action || got.Reason == nil || got.Reason.Key != w.reason || got.Line != rows[i].Line {
				t.Errorf("row %d: %s %+v, want %s %s", i, got.Action, got.Reason, w.action, w.reason)
			}
		}
		if plan.Committed || plan.Errors != 6 || plan.Rows[5].Reason.Args[0] != 6 || plan.Rows[7].Reason.Fields["progress_percent"].Key != "out_of_range" {
			t.Fatalf("plan: %+v", plan)
		}

		rows = []store.PeriodFigureRow{
			{Line: 6, Code: "A-1", YearToDateYuan: ytd(9_500_000)},
			{Line: 7, Name: "乙", Fields: tuijin.ReportFields{InvestedYuan: 4, ProgressText: "复工"}, Set: []string{"invested_yuan"}},
		}
		dept := mustDept(t, db, "住建局", tuijin.KindBureau)
		depActor := tuijin.ActorFor(mustUser(t, db, "zjj", tuijin.RoleDepartment, &dept.ID))
		if _, err := db.ImportPeriodFigures(ctx, depActor, oct.ID, rows, false); code(err) != tuijin.EFORBIDDEN {
			t.Fatalf("a department importing: %v", err)
		}
		if plan, err = db.ImportPeriodFigures(ctx, tuijin.SystemActor, oct.ID, rows, false); err != nil || !plan.Committed || plan.Submit != 2 {
			t.Fatalf("import: %+v %v", plan, err)
		}
		if r := reportOf(t, db, oct.ID, a.ID); r.InvestedYuan != 2_500_000 || r.Status != tuijin.ReportSubmitted {
			t.Fatalf("甲: %+v", r)
		}
		if r := reportOf(t, db, oct.ID, b.ID); r.InvestedYuan != 4 || r.ProgressText != "" || r.Status != tuijin.ReportSubmitted {
			t.Fatalf("乙 (only the filled-in field changes): %+v", r)
		}
		if len(plan.Unreported) != 4 {
			t.Errorf("unreported: %+v", plan.Unreported)
		}
		audit, err := db.AuditEntries(ctx, tuijin.SystemActor, tuijin.AuditFilter{Entity: "period", EntityID: &oct.ID}, time.UTC)
		if err != nil || audit.Total != 2 || audit.Items[0].Action != "import" {
			t.Fatalf("audit: %+v %v", audit, err)
		}

		_, sheet, err := db.PeriodSheet(ctx, tuijin.SystemActor, oct.ID)
		if err != nil || len(sheet) != 6 {
			t.Fatalf("sheet: %v %v", sheet, err)
		}
		if r := sheet[0]; r.Report.ProjectID != a.ID || r.YearToDateYuan != 9_500_000 || r.CumulativeYuan != 10_500_000 || r.PlannedYuan != 100_000_000 {
			t.Fatalf("甲 in the sheet: %+v", r)
		}

		if _, err := db.ClosePeriod(ctx, tuijin.SystemActor, oct.ID, oct.Version, true); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportPeriodFigures(ctx, tuijin.SystemActor, oct.ID, rows, true); code(err) != tuijin.EINVALID {
			t.Fatalf("a closed period: %v", err)
		}
	})
}
