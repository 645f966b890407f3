package ledger

import (
	"regexp"
	"strings"
)

// column is one sheet column as the header describes it.
type column struct {
	index  int
	header string // display text: "总投资（万元）", or "项目业主单位/负责人" under a group
	group  string
	leaf   string
	field  field
	unit   string // money unit for amount columns
	year   int    // for fYearPlan
}

// layout is what the header rows say about a sheet.
type layout struct {
	top, bottom int // header rows, 0-based, inclusive
	cols        []column
	seqCol      int // -1 when there is no 序号 column
	nameCol     int
	unit        string // the sheet's unit: unit row, else the total column's, else 万元
	warnings    []Message
}

// headerScan is how far down we look for the header: offices put a title,
// a subtitle and a unit row above it, never dozens of rows.
const headerScan = 40

// findHeader locates the header rows and maps the columns. The reason says
// in Chinese and English why a sheet is not a project list.
func findHeader(g *grid) (*layout, string, string) {
	top, nameCol, ok := bestHeaderRow(g)
	if !ok {
		return nil, "没有找到含“项目名称”的表头", "no header row with a project-name column"
	}
	lay := &layout{top: top, nameCol: nameCol, seqCol: -1}
	lay.bottom = headerBottom(g, top, nameCol)
	lay.cols = headerColumns(g, top, lay.bottom, nameCol+1)
	for _, c := range lay.cols {
		if c.field == fSeq && lay.seqCol < 0 {
			lay.seqCol = c.index
		}
	}
	if nameCol >= 0 && lay.cols[nameCol].field != fName {
		// The name column has no header text (加速签约 leaves it blank):
		// it is the column right of 序号, and we say so.
		lay.cols[nameCol].field = fName
		lay.warnings = append(lay.warnings, Message{Line: top + 1,
			Message:   "第" + itoa(top+1) + "行 第" + colLetter(nameCol) + "列没有表头，按项目名称读取",
			MessageEN: "row " + itoa(top+1) + ": column " + colLetter(nameCol) + " has no header; read as the project name"})
	}
	if isForm(g, lay.bottom) {
		return nil, "表单式（一个项目一张表），不是项目清单", "a form (one project per sheet), not a project list"
	}
	if !hasLedgerColumn(lay.cols) {
		return nil, "只有项目名称，没有总投资、项目性质、建设内容、建设年限或年度计划等台账列（进度表、参建单位表或汇总表）",
			"no ledger columns (total investment, nature, content, years, annual plan): a progress, contractor or summary sheet"
	}
	lay.unit = sheetUnit(g, top, lay.cols)
	for i := range lay.cols {
		if lay.cols[i].unit == "" {
			lay.cols[i].unit = lay.unit
		}
	}
	return lay, "", ""
}

// bestHeaderRow scores the first rows by how many distinct fields their
// cells name and returns the best row that has a name column (or, failing
// that, a 序号 column followed by a column without header).
func bestHeaderRow(g *grid) (row, nameCol int, ok bool) {
	best := 1
	for r := 0; r < min(len(g.cells), headerScan); r++ {
		seen := map[field]bool{}
		name, seq := -1, -1
		for c := range g.cells[r] {
			f := classify("", g.mergedAt(r, c))
			seen[f] = true
			if f == fName && name < 0 {
				name = c
			}
			if f == fSeq && seq < 0 {
				seq = c
			}
		}
		delete(seen, fNone)
		if name < 0 && seq >= 0 && strings.TrimSpace(g.mergedAt(r, seq+1)) == "" && len(seen) >= 3 {
			name = seq + 1 // a blank header right of 序号
		}
		if name >= 0 && len(seen) > best {
			best, row, nameCol, ok = len(seen), r, name, true
		}
	}
	return row, nameCol, ok
}

// headerBottom finds the last header row: a merge that starts on the header
// row and runs down (序号 over two or three rows) marks it; without merges, a
// next row that holds only text and has no name is a sub-header row.
func headerBottom(g *grid, top, nameCol int) int {
	bottom := top
	for _, m := range g.merges {
		if m.r0 == top && m.r1 > bottom && m.r1 <= top+3 {
			bottom = m.r1
		}
	}
	if bottom > top || hasMergesIn(g, top) {
		return bottom
	}
	next := top + 1
	if next >= len(g.cells) || strings.TrimSpace(g.at(next, nameCol)) != "" || g.blankRow(next) {
		return top
	}
	for _, v := range g.cells[next] {
		if _, err := parseDecimal(v); err == nil && strings.TrimSpace(v) != "" {
			return top // numbers: a data row (合计 or a continuation), not a header
		}
		if l := halfWidth(squeeze(v)); isTotalLabel(l) || level1.MatchString(l) || level2.MatchString(l) || countSuffix.MatchString(l) {
			return top // a 合计 or section row
		}
	}
	return next
}

func hasMergesIn(g *grid, r int) bool {
	for _, m := range g.merges {
		if m.r0 <= r && m.r1 >= r {
			return true
		}
	}
	return false
}

// headerColumns builds the columns from the header block. A group header
// spans its sub-columns by a merge; in sheets without merges (CSV, some
// generated .xlsx) it stands over the first of them only, so it is carried
// right while the row below has sub-headers and the group row is blank.
func headerColumns(g *grid, top, bottom, minWidth int) []column {
	width := minWidth
	for r := top; r <= bottom; r++ {
		width = max(width, len(g.cells[r]))
	}
	cols := make([]column, width)
	carry := ""
	for c := range cols {
		var parts []string
		for r := top; r <= bottom; r++ {
			v := displayText(g.mergedAt(r, c))
			if r == top && bottom > top && len(g.merges) == 0 {
				if v == "" && carry != "" && collapse(g.at(bottom, c)) != "" {
					v = carry
				}
				carry = v
			}
			if v != "" && (len(parts) == 0 || parts[len(parts)-1] != v) {
				parts = append(parts, v)
			}
		}
		cols[c] = makeColumn(c, parts)
	}
	return cols
}

// makeColumn turns the header texts of one column into a column. A single
// header cell may itself say "group/leaf" (our CSV export does).
func makeColumn(c int, parts []string) column {
	col := column{index: c}
	whole := ""
	if len(parts) == 1 && strings.Contains(parts[0], "/") && !strings.Contains(parts[0], "(") {
		whole, parts = parts[0], strings.SplitN(parts[0], "/", 2)
	}
	switch len(parts) {
	case 0:
		return col
	case 1:
		col.leaf = parts[0]
	default:
		col.group = strings.Join(parts[:len(parts)-1], "/")
		col.leaf = parts[len(parts)-1]
	}
	col.header = col.leaf
	if col.group != "" {
		col.header = col.group + "/" + col.leaf
	}
	col.field = classify(col.group, col.leaf)
	if col.field == fNone && whole != "" { // "总投资/万元" is not a group
		col.field = classify("", whole)
	}
	col.unit = unitOf(col.leaf)
	if col.unit == "" {
		col.unit = unitOf(col.group)
	}
	col.year = headerYear(col.group + col.leaf)
	return col
}

// displayText is header text as one line: the line breaks and alignment
// spaces offices put into Chinese headers go ("总投资\n（万元）" →
// "总投资（万元）"); a space between two Latin words stays.
func displayText(s string) string {
	words := strings.Fields(strings.ReplaceAll(s, "\u3000", " "))
	var b strings.Builder
	for i, w := range words {
		if i > 0 && ascii(words[i-1][len(words[i-1])-1]) && ascii(w[0]) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

func ascii(b byte) bool { return b < 0x80 }

var unitRow = regexp.MustCompile(`单位[:：]?\s*(万元|亿元|元)`)

// sheetUnit reads a unit row ("计量单位：万元", "（单位：亿元）") above the
// header, else the unit of the total column, else 万元, the ledger's unit.
func sheetUnit(g *grid, top int, cols []column) string {
	for r := 0; r < top; r++ {
		for _, v := range g.cells[r] {
			if m := unitRow.FindStringSubmatch(squeeze(v)); m != nil {
				return m[1]
			}
		}
	}
	for _, c := range cols {
		if c.field == fTotal && c.unit != "" {
			return c.unit
		}
	}
	return "万元"
}

// isForm tells a one-project form from a list: under a list header come
// data, under a form's first row come more labels such as 项目总投资额.
func isForm(g *grid, bottom int) bool {
	labels := 0
	for r := bottom + 1; r < min(len(g.cells), bottom+9); r++ {
		for _, v := range g.cells[r] {
			switch classify("", v) {
			case fTotal, fCompletedBefore, fYearPlan, fContent, fYears:
				labels++
			}
		}
	}
	return labels >= 2
}

func hasLedgerColumn(cols []column) bool {
	for _, c := range cols {
		for _, f := range ledgerFields {
			if c.field == f {
				return true
			}
		}
	}
	return false
}

// colLetter is the Excel column name of a 0-based index: 0 → A, 26 → AA.
func colLetter(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}
