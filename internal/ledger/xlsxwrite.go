package ledger

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"tuijin"
)

// styles are the cell styles of the export.
type styles struct {
	title, unit, head, text, amount, number, section, sectionAmount int
}

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	twoDecimals := "#,##0.00"
	bold := &excelize.Font{Bold: true}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	defs := []*excelize.Style{
		{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		{Alignment: &excelize.Alignment{Horizontal: "right"}},
		{Font: bold, Fill: grey, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		{Border: border, CustomNumFmt: &twoDecimals, Alignment: &excelize.Alignment{Vertical: "center"}},
		{Border: border, Alignment: &excelize.Alignment{Vertical: "center"}},
		{Font: bold, Fill: grey, Border: border, Alignment: &excelize.Alignment{Vertical: "center"}},
		{Font: bold, Fill: grey, Border: border, CustomNumFmt: &twoDecimals, Alignment: &excelize.Alignment{Vertical: "center"}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return styles{}, err
		}
		ids[i] = id
	}
	return styles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7]}, nil
}

// xlsxWriter streams the rows of the export.
type xlsxWriter struct {
	sw   *excelize.StreamWriter
	cols []outCol
	st   styles
	year int
	row  int // next row to write, 1-based
}

func (x *xlsxWriter) writeAll(title string, projects []tuijin.Project) error {
	if err := x.layout(); err != nil {
		return err
	}
	if err := x.header(title); err != nil {
		return err
	}
	x.row = firstData
	if err := x.sum(fmt.Sprintf("合计（%d项）", len(projects)), "", projects, x.st.section, x.st.sectionAmount); err != nil {
		return err
	}
	seq, section, current := 0, 0, ""
	for i := 0; i < len(projects); {
		j := i
		for j < len(projects) && projects[j].Category == projects[i].Category {
			j++
		}
		if cat := projects[i].Category; cat != current {
			if cat == "" {
				cat = uncategorized
			}
			section++
			label := fmt.Sprintf("%s（%d项）", cat, j-i)
			if err := x.sum(label, chineseNumber(section), projects[i:j], x.st.section, x.st.sectionAmount); err != nil {
				return err
			}
			current = projects[i].Category
		}
		for ; i < j; i++ {
			seq++
			if err := x.project(seq, &projects[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// layout sets widths and freezes the header and the name column; the
// stream writer needs both before the first row. Widths go last column
// first: excelize puts each new one in front, and Excel wants them in order.
func (x *xlsxWriter) layout() error {
	for i := len(x.cols) - 1; i >= 0; i-- {
		if err := x.sw.SetColWidth(i+1, i+1, x.cols[i].width); err != nil {
			return err
		}
	}
	return x.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 3, YSplit: headBot,
		TopLeftCell: cellName(3, firstData), ActivePane: "bottomRight"})
}

// header writes the title, the unit row and the two header rows: a group
// header is merged over its columns, a plain header down both rows.
func (x *xlsxWriter) header(title string) error {
	last := cellName(len(x.cols)-1, titleRow)
	if err := x.sw.SetRow(cellName(0, titleRow), []any{excelize.Cell{StyleID: x.st.title, Value: title}}, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := x.sw.MergeCell(cellName(0, titleRow), last); err != nil {
		return err
	}
	if err := x.sw.SetRow(cellName(0, unitRow1), []any{excelize.Cell{StyleID: x.st.unit, Value: "单位：万元"}}); err != nil {
		return err
	}
	if err := x.sw.MergeCell(cellName(0, unitRow1), cellName(len(x.cols)-1, unitRow1)); err != nil {
		return err
	}
	top, bottom := make([]any, len(x.cols)), make([]any, len(x.cols))
	for i := 0; i < len(x.cols); i++ {
		c := x.cols[i]
		if c.group == "" {
			top[i] = excelize.Cell{StyleID: x.st.head, Value: c.header}
			bottom[i] = excelize.Cell{StyleID: x.st.head}
			if err := x.sw.MergeCell(cellName(i, headTop), cellName(i, headBot)); err != nil {
				return err
			}
			continue
		}
		j := i
		for j < len(x.cols) && x.cols[j].group == c.group {
			top[j] = excelize.Cell{StyleID: x.st.head, Value: c.group}
			bottom[j] = excelize.Cell{StyleID: x.st.head, Value: x.cols[j].header}
			j++
		}
		if err := x.sw.MergeCell(cellName(i, headTop), cellName(j-1, headTop)); err != nil {
			return err
		}
		i = j - 1
	}
	if err := x.sw.SetRow(cellName(0, headTop), top, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	return x.sw.SetRow(cellName(0, headBot), bottom, excelize.RowOpts{Height: 24})
}

// sum writes a 合计 or section row with the sums of its projects' amounts.
func (x *xlsxWriter) sum(label, seq string, projects []tuijin.Project, text, amount int) error {
	row := make([]any, len(x.cols))
	for i, c := range x.cols {
		cell := excelize.Cell{StyleID: text}
		switch {
		case i == 0:
			cell.Value = seq
		case c.header == "项目名称":
			cell.Value = label
		case c.amount:
			var yuan int64
			for k := range projects {
				yuan += c.yuan(&projects[k])
			}
			cell = excelize.Cell{StyleID: amount, Value: wanFloat(yuan)}
		}
		row[i] = cell
	}
	x.row++
	return x.sw.SetRow(cellName(0, x.row-1), row)
}

func (x *xlsxWriter) project(seq int, p *tuijin.Project) error {
	row := make([]any, len(x.cols))
	row[0] = excelize.Cell{StyleID: x.st.number, Value: seq}
	for i := 1; i < len(x.cols); i++ {
		c := x.cols[i]
		style := x.st.text
		switch {
		case c.amount:
			style = x.st.amount
		case c.number:
			style = x.st.number
		}
		row[i] = excelize.Cell{StyleID: style, Value: c.value(p)}
	}
	x.row++
	return x.sw.SetRow(cellName(0, x.row-1), row)
}

// cellName is "B5" for column index 1 (0-based), row 5 (1-based).
func cellName(col, row int) string {
	return fmt.Sprintf("%s%d", colLetter(col), row)
}
