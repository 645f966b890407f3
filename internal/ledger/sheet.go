package ledger

import (
	"strings"

	"tuijin"
)

// sheetParser reads the data rows of one sheet under its header.
type sheetParser struct {
	g        *grid
	lay      *layout
	res      *SheetResult
	sections []section // open sections, outermost first
	items    []item    // every project, total and section row, for the 合计 checks
	prevKind rowKind
	unknown  map[string]bool // unrecognised nature/stage/level values, warned once
}

// section is an open section row: what it sets on the rows beneath.
type section struct {
	level int // 0 area subtotal (龙海市合计14个), 1 一、, 2 （一）, 3 unnumbered
	kind  sectionKind
	value string
}

type sectionKind int

const (
	secCategory sectionKind = iota
	secArea
	secStage
	secLevel
	secNature
)

// parseSheet turns one grid into a SheetResult, or says why it holds no
// project list.
func parseSheet(g *grid, year int, yearGiven bool) (*SheetResult, *SkippedSheet) {
	if len(g.cells) == 0 || allBlank(g) {
		return nil, &SkippedSheet{Name: g.name, Reason: "空表", ReasonEN: "empty sheet"}
	}
	lay, why, whyEN := findHeader(g)
	if lay == nil {
		return nil, &SkippedSheet{Name: g.name, Reason: why, ReasonEN: whyEN}
	}
	if !yearGiven {
		year = titleYear(g, lay.top, year)
	}
	res := &SheetResult{Name: g.name, Unit: lay.unit, Warnings: lay.warnings}
	for r := lay.top; r <= lay.bottom; r++ {
		res.HeaderRows = append(res.HeaderRows, r+1)
	}
	for i := range lay.cols {
		if lay.cols[i].field == fYearPlan && lay.cols[i].year == 0 {
			lay.cols[i].year = year
		}
	}
	dropDuplicates(lay.cols)
	for i := range lay.cols {
		res.Columns = append(res.Columns, columnMap(lay.cols[i]))
	}
	p := &sheetParser{g: g, lay: lay, res: res, unknown: map[string]bool{}}
	for r := lay.bottom + 1; r < len(g.cells); r++ {
		p.row(r)
	}
	p.checkTotals()
	return res, nil
}

// dropDuplicates keeps the first column of each field; a second one (two
// 总投资 columns, 市领导 beside 县领导) is kept as Extra, not merged.
func dropDuplicates(cols []column) {
	type key struct {
		f    field
		year int
	}
	seen := map[key]bool{}
	for i, c := range cols {
		k := key{c.field, c.year}
		if c.field != fNone && seen[k] {
			cols[i].field = fNone
		}
		seen[k] = true
	}
}

func allBlank(g *grid) bool {
	for r := range g.cells {
		if !g.blankRow(r) {
			return false
		}
	}
	return true
}

// titleYear is the year a title names ("古雷港经济开发区2010年项目明细表").
func titleYear(g *grid, top, fallback int) int {
	for r := 0; r < top; r++ {
		for _, v := range g.cells[r] {
			if i := strings.Index(v, "年"); i >= 4 {
				if y := headerYear(v[i-4 : i]); y > 0 {
					return y
				}
			}
		}
	}
	return fallback
}

func columnMap(c column) ColumnMap {
	m := ColumnMap{Column: colLetter(c.index), Header: c.header, Field: fieldKeys[c.field]}
	if c.field.amount() {
		m.Unit = c.unit
	}
	if c.field == fYearPlan {
		m.Year = c.year
	}
	return m
}

// col returns the index of the first column holding f, -1 if none.
func (l *layout) col(f field) int {
	for _, c := range l.cols {
		if c.field == f {
			return c.index
		}
	}
	return -1
}

func (p *sheetParser) row(r int) {
	t := p.text(r)
	k := p.kind(r, t)
	switch k {
	case kProject:
		p.project(r)
	case kContinuation:
		p.continuation(r)
	case kTotal:
		p.total(r, t)
	case kSection:
		p.section(r, t)
	}
	if k != kBlank {
		p.prevKind = k
	}
}

func (p *sheetParser) project(r int) {
	row := p.readProject(r)
	p.applySections(&row)
	p.res.Rows = append(p.res.Rows, row)
	p.items = append(p.items, item{kind: kProject, line: r + 1, project: len(p.res.Rows) - 1})
}

// section opens a section: it closes the sections at its level and deeper.
func (p *sheetParser) section(r int, t rowText) {
	text, count := sectionText(t.label)
	level := 3
	switch l := halfWidth(t.label); {
	case level2.MatchString(l):
		level = 2
	case level1.MatchString(l):
		level = 1
	}
	p.open(section{level: level, kind: sectionKindOf(text), value: text})
	p.items = append(p.items, p.totalItem(r, kSection, level, t.label, count))
}

// total records a 合计 row; "龙海市合计14个" also opens an area section.
func (p *sheetParser) total(r int, t rowText) {
	label := squeeze(t.label)
	_, count := sectionText(label)
	level := -1 // a grand total covers the whole sheet
	if i := strings.Index(label, "合计"); i > 0 && !strings.Contains(label, "小计") {
		area := label[:i]
		p.open(section{level: 0, kind: secArea, value: area})
		level = 0
	} else if strings.Contains(label, "小计") {
		level = 4
	}
	p.items = append(p.items, p.totalItem(r, kTotal, level, label, count))
}

func (p *sheetParser) open(s section) {
	i := 0
	for i < len(p.sections) && p.sections[i].level < s.level {
		i++
	}
	p.sections = append(p.sections[:i], s)
}

// applySections fills what the section rows above say, where the row's
// own cells left it empty.
func (p *sheetParser) applySections(row *Row) {
	pr := &row.Project
	own := pr.Category != "" // a 类别 column wins over the section row
	var path []string
	for _, s := range p.sections {
		path = append(path, s.value)
		switch s.kind {
		case secCategory:
			if !own {
				pr.Category = s.value
			}
		case secArea:
			if pr.Town == "" {
				pr.Town = s.value
			}
		case secStage:
			if pr.Stage == "" {
				pr.Stage = stageWords[strings.TrimSuffix(strings.TrimSuffix(s.value, "重点项目"), "项目")]
			}
		case secLevel:
			if pr.Level == "" {
				pr.Level = levelWords[s.value]
			}
		case secNature:
			if pr.Nature == "" {
				pr.Nature = natureWords[strings.TrimSuffix(s.value, "项目")]
			}
		}
	}
	if pr.Category == uncategorized {
		pr.Category = ""
	}
	row.Section = strings.Join(path, " / ")
}

// uncategorized is the section our export writes for projects without a
// category that follow categorised ones.
const uncategorized = "未分类"

var (
	stageWords = map[string]tuijin.Stage{
		"在建": tuijin.StageConstruction, "新开工": tuijin.StageNewStart,
		"前期": tuijin.StagePreliminary, "预备": tuijin.StagePreliminary,
		"筹建": tuijin.StagePreliminary, "储备": tuijin.StageReserve,
		"谋划": tuijin.StageReserve, "竣工": tuijin.StageCompleted,
		"投产": tuijin.StageOperating, "竣工投产": tuijin.StageCompleted,
	}
	levelWords = map[string]tuijin.Level{
		"市本级": tuijin.LevelCity, "县本级": tuijin.LevelCounty, "区本级": tuijin.LevelCounty,
		"省重点": tuijin.LevelProvince, "市重点": tuijin.LevelCity, "县重点": tuijin.LevelCounty,
		"省重点项目": tuijin.LevelProvince, "市重点项目": tuijin.LevelCity, "县重点项目": tuijin.LevelCounty,
	}
	natureWords = map[string]tuijin.Nature{
		"新建": tuijin.NatureNew, "续建": tuijin.NatureContinued, "扩建": tuijin.NatureExpansion,
	}
	areaSuffixes = []string{"市", "县", "区", "镇", "乡", "街道", "开发区", "园区", "新区", "管委会"}
)

func sectionKindOf(text string) sectionKind {
	bare := strings.TrimSuffix(strings.TrimSuffix(text, "重点项目"), "项目")
	switch {
	case stageWords[bare] != "":
		return secStage
	case levelWords[text] != "":
		return secLevel
	case natureWords[bare] != "":
		return secNature
	}
	for _, s := range areaSuffixes {
		if strings.HasSuffix(text, s) && text != s {
			return secArea
		}
	}
	return secCategory
}
