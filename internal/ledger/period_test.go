package ledger

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuijin"
)

func testPeriodSheet() PeriodSheet {
	return PeriodSheet{Name: "2026年10月月报", Kind: tuijin.PeriodMonthly, Year: 2026, Month: 10,
		Start: "2026-10-01", End: "2026-10-31", Rows: []PeriodSheetRow{
			{Code: "CY-01", Name: "新能源电池产业园", Department: "工信局", Leader: "张明", Owner: "某某新能源有限公司",
				TotalInvestmentYuan: 1_025_000_000, PlannedYuan: 250_000_000, InvestedYuan: 12_345_678,
				YearToDateYuan: 98_765_433, CumulativeYuan: 300_000_001, ProgressText: "主体结构完成至12层\n设备进场",
				ProgressPercent: 45, StatsEntered: true, StatsYuan: 10_000_001, Problems: "用地指标待落实", Status: tuijin.ReportSubmitted},
			{Code: "", Name: "污水管网改造", Department: "住建局", TotalInvestmentYuan: 80_000_000, PlannedYuan: 0,
				InvestedYuan: 0, ProgressText: "管网铺设", ProgressPercent: 0, Status: tuijin.ReportReturned},
			{Code: "JT-03", Name: "城市快速路", Department: "交通局", TotalInvestmentYuan: 900_000_000, PlannedYuan: 300_000_000,
				YearToDateYuan: 45_000_000, CumulativeYuan: 45_000_000, Status: tuijin.ReportDraft},
		}}
}

func writePeriod(t *testing.T, s PeriodSheet) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePeriodXLSX(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readPeriod(t *testing.T, data []byte) *PeriodParsed {
	t.Helper()
	p, err := ReadPeriodSheet(bytes.NewReader(data), int64(len(data)), "period.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPeriodRoundTrip: what the export writes reads back to the yuan; a
// draft nobody filled in comes out blank and reads as nothing filled in.
func TestPeriodRoundTrip(t *testing.T) {
	s := testPeriodSheet()
	p := readPeriod(t, writePeriod(t, s))
	if p.Sheet != "月报表" || p.Unit != "万元" || !reflect.DeepEqual(p.HeaderRows, []int{3, 4}) || len(p.Rows) != 3 {
		t.Fatalf("sheet: %s %s %v %d rows", p.Sheet, p.Unit, p.HeaderRows, len(p.Rows))
	}
	fields := map[string]string{}
	for _, c := range p.Columns {
		fields[c.Header] = c.Field
	}
	for h, f := range map[string]string{"项目代码": "code", "项目名称": "name", "2026年完成投资/本月": "invested_yuan",
		"2026年完成投资/1-10月": "", "2026年完成投资/占年度计划%": "", "形象进度/进度描述": "progress_text",
		"形象进度/完成比例（%）": "progress_percent", "统计入库/是否入库": "stats_entered", "统计入库/入库金额": "stats_yuan",
		"存在问题": "problems", "开工累计完成投资": "", "填报状态": ""} {
		if got, ok := fields[h]; !ok || got != f {
			t.Errorf("column %s read as %q (present %v), want %q", h, got, ok, f)
		}
	}
	for i, want := range s.Rows[:2] {
		got := p.Rows[i]
		wf := tuijin.ReportFields{InvestedYuan: want.InvestedYuan, ProgressText: want.ProgressText, ProgressPercent: want.ProgressPercent,
			StatsEntered: want.StatsEntered, StatsYuan: want.StatsYuan, Problems: want.Problems}
		if got.Code != want.Code || got.Name != want.Name || got.Fields != wf || got.YearToDateYuan != nil || len(got.Errors) > 0 {
			t.Errorf("row %d: %+v, want %+v", i, got, wf)
		}
	}
	if set := p.Rows[0].Set; len(set) != 6 {
		t.Errorf("filled-in fields of a full row: %v", set)
	}
	if r := p.Rows[2]; len(r.Set) != 0 || r.Line != 8 || r.Code != "JT-03" {
		t.Errorf("an untouched draft should read as nothing filled in: %+v", r)
	}
}

// TestPeriodLayout checks the sheet as an office sees it.
func TestPeriodLayout(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writePeriod(t, testPeriodSheet())))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	cell := func(ref string) string {
		v, _ := f.GetCellValue(sh, ref)
		return v
	}
	for ref, want := range map[string]string{"A1": "2026年10月重点项目月报表", "A3": "序号", "C3": "项目名称", "F3": "2026年完成投资",
		"F4": "本月", "G4": "1-10月", "H4": "占年度计划%", "C5": "合计（3项）", "F5": "1,234.57", "F6": "1,234.57",
		"H6": "39.5", "J6": "主体结构完成至12层\n设备进场", "L6": "是", "R6": "已上报", "F8": "", "G8": "4,500.00", "R8": "未上报"} {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	if !strings.Contains(cell("P2"), "单位：万元") || !strings.Contains(cell("A2"), "2026-10-01至2026-10-31") {
		t.Errorf("info row: %q %q", cell("A2"), cell("P2"))
	}
	merges, _ := f.GetMergeCells(sh)
	got := map[string]bool{}
	for _, m := range merges {
		got[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, m := range []string{"A1:R1", "A3:A4", "F3:H3", "J3:K3", "L3:M3"} {
		if !got[m] {
			t.Errorf("merge %s missing: %v", m, got)
		}
	}
	panes, _ := f.GetPanes(sh)
	if !panes.Freeze || panes.XSplit != 3 || panes.YSplit != 4 {
		t.Errorf("panes: %+v", panes)
	}
	layout, _ := f.GetPageLayout(sh)
	if *layout.Orientation != "landscape" || *layout.Size != 9 {
		t.Errorf("page: %s %d", *layout.Orientation, *layout.Size)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm.Print_Titles" || !strings.Contains(names[0].RefersTo, "$3:$4") {
		t.Errorf("print titles: %+v", names)
	}
	if w, _ := f.GetColWidth(sh, "C"); w != 30 {
		t.Errorf("name column width %v", w)
	}
}

// TestPeriodBadCells: each cell that cannot be read is an error of its row,
// in the ledger's words.
func TestPeriodBadCells(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writePeriod(t, testPeriodSheet())))
	if err != nil {
		t.Fatal(err)
	}
	sh := f.GetSheetName(0)
	f.SetCellValue(sh, "F6", "约5万")
	f.SetCellValue(sh, "K7", 120)
	f.SetCellValue(sh, "L8", "也许")
	var buf bytes.Buffer
	f.Write(&buf)
	p := readPeriod(t, buf.Bytes())
	want := []string{"第6行 2026年完成投资/本月: '约5万' 不是金额", "第7行 形象进度/完成比例（%）: '120' 不是0到100之间的百分比",
		"第8行 统计入库/是否入库: '也许' 应填“是”或“否”"}
	for i, w := range want {
		if len(p.Rows[i].Errors) != 1 || p.Rows[i].Errors[0].Message != w {
			t.Errorf("row %d errors: %+v, want %s", i, p.Rows[i].Errors, w)
		}
	}
}

// realMonthly builds a sheet laid out like the real 重点项目月报表 (分级管理):
// the year's completion only (1-N月), a 其中 breakdown and section rows,
// owner and leader in one cell each.
func realMonthly(t *testing.T) []byte {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"某县2026年1-10月重点项目（在建、预备）计划分级管理完成情况一览表"},
		{"序号", "项目名称", "总投资\n(万元)", "开工至上一年度底累计完成投资", "2026年  计划投资(万元)", "2026年实际完成情况", "", "", "建设单位及责任人", "挂点领导"},
		{"", "", "", "", "", "1-10月实际完成投资(万元)", "完成投资占年计划%", "1-10月实际形象进度"},
		{"合计（2项）", "", 2000, 300, 800, 650.5, 81.3},
		{"其中：在建重点项目（1项）", "", 1000, 300, 500, 500, 100},
		{"     预备重点项目（1项）", "", 1000, 0, 300, 150.5, 50.2},
		{"一、县本级（2项）", "", 2000, 300, 800, 650.5, 81.3},
		{"（一）在建（1项）"},
		{"1●", "城市快速路", 1000, 300, 500, 500, 100, "主线贯通", "县城投公司 王伟", "李县长"},
		{"（二）预备（1项）"},
		{"2", "★污水处理厂", 1000, 0, 300, "150.5", 50.2, "", "县水务公司 陈刚", "张副县长"},
		{"备注：本表由各单位于每月5日前报送。"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(sh, cell, &r)
	}
	for _, m := range [][2]string{{"A1", "J1"}, {"A2", "A3"}, {"B2", "B3"}, {"C2", "C3"}, {"D2", "D3"}, {"E2", "E3"},
		{"F2", "H2"}, {"I2", "I3"}, {"J2", "J3"}} {
		f.MergeCell(sh, m[0], m[1])
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPeriodRealLayout(t *testing.T) {
	p := readPeriod(t, realMonthly(t))
	if len(p.Rows) != 2 || !reflect.DeepEqual(p.HeaderRows, []int{2, 3}) {
		t.Fatalf("rows: %+v", p.Rows)
	}
	r := p.Rows[0]
	if r.Name != "城市快速路" || r.Line != 9 || r.YearToDateYuan == nil || *r.YearToDateYuan != 5_000_000 ||
		r.Fields.ProgressText != "主线贯通" || !reflect.DeepEqual(r.Set, []string{"progress_text"}) {
		t.Fatalf("row 1: %+v", r)
	}
	r = p.Rows[1]
	if r.Name != "污水处理厂" || *r.YearToDateYuan != 1_505_000 || len(r.Set) != 0 || len(r.Errors) != 0 {
		t.Fatalf("row 2: %+v", r)
	}
}

func TestClassifyPeriod(t *testing.T) {
	for _, c := range []struct {
		group, leaf string
		want        pfield
	}{
		{"2026年完成投资", "本月", pInvested},
		{"", "本期完成投资（万元）", pInvested},
		{"2009年完成情况", "月完成\n投资", pInvested},
		{"月完成情况", "  旬完成投资额", pInvested},
		{"8月", "当月完成投资额（万元）", pInvested},
		{"2010年实际完成情况", "1-3月实际完成投资(万元)", pYearToDate},
		{"2009年完成情况", "1-  月累计完成投资", pYearToDate},
		{"", "2010年1-7月完成投资（万元）", pYearToDate},
		{"", "本年累计完成投资", pYearToDate},
		{"2026年完成投资", "占年度计划%", pNone},
		{"月完成情况", "本旬占月计划投资额（%）", pNone},
		{"月完成情况", "至   旬完成投资额", pNone},
		{"月完成情况", "   月计划投资额", pNone},
		{"", "开工至上一年度底累计完成投资", pNone},
		{"", "至2009年底累计完成投资（万元）", pNone},
		{"", "全年完成投资额（万元）", pNone},
		{"", "总投资", pNone},
		{"2010年实际完成情况", "1-3月实际形象进度", pProgressText},
		{"", "目前项目建设形象进度", pProgressText},
		{"形象进度", "完成比例（%）", pProgressPercent},
		{"", "形象进度%", pProgressPercent},
		{"", "后五个月项目进度关键节点的安排", pNone},
		{"统计入库", "是否入库", pStatsEntered},
		{"", "入库金额（万元）", pStatsYuan},
		{"", "项目建设中存在问题", pProblems},
		{"", "需要省、市协调解决问题", pProblems},
		{"", "本月主要工作", pWorkDone},
		{"", "下步工作计划", pNextPlan},
	} {
		if got := classifyPeriod(c.group, c.leaf); got != c.want {
			t.Errorf("%s/%s: %v, want %v", c.group, c.leaf, got, c.want)
		}
	}
}

// TestRealPeriodSheets reads the real monthly, ten-day and annual-target
// sheets as period sheets.
func TestRealPeriodSheets(t *testing.T) {
	read := func(name string) *PeriodParsed {
		path := filepath.Join(ledgerDir, name)
		data, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			t.Skipf("%s not present", path)
		}
		if err != nil {
			t.Fatal(err)
		}
		p, err := ReadPeriodSheet(bytes.NewReader(data), int64(len(data)), name)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := read("重点项目月报表(在建、筹建).xls")
	if p.Sheet != "分级管理" || len(p.Rows) != 2 || p.Rows[0].Name != "武夷山至邵武高速公路" || p.Rows[0].YearToDateYuan == nil {
		t.Fatalf("月报表: %s %+v", p.Sheet, p.Rows)
	}
	skipped := map[string]string{}
	for _, s := range p.Skipped {
		skipped[s.Name] = s.Reason
	}
	if !strings.Contains(skipped["分行业"], "只读取第一张") || !strings.Contains(skipped["分级管理（在建）"], "项目名称") {
		t.Errorf("skipped: %v", skipped)
	}
	p = read("年度目标及形象进度完成情况汇总表.xls")
	fields := map[string]bool{}
	for _, c := range p.Columns {
		fields[c.Field] = true
	}
	if len(p.Rows) != 2 || !fields["invested_yuan"] || fields[PeriodYearToDate] || !fields["progress_text"] || !fields["problems"] {
		t.Fatalf("年度目标: %d rows, columns %+v", len(p.Rows), p.Columns)
	}
	if r := p.Rows[0]; r.Fields.InvestedYuan != 10_000 || r.YearToDateYuan != nil {
		t.Errorf("年度目标 row: %+v", r)
	}
	p = read("zzfet__旬报表.xls")
	if p.Sheet != "旬报表" || len(p.Rows) != 0 || len(p.Errors()) != 0 {
		t.Fatalf("旬报表: %+v", p)
	}
}

// TestPeriodTenDay: a ten-day period says 旬 in its title and its column,
// and reads back the same.
func TestPeriodTenDay(t *testing.T) {
	s := testPeriodSheet()
	s.Kind, s.Name, s.Start, s.End = tuijin.PeriodTenDay, "10月中旬", "2026-10-11", "2026-10-20"
	data := writePeriod(t, s)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	title, _ := f.GetCellValue("旬报表", "A1")
	head, _ := f.GetCellValue("旬报表", "F4")
	if title != "2026年10月中旬重点项目旬报表" || head != "本旬" {
		t.Fatalf("title %q, column %q", title, head)
	}
	if p := readPeriod(t, data); p.Rows[0].Fields.InvestedYuan != 12_345_678 {
		t.Fatalf("read back: %+v", p.Rows[0])
	}
}
