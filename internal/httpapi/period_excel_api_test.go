package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// periodWorkbook is an exported period sheet opened for filling in, with
// its rows by project name.
type periodWorkbook struct {
	f     *excelize.File
	sheet string
	line  map[string]int // project name → Excel row
}

func openPeriodExport(t *testing.T, c *client, periodID int64) *periodWorkbook {
	t.Helper()
	res := c.do("GET", fmt.Sprintf("/api/v1/periods/%d/export?format=xlsx", periodID), nil)
	if res.status != 200 || !strings.Contains(res.header.Get("Content-Type"), "spreadsheetml") ||
		!strings.Contains(res.header.Get("Content-Disposition"), fmt.Sprintf("period-%d.xlsx", periodID)) {
		t.Fatalf("export: %d %v %s", res.status, res.header, trim(res.body))
	}
	f, err := excelize.OpenReader(strings.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	wb := &periodWorkbook{f: f, sheet: f.GetSheetName(0), line: map[string]int{}}
	rows, _ := f.GetRows(wb.sheet)
	for i, r := range rows {
		if len(r) > 2 && i >= 5 {
			wb.line[r[2]] = i + 1
		}
	}
	return wb
}

func (wb *periodWorkbook) get(t *testing.T, col, name string) string {
	t.Helper()
	v, err := wb.f.GetCellValue(wb.sheet, fmt.Sprintf("%s%d", col, wb.line[name]))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (wb *periodWorkbook) set(col, name string, v any) {
	wb.f.SetCellValue(wb.sheet, fmt.Sprintf("%s%d", col, wb.line[name]), v)
}

func (wb *periodWorkbook) bytes(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := wb.f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Columns of the exported sheet the office fills in.
const (
	colInvested = "F" // 本月
	colProgress = "J" // 形象进度/进度描述
	colPercent  = "K" // 形象进度/完成比例（%）
)

// TestPeriodExcelImport: the office opens a period, exports the monthly
// sheet, fills in what departments sent on paper, previews the import
// (nothing written), imports it (reports submitted with the exact yuan,
// approved ones left alone), and a sheet with one bad cell imports nothing.
func TestPeriodExcelImport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		dept := w.deptB.ID
		p4, err := db.CreateProject(context.Background(), tuijin.SystemActor, &tuijin.Project{Code: "JT-09", Name: "客运枢纽",
			DepartmentID: &dept, LeaderName: "李县长", OwnerName: "县交投公司", TotalInvestmentYuan: 50_000_000,
			Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: 20_000_000}}})
		if err != nil {
			t.Fatal(err)
		}
		oct := w.openMonth(t, 10)
		r3 := w.reportOf(t, w.office, oct.ID, w.p3.ID)
		r3 = w.step(t, w.depBcli, r3.ID, "submit", map[string]any{"invested_yuan": 45_000_000, "progress_percent": 30, "version": r3.Version}, 200)
		w.step(t, w.depBcli, r3.ID, "approve", map[string]any{"version": r3.Version}, 200)

		wb := openPeriodExport(t, w.office, oct.ID)
		if len(wb.line) != 4 || wb.get(t, colInvested, "城市快速路") != "4,500.00" || wb.get(t, "R", "城市快速路") != "已审核" ||
			wb.get(t, colInvested, "保障房一期") != "" || wb.get(t, "P", "客运枢纽") != "李县长" {
			t.Fatalf("exported rows: %v; 城市快速路 %q %q", wb.line, wb.get(t, colInvested, "城市快速路"), wb.get(t, "R", "城市快速路"))
		}
		// A department exports its own projects only.
		if dep := openPeriodExport(t, w.depBcli, oct.ID); len(dep.line) != 2 {
			t.Fatalf("department's export: %v", dep.line)
		}
		wb.set(colInvested, "保障房一期", 1234.5678)
		wb.set(colInvested, "污水管网", "800.0001")
		wb.set(colInvested, "客运枢纽", 0.5)
		wb.set(colProgress, "客运枢纽", "完成征地")
		wb.set(colPercent, "客运枢纽", 60)
		wb.set(colInvested, "城市快速路", 1) // approved: left alone
		sheet := wb.bytes(t)

		if res := w.depA.upload(fmt.Sprintf("/api/v1/periods/%d/import", oct.ID), "月报.xlsx", sheet); res.status != 403 {
			t.Fatalf("a department importing: %d", res.status)
		}
		var pv periodImportPreview
		res := w.office.upload(fmt.Sprintf("/api/v1/periods/%d/import?dry_run=true", oct.ID), "月报.xlsx", sheet)
		res.json(t, &pv)
		if res.status != 200 || pv.Committed || pv.Summary != (periodImportSummary{Rows: 4, Submit: 3, Skip: 1}) {
			t.Fatalf("dry run: %d %s", res.status, trim(res.body))
		}
		for _, r := range pv.Rows {
			if r.Name == "城市快速路" && (r.Action != "skip" || !strings.Contains(r.Message, "已审核")) {
				t.Fatalf("approved row: %+v", r)
			}
			if r.Name == "客运枢纽" && (r.MatchedBy != "code" || r.Changes["progress_percent"][1] != float64(60)) {
				t.Fatalf("row matched by code: %+v", r)
			}
		}
		if r := w.reportOf(t, w.office, oct.ID, w.p1.ID); r.Status != tuijin.ReportDraft || r.InvestedYuan != 0 {
			t.Fatalf("the dry run wrote: %+v", r)
		}

		res = w.office.upload(fmt.Sprintf("/api/v1/periods/%d/import", oct.ID), "月报.xlsx", sheet)
		res.json(t, &pv)
		if res.status != 200 || !pv.Committed || pv.Summary.Submit != 3 {
			t.Fatalf("import: %d %s", res.status, trim(res.body))
		}
		for id, want := range map[int64]int64{w.p1.ID: 12_345_678, w.p2.ID: 8_000_001, p4.ID: 5_000} {
			r := w.reportOf(t, w.office, oct.ID, id)
			if r.Status != tuijin.ReportSubmitted || r.InvestedYuan != want || r.SubmittedBy != "office" {
				t.Fatalf("project %d: %s %d, want submitted %d", id, r.Status, r.InvestedYuan, want)
			}
		}
		if r := w.reportOf(t, w.office, oct.ID, p4.ID); r.ProgressText != "完成征地" || r.ProgressPercent != 60 {
			t.Fatalf("progress: %+v", r)
		}
		if r := w.reportOf(t, w.office, oct.ID, w.p3.ID); r.Status != tuijin.ReportApproved || r.InvestedYuan != 45_000_000 {
			t.Fatalf("approved report changed: %+v", r)
		}
		// The same sheet again: everything is submitted or approved now.
		res = w.office.upload(fmt.Sprintf("/api/v1/periods/%d/import?dry_run=true", oct.ID), "月报.xlsx", sheet)
		res.json(t, &pv)
		if pv.Summary.Skip != 4 {
			t.Fatalf("re-import: %+v", pv.Summary)
		}
		// The export shows the year to date with this month in it.
		wb = openPeriodExport(t, w.office, oct.ID)
		if got := wb.get(t, "G", "保障房一期"); got != "1,234.57" || wb.get(t, "R", "保障房一期") != "已上报" {
			t.Fatalf("1-10月 after the import: %q", got)
		}

		// September: one bad cell and one unknown project; nothing imported.
		sep := w.openMonth(t, 9)
		wb = openPeriodExport(t, w.office, sep.ID)
		wb.set(colInvested, "保障房一期", 100)
		wb.set(colInvested, "污水管网", "约5万")
		wb.f.SetSheetRow(wb.sheet, "A20", &[]any{9, "", "不存在的项目", "", "", 10})
		res = w.office.upload(fmt.Sprintf("/api/v1/periods/%d/import", sep.ID), "九月.xlsx", wb.bytes(t))
		if res.status != 422 || !strings.Contains(res.body, "约5万") || !strings.Contains(res.body, "找不到项目") {
			t.Fatalf("bad sheet: %d %s", res.status, trim(res.body))
		}
		res.json(t, &pv)
		if pv.Summary.Errors != 2 || pv.Committed {
			t.Fatalf("bad sheet summary: %+v", pv.Summary)
		}
		if r := w.reportOf(t, w.office, sep.ID, w.p1.ID); r.Status != tuijin.ReportDraft || r.InvestedYuan != 0 {
			t.Fatalf("a sheet with a bad cell wrote: %+v", r)
		}
	})
}

// TestPeriodImportRealLayout: a sheet laid out like the real monthly
// report gives 1-N月 only; the period's figure is that less what was
// approved earlier in the year.
func TestPeriodImportRealLayout(t *testing.T) {
	w := newReportWorld(t, testdb.Open(t, "sqlite:"+t.TempDir()+"/real.db"))
	sep := w.openMonth(t, 9)
	r := w.reportOf(t, w.office, sep.ID, w.p1.ID)
	r = w.step(t, w.officer, r.ID, "submit", map[string]any{"invested_yuan": 7_000_000, "version": r.Version}, 200)
	w.step(t, w.office, r.ID, "approve", map[string]any{"version": r.Version}, 200)
	oct := w.openMonth(t, 10)

	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	for i, row := range [][]any{
		{"某县2026年1-10月重点项目计划完成情况一览表"},
		{"序号", "项目名称", "总投资(万元)", "2026年计划投资(万元)", "2026年实际完成情况", "", "", "建设单位及责任人", "挂点领导"},
		{"", "", "", "", "1-10月实际完成投资(万元)", "完成投资占年计划%", "1-10月实际形象进度"},
		{"合计（2项）", "", 60000, 20000, 1200.5},
		{"一、住建（2项）"},
		{"1", "保障房一期", 36000, 12000, 1000.5, 8.3, "主体封顶"},
		{"2", "污水管网", 24000, 8000, 200},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(sh, cell, &row)
	}
	for _, m := range [][2]string{{"A2", "A3"}, {"B2", "B3"}, {"C2", "C3"}, {"D2", "D3"}, {"E2", "G2"}, {"H2", "H3"}, {"I2", "I3"}} {
		f.MergeCell(sh, m[0], m[1])
	}
	var buf bytes.Buffer
	f.Write(&buf)
	var pv periodImportPreview
	res := w.office.upload(fmt.Sprintf("/api/v1/periods/%d/import", oct.ID), "月报表.xlsx", buf.Bytes())
	res.json(t, &pv)
	if res.status != 200 || pv.Summary.Submit != 2 || len(pv.Unreported) != 1 {
		t.Fatalf("import: %d %s", res.status, trim(res.body))
	}
	if r := w.reportOf(t, w.office, oct.ID, w.p1.ID); r.InvestedYuan != 10_005_000-7_000_000 || r.ProgressText != "主体封顶" {
		t.Fatalf("p1: %+v", r)
	}
	if r := w.reportOf(t, w.office, oct.ID, w.p2.ID); r.InvestedYuan != 2_000_000 || r.Status != tuijin.ReportSubmitted {
		t.Fatalf("p2: %+v", r)
	}
}
