package ledger

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"tuijin"
)

// PeriodSheet is one reporting period as the monthly report sheet (重点项目
// 月报表) shows it: a row per project with this period's figures beside the
// year's.
type PeriodSheet struct {
	Name       string // the period's name, "2026年10月月报"
	Kind       tuijin.PeriodKind
	Year       int    // the list year: the annual plan's and the 本年 columns'
	Month      int    // the month cut of 1-N月: the month the period ends
	Start, End string // YYYY-MM-DD
	Title      string // "" for "2026年10月重点项目月报表"
	Rows       []PeriodSheetRow
}

// PeriodSheetRow is one project's report in the period, with its year and
// its responsibility chain.
type PeriodSheetRow struct {
	Code, Name                       string
	Department, Leader, Owner        string
	TotalInvestmentYuan, PlannedYuan int64
	InvestedYuan                     int64 // completed in the period (本月)
	YearToDateYuan                   int64 // completed 1-N月, this period included
	CumulativeYuan                   int64 // since the start, this period included
	ProgressText                     string
	ProgressPercent                  int
	StatsEntered                     bool
	StatsYuan                        int64
	Problems                         string
	Status                           tuijin.ReportStatus
}

// Share is the year-to-date completion over the annual plan in percent,
// one decimal; false without a plan.
func (r *PeriodSheetRow) Share() (float64, bool) {
	if r.PlannedYuan <= 0 {
		return 0, false
	}
	return math.Round(float64(r.YearToDateYuan)*1000/float64(r.PlannedYuan)) / 10, true
}

// untouched reports a draft nobody has filled in: its figure cells are left
// empty, to be filled in, rather than shown as reported zeros.
func (r *PeriodSheetRow) untouched() bool {
	return r.Status == tuijin.ReportDraft && r.InvestedYuan == 0 && r.ProgressText == "" && r.ProgressPercent == 0 &&
		!r.StatsEntered && r.StatsYuan == 0 && r.Problems == ""
}

var (
	periodWord = map[tuijin.PeriodKind]string{tuijin.PeriodMonthly: "本月", tuijin.PeriodTenDay: "本旬", tuijin.PeriodWeekly: "本周"}
	statusZh   = map[tuijin.ReportStatus]string{tuijin.ReportDraft: "未上报", tuijin.ReportSubmitted: "已上报",
		tuijin.ReportReturned: "已退回", tuijin.ReportApproved: "已审核"}
)

// title is the sheet's title as offices word it.
func (s *PeriodSheet) title() string {
	if s.Title != "" {
		return s.Title
	}
	switch s.Kind {
	case tuijin.PeriodTenDay:
		part := "下"
		if d, _ := strconv.Atoi(s.End[max(0, len(s.End)-2):]); d <= 10 {
			part = "上"
		} else if d <= 20 {
			part = "中"
		}
		return fmt.Sprintf("%d年%d月%s旬重点项目旬报表", s.Year, s.Month, part)
	case tuijin.PeriodWeekly:
		return fmt.Sprintf("%d年重点项目周报表（%s至%s）", s.Year, s.Start, s.End)
	}
	return fmt.Sprintf("%d年%d月重点项目月报表", s.Year, s.Month)
}

// periodCol is one column of the period sheet.
type periodCol struct {
	group, header string
	width         float64
	kind          cellKind
	value         func(r *PeriodSheetRow) any
	sum           func(rows []PeriodSheetRow) any // the 合计 cell; nil leaves it empty
	figure        bool                            // a reported figure: empty for an untouched draft
}

type cellKind int

const (
	cText cellKind = iota
	cAmount
	cShare
	cNumber
)

func (s *PeriodSheet) columns() []periodCol {
	amount := func(get func(r *PeriodSheetRow) int64) (func(r *PeriodSheetRow) any, func(rows []PeriodSheetRow) any) {
		return func(r *PeriodSheetRow) any { return wanFloat(get(r)) }, func(rows []PeriodSheetRow) any {
			var y int64
			for i := range rows {
				y += get(&rows[i])
			}
			return wanFloat(y)
		}
	}
	col := func(group, header string, width float64, kind cellKind, get func(r *PeriodSheetRow) int64) periodCol {
		v, sum := amount(get)
		return periodCol{group: group, header: header, width: width, kind: kind, value: v, sum: sum}
	}
	text := func(header string, width float64, get func(r *PeriodSheetRow) string) periodCol {
		return periodCol{header: header, width: width, value: func(r *PeriodSheetRow) any { return get(r) }}
	}
	done := fmt.Sprintf("%d年完成投资", s.Year)
	word := periodWord[s.Kind]
	if word == "" {
		word = "本期"
	}
	invested := col(done, word, 12, cAmount, func(r *PeriodSheetRow) int64 { return r.InvestedYuan })
	invested.figure = true
	stats := col("统计入库", "入库金额", 12, cAmount, func(r *PeriodSheetRow) int64 { return r.StatsYuan })
	stats.figure = true
	return []periodCol{
		{header: "序号", width: 6, kind: cNumber},
		text("项目代码", 14, func(r *PeriodSheetRow) string { return r.Code }),
		text("项目名称", 30, func(r *PeriodSheetRow) string { return r.Name }),
		col("", "总投资", 12, cAmount, func(r *PeriodSheetRow) int64 { return r.TotalInvestmentYuan }),
		col("", fmt.Sprintf("%d年计划投资", s.Year), 12, cAmount, func(r *PeriodSheetRow) int64 { return r.PlannedYuan }),
		invested,
		col(done, fmt.Sprintf("1-%d月", s.Month), 12, cAmount, func(r *PeriodSheetRow) int64 { return r.YearToDateYuan }),
		{group: done, header: "占年度计划%", width: 9, kind: cShare, value: shareCell, sum: totalShare},
		col("", "开工累计完成投资", 13, cAmount, func(r *PeriodSheetRow) int64 { return r.CumulativeYuan }),
		{group: "形象进度", header: "进度描述", width: 36, figure: true, value: func(r *PeriodSheetRow) any { return r.ProgressText }},
		{group: "形象进度", header: "完成比例（%）", width: 9, kind: cNumber, figure: true, value: func(r *PeriodSheetRow) any { return r.ProgressPercent }},
		{group: "统计入库", header: "是否入库", width: 7, figure: true, value: func(r *PeriodSheetRow) any { return yesNo(r.StatsEntered) }},
		stats,
		{header: "存在问题", width: 24, figure: true, value: func(r *PeriodSheetRow) any { return r.Problems }},
		text("责任单位", 14, func(r *PeriodSheetRow) string { return r.Department }),
		text("包抓领导", 9, func(r *PeriodSheetRow) string { return r.Leader }),
		text("项目业主", 20, func(r *PeriodSheetRow) string { return r.Owner }),
		text("填报状态", 8, func(r *PeriodSheetRow) string { return statusZh[r.Status] }),
	}
}

func shareCell(r *PeriodSheetRow) any {
	if v, ok := r.Share(); ok {
		return v
	}
	return ""
}

func totalShare(rows []PeriodSheetRow) any {
	var t PeriodSheetRow
	for i := range rows {
		t.YearToDateYuan += rows[i].YearToDateYuan
		t.PlannedYuan += rows[i].PlannedYuan
	}
	return shareCell(&t)
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// Rows of the period sheet: title, the period and the unit, two header
// rows, the 合计 row, then the projects.
const (
	pTitleRow = 1
	pInfoRow  = 2
	pHeadTop  = 3
	pHeadBot  = 4
	pTotalRow = 5
)

// WritePeriodXLSX writes a period in the layout of the monthly report
// sheet: title, the period and 单位：万元, a two-row header with merged
// groups ("2026年完成投资" over 本月|1-N月|占年度计划%), the 合计 row first,
// amounts in 万元 shown with two decimals but stored to the yuan, the header
// and the name columns frozen, A4 landscape with the header rows repeated
// on every printed page. ReadPeriodSheet reads it back.
func WritePeriodXLSX(w io.Writer, s PeriodSheet) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "月报表"
	if s.Kind == tuijin.PeriodTenDay {
		sheet = "旬报表"
	} else if s.Kind == tuijin.PeriodWeekly {
		sheet = "周报表"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if err := pageSetup(f, sheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	share := "0.0"
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	shareStyle, err := f.NewStyle(&excelize.Style{Border: border, CustomNumFmt: &share, Alignment: &excelize.Alignment{Vertical: "center"}})
	if err != nil {
		return err
	}
	shareTotal, err := f.NewStyle(&excelize.Style{Border: border, CustomNumFmt: &share, Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Alignment: &excelize.Alignment{Vertical: "center"}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	pw := &periodWriter{sw: sw, cols: s.columns(), st: st, share: shareStyle, shareTotal: shareTotal}
	if err := pw.writeAll(&s); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, pHeadTop, pHeadBot), Scope: sheet}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

type periodWriter struct {
	sw                *excelize.StreamWriter
	cols              []periodCol
	st                styles
	share, shareTotal int
}

func (pw *periodWriter) writeAll(s *PeriodSheet) error {
	for i := len(pw.cols) - 1; i >= 0; i-- { // last first: see xlsxWriter.layout
		if err := pw.sw.SetColWidth(i+1, i+1, pw.cols[i].width); err != nil {
			return err
		}
	}
	if err := pw.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 3, YSplit: pHeadBot,
		TopLeftCell: cellName(3, pTotalRow), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := pw.heading(s); err != nil {
		return err
	}
	if err := pw.totals(s.Rows); err != nil {
		return err
	}
	for i := range s.Rows {
		if err := pw.project(i+1, &s.Rows[i], pTotalRow+1+i); err != nil {
			return err
		}
	}
	return nil
}

// heading writes the title, the period and unit row, and the two header
// rows: a group merged over its columns, a plain header down both rows.
func (pw *periodWriter) heading(s *PeriodSheet) error {
	last := len(pw.cols) - 1
	if err := pw.sw.SetRow(cellName(0, pTitleRow), []any{excelize.Cell{StyleID: pw.st.title, Value: s.title()}},
		excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := pw.sw.MergeCell(cellName(0, pTitleRow), cellName(last, pTitleRow)); err != nil {
		return err
	}
	info := make([]any, len(pw.cols))
	info[0] = fmt.Sprintf("调度期：%s（%s至%s）", s.Name, s.Start, s.End)
	info[last-2] = excelize.Cell{StyleID: pw.st.unit, Value: "单位：万元"}
	if err := pw.sw.SetRow(cellName(0, pInfoRow), info); err != nil {
		return err
	}
	if err := pw.sw.MergeCell(cellName(0, pInfoRow), cellName(last-3, pInfoRow)); err != nil {
		return err
	}
	if err := pw.sw.MergeCell(cellName(last-2, pInfoRow), cellName(last, pInfoRow)); err != nil {
		return err
	}
	top, bottom := make([]any, len(pw.cols)), make([]any, len(pw.cols))
	for i := 0; i < len(pw.cols); i++ {
		c := pw.cols[i]
		if c.group == "" {
			top[i], bottom[i] = excelize.Cell{StyleID: pw.st.head, Value: c.header}, excelize.Cell{StyleID: pw.st.head}
			if err := pw.sw.MergeCell(cellName(i, pHeadTop), cellName(i, pHeadBot)); err != nil {
				return err
			}
			continue
		}
		j := i
		for ; j < len(pw.cols) && pw.cols[j].group == c.group; j++ {
			top[j] = excelize.Cell{StyleID: pw.st.head, Value: c.group}
			bottom[j] = excelize.Cell{StyleID: pw.st.head, Value: pw.cols[j].header}
		}
		if err := pw.sw.MergeCell(cellName(i, pHeadTop), cellName(j-1, pHeadTop)); err != nil {
			return err
		}
		i = j - 1
	}
	if err := pw.sw.SetRow(cellName(0, pHeadTop), top, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	return pw.sw.SetRow(cellName(0, pHeadBot), bottom, excelize.RowOpts{Height: 30})
}

func (pw *periodWriter) totals(rows []PeriodSheetRow) error {
	row := make([]any, len(pw.cols))
	for i, c := range pw.cols {
		cell := excelize.Cell{StyleID: pw.st.section}
		switch {
		case c.header == "项目名称":
			cell.Value = fmt.Sprintf("合计（%d项）", len(rows))
		case c.sum != nil:
			cell.Value = c.sum(rows)
			cell.StyleID = pw.st.sectionAmount
			if c.kind == cShare {
				cell.StyleID = pw.shareTotal
			}
		}
		row[i] = cell
	}
	return pw.sw.SetRow(cellName(0, pTotalRow), row)
}

func (pw *periodWriter) project(seq int, r *PeriodSheetRow, line int) error {
	blank := r.untouched()
	row := make([]any, len(pw.cols))
	for i, c := range pw.cols {
		style := pw.st.text
		switch c.kind {
		case cAmount:
			style = pw.st.amount
		case cShare:
			style = pw.share
		case cNumber:
			style = pw.st.number
		}
		cell := excelize.Cell{StyleID: style}
		switch {
		case i == 0:
			cell.Value = seq
		case blank && c.figure:
		default:
			cell.Value = c.value(r)
		}
		row[i] = cell
	}
	return pw.sw.SetRow(cellName(0, line), row)
}
