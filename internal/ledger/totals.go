package ledger

import (
	"fmt"
	"strings"
)

// item is a row that takes part in the 合计 checks.
type item struct {
	kind    rowKind // kProject, kTotal or kSection
	line    int
	level   int // kTotal: -1 grand total, 0 area subtotal, 4 小计; kSection: 1..3
	label   string
	count   int           // stated project count, -1 if none
	amounts map[int]int64 // column index → stated yuan, for amount columns filled in
	project int           // kProject: index in Rows
}

// totalItem records the amounts a total or section row states. Cells that
// do not read as amounts are left out of the check rather than reported:
// a total row is not a project.
func (p *sheetParser) totalItem(r int, kind rowKind, level int, label string, count int) item {
	it := item{kind: kind, line: r + 1, level: level, label: label, count: count, amounts: map[int]int64{}}
	for _, c := range p.lay.cols {
		v := strings.TrimSpace(p.g.at(r, c.index))
		if !c.field.amount() || v == "" {
			continue
		}
		if y, err := amountYuan(v, c.unit); err == nil {
			it.amounts[c.index] = y
		}
	}
	return it
}

// checkTotals compares each total with the rows it covers. A grand total
// covers the sheet; an area subtotal and a section row cover the rows
// beneath until the next one of the same or a higher level; a 小计 covers
// the rows since the last section or total above it.
func (p *sheetParser) checkTotals() {
	for i, it := range p.items {
		if it.kind == kProject || (it.kind == kSection && len(it.amounts) == 0 && it.count < 0) {
			continue
		}
		rows := p.covered(i)
		tc := p.compare(it, rows)
		p.res.Totals = append(p.res.Totals, tc)
		if !tc.OK {
			p.res.Warnings = append(p.res.Warnings, Message{Line: tc.Line, Message: tc.Message, MessageEN: tc.MessageEN})
		}
	}
}

// covered returns the project rows item i covers.
func (p *sheetParser) covered(i int) []int {
	it := p.items[i]
	var rows []int
	switch {
	case it.level < 0:
		for _, o := range p.items {
			if o.kind == kProject {
				rows = append(rows, o.project)
			}
		}
	case it.level == 4: // 小计: the rows above, back to the last boundary
		for j := i - 1; j >= 0 && p.items[j].kind == kProject; j-- {
			rows = append([]int{p.items[j].project}, rows...)
		}
	default:
		for j := i + 1; j < len(p.items); j++ {
			o := p.items[j]
			if o.kind != kProject && o.level <= it.level {
				break
			}
			if o.kind == kProject {
				rows = append(rows, o.project)
			}
		}
	}
	return rows
}

func (p *sheetParser) compare(it item, rows []int) TotalCheck {
	tc := TotalCheck{Line: it.line, Label: it.label, StatedRows: it.count, Rows: len(rows), OK: true}
	var zh, en []string
	if it.count >= 0 && it.count != len(rows) {
		tc.OK = false
		zh = append(zh, fmt.Sprintf("表中写%d个项目，明细%d个", it.count, len(rows)))
		en = append(en, fmt.Sprintf("states %d projects, %d rows found", it.count, len(rows)))
	}
	for _, c := range p.lay.cols {
		stated, ok := it.amounts[c.index]
		if !ok {
			continue
		}
		sum := int64(0)
		for _, ri := range rows {
			sum += p.rowAmount(ri, c)
		}
		tc.Amounts = append(tc.Amounts, TotalAmount{Column: c.header, StatedYuan: stated, SumYuan: sum})
		if stated != sum {
			tc.OK = false
			zh = append(zh, fmt.Sprintf("%s 表中%s万元，明细合计%s万元", c.header, wan(stated), wan(sum)))
			en = append(en, fmt.Sprintf("%s states %s万元, rows add up to %s万元", c.header, wan(stated), wan(sum)))
		}
	}
	if tc.OK {
		tc.Message = fmt.Sprintf("第%d行 %s：与明细相符", it.line, it.label)
		tc.MessageEN = fmt.Sprintf("row %d %s: matches its rows", it.line, it.label)
	} else {
		tc.Message = fmt.Sprintf("第%d行 %s：%s", it.line, it.label, strings.Join(zh, "；"))
		tc.MessageEN = fmt.Sprintf("row %d %s: %s", it.line, it.label, strings.Join(en, "; "))
	}
	return tc
}

// rowAmount is what a project row has in an amount column, as read.
func (p *sheetParser) rowAmount(ri int, c column) int64 {
	pr := &p.res.Rows[ri].Project
	switch c.field {
	case fTotal:
		return pr.TotalInvestmentYuan
	case fCompletedBefore:
		return pr.CompletedBeforeYuan
	case fYearPlan:
		if y, ok := pr.PlanFor(c.year); ok {
			return y.PlannedYuan
		}
	}
	return 0
}

// wan formats yuan as 万元 with as many decimals as it needs (at most 4).
func wan(yuan int64) string {
	sign := ""
	if yuan < 0 {
		sign, yuan = "-", -yuan
	}
	s := fmt.Sprintf("%d.%04d", yuan/10000, yuan%10000)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return sign + s
}
