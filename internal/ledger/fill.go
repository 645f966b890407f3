package ledger

import (
	"errors"
	"fmt"
	"strings"

	"tuijin"
)

// readProject reads one project row. Every column lands in a field or, if
// the ledger has no field for it, in Extra under its header text.
func (p *sheetParser) readProject(r int) Row {
	row := Row{Line: r + 1}
	pr := &row.Project
	var span yearSpan
	for _, c := range p.lay.cols {
		if c.field == fYearPlan {
			pr.Years = append(pr.Years, tuijin.YearPlan{Year: c.year})
		}
		v := p.g.at(r, c.index)
		if strings.TrimSpace(v) == "" {
			continue
		}
		if err := p.set(pr, c, v, &span); err != nil {
			row.Errors = append(row.Errors, cellError(r+1, c.header, v, err))
		}
	}
	if pr.Name == "" {
		h := p.lay.cols[p.lay.nameCol].header
		if h == "" {
			h = "项目名称"
		}
		row.Errors = append(row.Errors, cellError(r+1, h, "", errNoName))
	}
	for i := range pr.Years {
		pr.Years[i].Level = pr.Level
	}
	if pr.PlannedStart == "" && span.startMonth > 0 {
		pr.PlannedStart = fmt.Sprintf("%04d-%02d-01", span.start, span.startMonth)
	}
	if pr.PlannedCompletion == "" && span.endMonth > 0 {
		pr.PlannedCompletion = fmt.Sprintf("%04d-%02d-01", span.end, span.endMonth)
	}
	return row
}

var (
	errNoName  = errors.New("no name")
	errNotDate = errors.New("not a date")
	errNotSpan = errors.New("not a year range")
)

// set stores one cell in its field.
func (p *sheetParser) set(pr *tuijin.Project, c column, v string, span *yearSpan) error {
	switch c.field {
	case fSeq:
		p.seqMarks(pr, v)
	case fName:
		pr.Name = strings.TrimSpace(strings.ReplaceAll(collapse(v), "★", ""))
		pr.Flagship = pr.Flagship || strings.Contains(v, "★")
	case fTotal:
		return amountInto(&pr.TotalInvestmentYuan, v, c.unit)
	case fCompletedBefore:
		return amountInto(&pr.CompletedBeforeYuan, v, c.unit)
	case fYearPlan:
		return amountInto(&pr.Years[len(pr.Years)-1].PlannedYuan, v, c.unit)
	case fLand, fFloor:
		a, err := areaValue(v)
		if c.field == fLand {
			pr.LandAreaMu = a
		} else {
			pr.FloorAreaM2 = a
		}
		return err
	case fYears:
		sp, ok := parseYears(v)
		if !ok {
			return errNotSpan
		}
		*span, pr.StartYear, pr.EndYear = sp, sp.start, sp.end
	case fPlannedStart, fPlannedCompletion, fActualStart, fActualCompletion:
		return p.setDate(pr, c.field, v)
	case fNature, fStage, fLevel:
		p.setWord(pr, c, v)
	case fFunding:
		pr.Funding = append(pr.Funding, parseFunding(v, c.unit)...)
	default:
		p.setText(pr, c, v)
	}
	return nil
}

func amountInto(dst *int64, v, unit string) error {
	y, err := amountYuan(v, unit)
	if err == nil {
		*dst = y
	}
	return err
}

func (p *sheetParser) setDate(pr *tuijin.Project, f field, v string) error {
	d, ok := parseDate(v)
	if !ok {
		return errNotDate
	}
	switch f {
	case fPlannedStart:
		pr.PlannedStart = d
	case fPlannedCompletion:
		pr.PlannedCompletion = d
	case fActualStart:
		pr.ActualStart = d
	default:
		pr.ActualCompletion = d
	}
	return nil
}

// seqMarks keeps what offices put next to the number: ★ marks a flagship
// project; other marks ("1●") are kept as tags, since their meaning is the
// office's own.
func (p *sheetParser) seqMarks(pr *tuijin.Project, v string) {
	for _, r := range v {
		if r == '★' {
			pr.Flagship = true
		} else if strings.ContainsRune(seqMarks, r) {
			pr.Tags = append(pr.Tags, string(r))
		}
	}
}

// setText stores the plain text fields.
func (p *sheetParser) setText(pr *tuijin.Project, c column, v string) {
	short := collapse(v)
	switch c.field {
	case fCode:
		pr.Code = short
	case fDomain:
		pr.Domain = short
	case fIndustry:
		pr.Industry = short
	case fCategory:
		pr.Category = short
	case fContent:
		pr.Content = strings.TrimSpace(v)
	case fTown:
		pr.Town = short
	case fAddress:
		pr.Address = strings.TrimSpace(v)
	case fOwnerName:
		pr.OwnerName = short
	case fOwnerWithHead:
		pr.OwnerName, pr.OwnerHead = splitWithHead(v)
	case fOwnerHead:
		pr.OwnerHead = personName(v)
	case fOwnerContact:
		pr.OwnerContact = personName(v)
	case fOwnerPhone:
		pr.OwnerPhone = short
	case fLeader:
		pr.LeaderName = personName(v)
	case fDept:
		pr.DepartmentName = short
	case fDeptWithHead:
		pr.DepartmentName, pr.DeptHead = splitWithHead(v)
	case fDeptHead:
		pr.DeptHead = personName(v)
	case fDeptLiaison:
		pr.DeptLiaison = personName(v)
	case fDeptPhone:
		pr.DeptPhone = short
	case fOfficer:
		pr.OfficerName = personName(v)
	case fTaskForce:
		pr.TaskForce = short
	case fRemarks:
		pr.Remarks = strings.TrimSpace(v)
	default:
		p.extra(pr, c.header, v)
	}
}

func (p *sheetParser) extra(pr *tuijin.Project, key, v string) {
	if pr.Extra == nil {
		pr.Extra = map[string]string{}
	}
	pr.Extra[key] = strings.TrimSpace(v)
}

// setWord reads nature, stage and level columns. Offices write stages in
// the nature column (新开工, 在建, 前期, 促竣工): those set the stage. A word
// we do not know is kept in Extra, with one warning per value.
func (p *sheetParser) setWord(pr *tuijin.Project, c column, v string) {
	w := squeeze(v)
	ok := true
	switch c.field {
	case fNature:
		var n tuijin.Nature
		var s tuijin.Stage
		n, s, ok = natureOf(w)
		pr.Nature = n
		if s != "" {
			pr.Stage = s
		}
	case fStage:
		pr.Stage, ok = stageOf(w)
	case fLevel:
		pr.Level, ok = levelOf(w)
	}
	if ok {
		return
	}
	p.extra(pr, c.header, v)
	if key := c.header + "\x00" + w; !p.unknown[key] {
		p.unknown[key] = true
		p.res.Warnings = append(p.res.Warnings, Message{
			Message:   fmt.Sprintf("%s: '%s' 无法识别，已原样保留在附加信息中", c.header, w),
			MessageEN: fmt.Sprintf("%s: '%s' not recognised; kept as extra information", c.header, w)})
	}
}

// continuation adds a nameless row under a project to it: in funding
// sheets it is one more source, its amount in the total column. The row's
// other cells are kept in Extra, keyed by column and source.
func (p *sheetParser) continuation(r int) {
	last := &p.res.Rows[len(p.res.Rows)-1]
	pr := &last.Project
	source := collapse(p.g.at(r, p.lay.col(fFunding)))
	fu := tuijin.Funding{Source: source}
	for _, c := range p.lay.cols {
		v := strings.TrimSpace(p.g.at(r, c.index))
		switch {
		case v == "" || c.field == fFunding:
		case c.field == fTotal:
			y, err := amountYuan(v, c.unit)
			if err != nil {
				last.Errors = append(last.Errors, cellError(r+1, c.header, v, err))
			}
			fu.AmountYuan = y
		default:
			p.extra(pr, c.header+"（"+source+"）", v)
		}
	}
	pr.Funding = append(pr.Funding, fu)
}

// cellError words a cell problem as a full sentence in both languages.
func cellError(line int, header, v string, err error) CellError {
	zh, en := "无法读取", "cannot be read"
	switch err {
	case errNotAmount:
		zh, en = "不是金额", "is not an amount"
	case errNegative:
		zh, en = "不能为负数", "must not be negative"
	case errTooLarge:
		zh, en = "金额过大", "is too large"
	case errNotArea:
		zh, en = "不是面积", "is not an area"
	case errNotDate:
		zh, en = "不是日期", "is not a date"
	case errNotSpan:
		zh, en = "不是年份区间（如 2023-2025）", "is not a year range (such as 2023-2025)"
	case errNoName:
		return CellError{Line: line, Column: header, Value: v,
			Message:   fmt.Sprintf("第%d行 %s: 不能为空", line, header),
			MessageEN: fmt.Sprintf("row %d %s: must not be empty", line, header)}
	}
	return CellError{Line: line, Column: header, Value: v,
		Message:   fmt.Sprintf("第%d行 %s: '%s' %s", line, header, v, zh),
		MessageEN: fmt.Sprintf("row %d %s: '%s' %s", line, header, v, en)}
}
