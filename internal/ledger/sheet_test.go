package ledger

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"tuijin"
)

// buildXLSX makes a one-sheet workbook from rows (nil cells stay empty) and
// merged ranges.
func buildXLSX(tb testing.TB, rows [][]any, merges ...[2]string) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			if err := f.SetCellValue("Sheet1", cellName(c, r+1), v); err != nil {
				tb.Fatal(err)
			}
		}
	}
	for _, m := range merges {
		if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func readBytes(tb testing.TB, b []byte, opt Options) *Parsed {
	tb.Helper()
	p, err := Read(bytes.NewReader(b), int64(len(b)), "test.xlsx", opt)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// yiSheet is a 亿元 sheet with a two-row merged header, section rows with
// subtotals, a 合计 that matches to the yuan, a footnote and empty rows.
func yiSheet() ([][]any, [][2]string) {
	rows := [][]any{
		{"某县2025年重点项目计划表（单位：亿元）"},
		{"序号", "项目名称", "建设性质", "建设年限", "总投资", "2025年计划投资", "项目业主单位", nil, nil, "责任单位", "包抓领导"},
		{nil, nil, nil, nil, nil, nil, "名称", "负责人", "联系电话", nil, nil},
		{"合计（3项）", nil, nil, nil, 15.8456789, 3.8345, nil, nil, nil, nil, nil},
		{"一、产业项目（2项）", nil, nil, nil, 12.8456789, 2.6, nil, nil, nil, nil, nil},
		{1, "★新能源电池项目", "新建", "2025年—2027年", 12.3456789, 2.5, "某某新能源有限公司", "王  伟", "0596-1234567", "县工信局", "李明"},
		{2, "智能制造产业园", "续建", "2024-2026", 0.5, 0.1, "某某产业园公司", "赵强", "13800138000", "县发改局", "张华"},
		{"二、基础设施（1项）", nil, nil, nil, 3, 1.2345, nil, nil, nil, nil, nil},
		{3, "城区道路改造", "扩建", "2025", 3, 1.2345, "县城投公司", "陈刚", nil, "县住建局", "李明"},
		{"注：1、项目性质指新建、续建、扩建；2、金额单位为亿元。"},
		{}, {}, {},
	}
	merges := [][2]string{{"A1", "K1"}, {"G2", "I2"}, {"A2", "A3"}, {"B2", "B3"}, {"C2", "C3"}, {"D2", "D3"},
		{"E2", "E3"}, {"F2", "F3"}, {"J2", "J3"}, {"K2", "K3"}, {"A4", "B4"}, {"A5", "B5"}, {"A8", "B8"}, {"A10", "K10"}}
	return rows, merges
}

func TestYiSheet(t *testing.T) {
	rows, merges := yiSheet()
	p := readBytes(t, buildXLSX(t, rows, merges...), Options{})
	if len(p.Sheets) != 1 || len(p.Errors()) != 0 {
		t.Fatalf("sheets %d, errors %+v", len(p.Sheets), p.Errors())
	}
	s := p.Sheets[0]
	if s.Unit != "亿元" || len(s.HeaderRows) != 2 || s.HeaderRows[0] != 2 || len(s.Rows) != 3 || len(s.Warnings) != 0 {
		t.Fatalf("unit %s, header %v, rows %d, warnings %+v", s.Unit, s.HeaderRows, len(s.Rows), s.Warnings)
	}
	if len(s.Totals) != 3 {
		t.Fatalf("totals: %+v", s.Totals)
	}
	for _, tc := range s.Totals {
		if !tc.OK {
			t.Errorf("total not OK: %s", tc.Message)
		}
	}
	if a := s.Totals[0].Amounts[0]; a.StatedYuan != 1_584_567_890 || a.SumYuan != 1_584_567_890 {
		t.Errorf("合计 total: %+v", a)
	}
	first := s.Rows[0].Project
	y, _ := first.PlanFor(2025)
	if first.Name != "新能源电池项目" || !first.Flagship || first.TotalInvestmentYuan != 1_234_567_890 ||
		y.PlannedYuan != 250_000_000 || first.Category != "产业项目" || first.StartYear != 2025 || first.EndYear != 2027 ||
		first.OwnerName != "某某新能源有限公司" || first.OwnerHead != "王伟" || first.OwnerPhone != "0596-1234567" ||
		first.DepartmentName != "县工信局" || first.LeaderName != "李明" || first.Nature != tuijin.NatureNew {
		t.Errorf("row 6: %+v", first)
	}
	if last := s.Rows[2]; last.Line != 9 || last.Project.Category != "基础设施" || last.Section != "基础设施" ||
		last.Project.Nature != tuijin.NatureExpansion || last.Project.StartYear != 2025 {
		t.Errorf("row 9: %+v", last)
	}
}

// TestOneBadCell: one amount that is not a number gives exactly one error,
// on its line and column, as a full sentence.
func TestOneBadCell(t *testing.T) {
	rows := [][]any{
		{"2024年重点项目表"},
		{"序号", "项目名称", "项目性质", "总投资（万元）", "2024年计划投资（万元）"},
		{1, "甲项目", "新建", 1000, 200},
		{2, "乙项目", "续建", "约5亿", 300},
		{3, "丙项目", "续建", 2000.5, 400},
	}
	p := readBytes(t, buildXLSX(t, rows), Options{})
	errs := p.Errors()
	if len(errs) != 1 {
		t.Fatalf("errors: %+v", errs)
	}
	e := errs[0]
	want := CellError{Line: 4, Column: "总投资（万元）", Value: "约5亿",
		Message: "第4行 总投资（万元）: '约5亿' 不是金额", MessageEN: "row 4 总投资（万元）: '约5亿' is not an amount"}
	if e != want {
		t.Errorf("error = %+v\nwant %+v", e, want)
	}
	if got := p.Sheets[0].Rows[2].Project.TotalInvestmentYuan; got != 20_005_000 {
		t.Errorf("丙项目 total = %d", got)
	}
}

// TestHeaderWithoutMerges: a group header typed over the first of its
// columns only (no merge), as in CSV files.
func TestHeaderWithoutMerges(t *testing.T) {
	csv := "序号,项目名称,总投资(万元),项目业主单位,,,责任单位\n,,,业主名称,负责人,联系人,\n1,甲项目,100,甲公司,张三,李四,县发改局\n"
	p, err := Read(strings.NewReader(csv), int64(len(csv)), "t.csv", Options{Year: 2024})
	if err != nil || len(p.Sheets) != 1 || len(p.Sheets[0].Rows) != 1 {
		t.Fatalf("%v %+v", err, p)
	}
	pr := p.Sheets[0].Rows[0].Project
	if pr.OwnerName != "甲公司" || pr.OwnerHead != "张三" || pr.OwnerContact != "李四" || pr.DepartmentName != "县发改局" {
		t.Errorf("%+v", pr)
	}
}

func TestUnreadable(t *testing.T) {
	// An OLE2 header claiming four billion directory sectors (FuzzRead
	// found mscfb reserving memory for them).
	forged := make([]byte, 1024)
	copy(forged, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	binary.LittleEndian.PutUint16(forged[26:], 3)
	binary.LittleEndian.PutUint16(forged[30:], 9)
	binary.LittleEndian.PutUint32(forged[40:], 0xFFFFFFF0)
	for _, b := range [][]byte{
		forged,
		[]byte("PK\x03\x04 not a zip"),
		append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...),
		{0xff, 0xfe, 0x00, 0x01},
	} {
		_, err := Read(bytes.NewReader(b), int64(len(b)), "x", Options{})
		if tuijin.ErrorCode(err) != tuijin.EINVALID {
			t.Errorf("Read(%q) error = %v, want %s", b[:min(8, len(b))], err, tuijin.EINVALID)
		}
	}
}

func excelizeOpen(b []byte) (*excelize.File, error) {
	return excelize.OpenReader(bytes.NewReader(b))
}

// TestMergesAgree: the fast merge reader finds what excelize finds.
func TestMergesAgree(t *testing.T) {
	rows, merges := yiSheet()
	b := buildXLSX(t, rows, merges...)
	fast, ok := xlsxMerges(bytes.NewReader(b), int64(len(b)))
	if !ok {
		t.Fatal("fast path failed")
	}
	f, err := excelizeOpen(b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	slow, err := excelizeMerges(f, "Sheet1")
	if err != nil || len(slow) != len(merges) || len(fast["Sheet1"]) != len(slow) {
		t.Fatalf("fast %v, slow %v, %v", fast, slow, err)
	}
	for i := range slow {
		if fast["Sheet1"][i] != slow[i] {
			t.Errorf("merge %d: fast %v, slow %v", i, fast["Sheet1"][i], slow[i])
		}
	}
}

// TestGBKCSV: Excel on a Chinese Windows saves CSV in GB18030.
func TestGBKCSV(t *testing.T) {
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String("序号,项目名称,总投资(万元)\n1,甲项目,12.5\n")
	if err != nil {
		t.Fatal(err)
	}
	p := readBytes(t, []byte(gbk), Options{Year: 2024})
	if len(p.Sheets) != 1 || len(p.Sheets[0].Rows) != 1 || p.Sheets[0].Rows[0].Project.TotalInvestmentYuan != 125000 {
		t.Fatalf("%+v", p)
	}
}

// TestRowKinds: totals, sections at two levels, marks in 序号, a remark, a
// numbered empty template row and a blank line, in a header without merges.
func TestRowKinds(t *testing.T) {
	csv := `序号,项目名称,项目性质,总投资（万元）,建设年限,计划开工时间
合计（4项）,,,60,,
一、工业项目（2项）,,,30,,
1,★甲,新建,10,2024-2026,2024.3
2●,乙,续建,20,2023-,
二、基础设施,,,,,
（一）在建（2项）,,,30,,
3、,丙,在建,10,23.5-25.12,
4,丁,扩建,20,,2024年5月8日
,,,,,
备注：本表金额单位万元,,,,,
5,,,,,
`
	p := readBytes(t, []byte(csv), Options{Year: 2024})
	s := p.Sheets[0]
	if len(p.Errors()) != 0 || len(s.Warnings) != 0 || len(s.Rows) != 4 || len(s.Totals) != 3 {
		t.Fatalf("errors %v, warnings %v, rows %d, totals %+v", p.Errors(), s.Warnings, len(s.Rows), s.Totals)
	}
	a, b, c, d := s.Rows[0].Project, s.Rows[1].Project, s.Rows[2].Project, s.Rows[3].Project
	if !a.Flagship || a.Name != "甲" || a.Category != "工业项目" || a.PlannedStart != "2024-03-01" || a.EndYear != 2026 {
		t.Errorf("甲: %+v", a)
	}
	if len(b.Tags) != 1 || b.Tags[0] != "●" || b.StartYear != 2023 || b.EndYear != 0 {
		t.Errorf("乙: %+v", b)
	}
	if c.Category != "基础设施" || c.Stage != tuijin.StageConstruction || c.PlannedStart != "2023-05-01" || c.PlannedCompletion != "2025-12-01" {
		t.Errorf("丙: %+v", c)
	}
	if d.Stage != tuijin.StageConstruction || d.Nature != tuijin.NatureExpansion || d.PlannedStart != "2024-05-08" || s.Rows[3].Section != "基础设施 / 在建" {
		t.Errorf("丁: %+v %s", d, s.Rows[3].Section)
	}
}

// TestCellErrors: each kind of bad cell, worded in full.
func TestCellErrors(t *testing.T) {
	csv := "序号,项目名称,总投资（万元）,建设年限,计划开工时间,用地面积（亩）\n" +
		"1,甲,-5,三年,年底,很多\n" +
		"2,,10,,,\n"
	want := []string{
		"第2行 总投资（万元）: '-5' 不能为负数",
		"第2行 建设年限: '三年' 不是年份区间（如 2023-2025）",
		"第2行 计划开工时间: '年底' 不是日期",
		"第2行 用地面积（亩）: '很多' 不是面积",
		"第3行 项目名称: 不能为空",
	}
	errs := readBytes(t, []byte(csv), Options{Year: 2024}).Errors()
	if len(errs) != len(want) {
		t.Fatalf("errors: %+v", errs)
	}
	for i, e := range errs {
		if e.Message != want[i] || e.MessageEN == "" {
			t.Errorf("error %d = %q, want %q", i, e.Message, want[i])
		}
	}
}
