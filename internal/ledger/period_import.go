package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"tuijin"
)

// PeriodParsed is a period sheet the office received: the first sheet of
// the workbook that holds a period's figures by project.
type PeriodParsed struct {
	Sheet      string
	HeaderRows []int  // 1-based Excel row numbers
	Unit       string // the sheet's money unit
	Columns    []ColumnMap
	Rows       []PeriodRow    // project rows, in sheet order
	Skipped    []SkippedSheet // the other sheets, with the reason
}

// PeriodRow is one project's row of a period sheet.
type PeriodRow struct {
	Line       int
	Code, Name string
	// Fields are the figures read; only those named in Set were filled in.
	// A blank cell changes nothing: an office fills in what it received.
	Fields tuijin.ReportFields
	Set    []string // JSON names of tuijin.ReportFields
	// YearToDateYuan is the 1-N月 cell, for sheets that give the year to
	// date instead of the period's own figure (the real 月报表 does); nil
	// when the sheet has a column for the period, or the cell is blank.
	YearToDateYuan *int64
	Errors         []CellError
}

// Errors lists every cell error of every row.
func (p *PeriodParsed) Errors() []CellError {
	var out []CellError
	for _, r := range p.Rows {
		out = append(out, r.Errors...)
	}
	return out
}

// Field names of the period sheet columns, in ColumnMap.Field.
const (
	PeriodYearToDate = "year_to_date_yuan"
)

// pfield is what a column of a period sheet holds.
type pfield int

const (
	pNone pfield = iota
	pInvested
	pYearToDate
	pProgressText
	pProgressPercent
	pStatsEntered
	pStatsYuan
	pProblems
	pWorkDone
	pNextPlan
)

var pfieldKeys = map[pfield]string{
	pInvested: "invested_yuan", pYearToDate: PeriodYearToDate, pProgressText: "progress_text",
	pProgressPercent: "progress_percent", pStatsEntered: "stats_entered", pStatsYuan: "stats_yuan",
	pProblems: "problems", pWorkDone: "work_done", pNextPlan: "next_plan",
}

var monthSpan = regexp.MustCompile(`\d*-\d*月`)

// classifyPeriod maps a period sheet's column, by its group and header
// text together ("2026年完成投资" over "本月"), to a report field. Shares
// ("占年度计划%"), plans, and cumulative figures since the start are not
// read: Tuijin computes them.
func classifyPeriod(group, leaf string) pfield {
	s := normHeader(group + leaf)
	switch {
	case s == "":
		return pNone
	case has(s, "问题"):
		return pProblems
	case has(s, "入库"):
		if has(s, "金额", "投资", "额") {
			return pStatsYuan
		}
		return pStatsEntered
	case has(s, "进度") && !has(s, "投资进度", "节点", "安排", "计划"):
		if has(s, "%", "百分比", "比例") {
			return pProgressPercent
		}
		return pProgressText
	case has(s, "下步", "下一步", "下阶段", "下月工作", "下期工作"):
		return pNextPlan
	case has(s, "工作") && !has(s, "投资"):
		return pWorkDone
	case has(s, "%", "占", "比例", "比重", "计划") || !has(s, "完成"):
		return pNone
	case has(s, "上年", "上一年", "年底", "年末", "开工", "以前", "全年", "至"):
		return pNone
	case monthSpan.MatchString(s) || has(s, "本年", "年初", "今年"):
		return pYearToDate
	case has(s, "累计"):
		return pNone
	case has(s, "本月", "本期", "本旬", "本周", "当月", "当期", "月完成", "旬完成", "周完成"):
		return pInvested
	}
	return pNone
}

// periodLayout is a period sheet's header as read.
type periodLayout struct {
	*layout
	fields map[int]pfield // column index → field
}

// ReadPeriodSheet reads a period sheet: our own WritePeriodXLSX, or a
// monthly or ten-day report laid out by an office (title, unit row, a
// header of one to three rows, 合计 and section rows). The first sheet that
// has a project-name column and a figure of the period (本月/本期完成投资,
// 1-N月完成投资, 形象进度, 入库) is read; the others are listed as skipped.
// The error is for files that cannot be read at all.
func ReadPeriodSheet(r io.ReaderAt, size int64, name string) (*PeriodParsed, error) {
	grids, err := readAny(r, size, name)
	if err != nil {
		return nil, err
	}
	out := &PeriodParsed{}
	for _, g := range grids {
		lay, why, whyEN := findPeriodHeader(g)
		switch {
		case lay == nil:
			out.Skipped = append(out.Skipped, SkippedSheet{Name: g.name, Reason: why, ReasonEN: whyEN})
		case out.Sheet != "":
			// 分级管理 and 分行业 list the same projects twice.
			out.Skipped = append(out.Skipped, SkippedSheet{Name: g.name,
				Reason:   "只读取第一张填报表“" + out.Sheet + "”",
				ReasonEN: "only the first report sheet (" + out.Sheet + ") is read"})
		default:
			readPeriodRows(g, lay, out)
		}
	}
	return out, nil
}

// readAny opens a workbook the way Read does: the format from the content.
func readAny(r io.ReaderAt, size int64, name string) ([]*grid, error) {
	if size > maxUpload {
		return nil, unreadable(name, "file too large")
	}
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	var grids []*grid
	var err error
	switch head = head[:n]; {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		grids, err = readXLS(r, size)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		grids, err = readXLSX(r, size)
	default:
		grids, err = readCSV(io.NewSectionReader(r, 0, size))
	}
	if err != nil {
		return nil, unreadable(name, err.Error())
	}
	return grids, nil
}

// findPeriodHeader finds the header with the ledger's machinery, then maps
// the period's columns; the first column of each field wins.
func findPeriodHeader(g *grid) (*periodLayout, string, string) {
	if len(g.cells) == 0 || allBlank(g) {
		return nil, "空表", "empty sheet"
	}
	top, nameCol, ok := bestHeaderRow(g)
	if !ok {
		return nil, "没有找到含“项目名称”的表头", "no header row with a project-name column"
	}
	lay := &layout{top: top, nameCol: nameCol, seqCol: -1}
	lay.bottom = headerBottom(g, top, nameCol)
	lay.cols = headerColumns(g, top, lay.bottom, nameCol+1)
	lay.cols[nameCol].field = fName
	pl := &periodLayout{layout: lay, fields: map[int]pfield{}}
	seen := map[pfield]bool{}
	for _, c := range lay.cols {
		if c.field == fSeq && lay.seqCol < 0 {
			lay.seqCol = c.index
		}
		if f := classifyPeriod(c.group, c.leaf); f != pNone && !seen[f] {
			seen[f] = true
			pl.fields[c.index] = f
		}
	}
	if len(pl.fields) == 0 {
		return nil, "没有本期完成投资、1-N月完成投资、形象进度或统计入库列，不是调度填报表",
			"no column for the period's investment, the year to date, image progress or statistics: not a period report"
	}
	if seen[pInvested] && seen[pYearToDate] {
		for i, f := range pl.fields {
			if f == pYearToDate { // the period's own figure wins; 1-N月 is derived
				delete(pl.fields, i)
			}
		}
	}
	lay.unit = sheetUnit(g, top, lay.cols)
	for i := range lay.cols {
		if lay.cols[i].unit == "" {
			lay.cols[i].unit = lay.unit
		}
	}
	return pl, "", ""
}

func readPeriodRows(g *grid, pl *periodLayout, out *PeriodParsed) {
	lay := pl.layout
	out.Sheet, out.Unit = g.name, lay.unit
	for r := lay.top; r <= lay.bottom; r++ {
		out.HeaderRows = append(out.HeaderRows, r+1)
	}
	for _, c := range lay.cols {
		m := ColumnMap{Column: colLetter(c.index), Header: c.header}
		switch f := pl.fields[c.index]; {
		case f != pNone:
			m.Field = pfieldKeys[f]
			if f == pInvested || f == pYearToDate || f == pStatsYuan {
				m.Unit = c.unit
			}
		case c.field == fSeq || c.field == fCode || c.field == fName:
			m.Field = fieldKeys[c.field]
		}
		out.Columns = append(out.Columns, m)
	}
	p := &sheetParser{g: g, lay: lay, res: &SheetResult{}, unknown: map[string]bool{}}
	for r := lay.bottom + 1; r < len(g.cells); r++ {
		k := p.kind(r, p.text(r))
		if k != kBlank {
			p.prevKind = k
		}
		if k == kProject {
			out.Rows = append(out.Rows, pl.readRow(g, r))
		}
	}
}

var (
	errNotPercent = errors.New("not a percent")
	errNotYesNo   = errors.New("not yes or no")
)

// readRow reads one project row: its code and name, and each filled-in
// figure cell.
func (pl *periodLayout) readRow(g *grid, r int) PeriodRow {
	row := PeriodRow{Line: r + 1}
	if c := pl.col(fCode); c >= 0 {
		row.Code = collapse(g.at(r, c))
	}
	row.Name = strings.TrimSpace(strings.ReplaceAll(collapse(g.at(r, pl.nameCol)), "★", ""))
	if row.Name == "" && row.Code == "" {
		h := pl.cols[pl.nameCol].header
		if h == "" {
			h = "项目名称"
		}
		row.Errors = append(row.Errors, cellError(r+1, h, "", errNoName))
	}
	f := &row.Fields
	for _, c := range pl.cols {
		pf := pl.fields[c.index]
		v := g.at(r, c.index)
		if pf == pNone || strings.TrimSpace(v) == "" {
			continue
		}
		var err error
		switch pf {
		case pInvested:
			err = amountInto(&f.InvestedYuan, v, c.unit)
		case pYearToDate:
			var y int64
			if err = amountInto(&y, v, c.unit); err == nil {
				row.YearToDateYuan = &y
			}
		case pStatsYuan:
			err = amountInto(&f.StatsYuan, v, c.unit)
		case pProgressPercent:
			f.ProgressPercent, err = percentValue(v)
		case pStatsEntered:
			f.StatsEntered, err = yesNoValue(v)
		case pProgressText:
			f.ProgressText = strings.TrimSpace(v)
		case pProblems:
			f.Problems = strings.TrimSpace(v)
		case pWorkDone:
			f.WorkDone = strings.TrimSpace(v)
		case pNextPlan:
			f.NextPlan = strings.TrimSpace(v)
		}
		if err != nil {
			row.Errors = append(row.Errors, periodCellError(r+1, c.header, v, err))
			continue
		}
		if pf != pYearToDate {
			row.Set = append(row.Set, pfieldKeys[pf])
		}
	}
	// An amount entered in the statistics says the project is in them.
	if f.StatsYuan > 0 && !slices.Contains(row.Set, "stats_entered") {
		f.StatsEntered = true
		row.Set = append(row.Set, "stats_entered")
	}
	return row
}

// percentValue reads an image-progress percent: "45", "45%", "45.5" (to
// the nearest whole percent), or 0.45 from a cell formatted as a percent
// (Excel stores the fraction).
func percentValue(text string) (int, error) {
	s := strings.TrimSpace(halfWidth(squeeze(text)))
	pct := strings.HasSuffix(s, "%")
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || math.IsNaN(f) {
		return 0, errNotPercent
	}
	if !pct && f > 0 && f < 1 {
		f *= 100
	}
	f = math.Round(f)
	if f < 0 || f > 100 {
		return 0, errNotPercent
	}
	return int(f), nil
}

// yesNoValue reads 是否入库: 是/否, 已入库/未入库, √/×, and the like.
func yesNoValue(text string) (bool, error) {
	s := strings.ToLower(halfWidth(squeeze(text)))
	switch s {
	case "是", "已入库", "入库", "已", "√", "✓", "✔", "y", "yes", "1", "true":
		return true, nil
	case "否", "未入库", "未", "无", "×", "✗", "n", "no", "0", "false", "-", "/":
		return false, nil
	}
	return false, errNotYesNo
}

func periodCellError(line int, header, v string, err error) CellError {
	switch err {
	case errNotPercent:
		return CellError{Line: line, Column: header, Value: v,
			Message:   fmt.Sprintf("第%d行 %s: '%s' 不是0到100之间的百分比", line, header, v),
			MessageEN: fmt.Sprintf("row %d %s: '%s' is not a percentage from 0 to 100", line, header, v)}
	case errNotYesNo:
		return CellError{Line: line, Column: header, Value: v,
			Message:   fmt.Sprintf("第%d行 %s: '%s' 应填“是”或“否”", line, header, v),
			MessageEN: fmt.Sprintf("row %d %s: '%s' should be 是 (yes) or 否 (no)", line, header, v)}
	}
	return cellError(line, header, v, err)
}
