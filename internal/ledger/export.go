package ledger

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"tuijin"
)

// Layout of the exported sheet: title, unit row, two header rows, then the
// 合计 row and the sections with their projects.
const (
	titleRow  = 1
	unitRow1  = 2
	headTop   = 3
	headBot   = 4
	firstData = 5
)

// WriteXLSX writes a year's list as offices lay it out: title, unit row,
// two-row header with merged group headers, a 合计 row, a section row with
// subtotals wherever the category changes (projects come ordered), amounts
// in 万元 shown with two decimals (stored exactly), frozen header, column
// widths, A4 landscape with the header rows repeated on every page.
func WriteXLSX(w io.Writer, year int, title string, projects []tuijin.Project) error {
	if title == "" {
		title = fmt.Sprintf("%d年重点项目台账", year)
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := fmt.Sprintf("%d年重点项目", year)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if err := pageSetup(f, sheet); err != nil {
		return err
	}
	cols := append([]outCol{{header: "序号", width: 6}}, outColumns(year, extraKeys(projects))...)
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	x := &xlsxWriter{sw: sw, cols: cols, st: st, year: year}
	if err := x.writeAll(title, projects); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headTop, headBot), Scope: sheet}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// pageSetup must run before the stream writer takes the sheet over.
func pageSetup(f *excelize.File, sheet string) error {
	orient, size, fitW, fitH := "landscape", 9, 1, 0 // 9 = A4
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Orientation: &orient, Size: &size, FitToWidth: &fitW, FitToHeight: &fitH,
	}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m := 0.4
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}); err != nil {
		return err
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"})
}

// WriteCSV writes the same columns as WriteXLSX, one header row ("项目业主单位/
// 负责人" for grouped columns) and one row per project, with the category
// as a column since CSV has no section rows. UTF-8 with a byte-order mark,
// so that Excel opens it in Chinese; amounts in 万元 to the yuan.
func WriteCSV(w io.Writer, year int, projects []tuijin.Project) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cols := outColumns(year, extraKeys(projects))
	cols = append(cols[:2], append([]outCol{{header: "项目类别", value: func(p *tuijin.Project) any { return p.Category }}}, cols[2:]...)...)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := []string{"序号"}
	for _, c := range cols {
		h := c.header
		if c.group != "" {
			h = c.group + "/" + h
		}
		head = append(head, h)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for i := range projects {
		rec := []string{strconv.Itoa(i + 1)}
		for _, c := range cols {
			rec = append(rec, csvValue(c, &projects[i]))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvValue(c outCol, p *tuijin.Project) string {
	switch v := c.value(p).(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64) // shortest form: reads back exactly
	}
	return ""
}
