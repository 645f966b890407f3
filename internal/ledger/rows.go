package ledger

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// rowKind is what a data row is.
type rowKind int

const (
	kBlank        rowKind = iota // empty, or a numbered template row with nothing in it
	kNote                        // 备注, footnotes "1、项目性质：指…", signature lines
	kTotal                       // 合计/总计/小计, and "龙海市合计14个"
	kSection                     // "一 工业", "（一）工业项目82个", "一、市本级（48项）"
	kBreakdown                   // "其中：在建重点项目（90项）" and the lines under it
	kProject                     // a project
	kContinuation                // a nameless row that adds a funding source to the project above
)

var (
	projectSeq   = regexp.MustCompile(`^\(?\d+(?:\.0)?[)、.]?\s*[` + seqMarks + `]*$`)
	level1       = regexp.MustCompile(`^[一二三四五六七八九十百零]+(?:[、.,\s]+|$)`)
	level2       = regexp.MustCompile(`^\([一二三四五六七八九十]+\)\s*`)
	countSuffix  = regexp.MustCompile(`\(?\s*共?(\d+)\s*(?:个|项)\s*\)?$`)
	footnoteNum  = regexp.MustCompile(`^\d+[、.]\D`)
	notePrefixes = []string{"备注", "注:", "注：", "说明", "填报", "填表", "制表", "审核", "附注", "资料来源", "数据来源"}
	totalWords   = []string{"合计", "总计", "小计", "共计"}
)

// seqMarks are the marks offices put beside a project's number.
const seqMarks = "●○★☆▲△◆◇■□※*#√✓"

// rowText is the parts of a row that decide its kind.
type rowText struct {
	seq, name string // collapsed text of the 序号 and name cells
	label     string // seq and name joined, half-width, for section and total labels
}

func (p *sheetParser) text(r int) rowText {
	var t rowText
	if p.lay.seqCol >= 0 {
		t.seq = halfWidth(collapse(p.g.at(r, p.lay.seqCol)))
	}
	t.name = collapse(p.g.at(r, p.lay.nameCol))
	t.label = strings.TrimSpace(halfWidth(t.seq + " " + t.name))
	return t
}

// kind decides what row r is, by its content.
func (p *sheetParser) kind(r int, t rowText) rowKind {
	switch {
	case !p.hasData(r):
		return kBlank
	case projectSeq.MatchString(t.seq):
		return kProject
	case p.isNote(r):
		return kNote
	case isTotalLabel(squeeze(t.label)):
		return kTotal
	case t.seq == "" && t.name == "":
		if f := p.lay.col(fFunding); f >= 0 && strings.TrimSpace(p.g.at(r, f)) != "" && len(p.res.Rows) > 0 {
			return kContinuation
		}
		return kProject // a project without a name: reported as an error
	}
	return p.sectionKind(r, t)
}

// sectionKind tells section rows from projects without a number.
func (p *sheetParser) sectionKind(r int, t rowText) rowKind {
	l := t.label
	switch {
	case strings.HasPrefix(l, "其中"):
		return kBreakdown
	case level1.MatchString(l), level2.MatchString(l):
		return kSection
	case countSuffix.MatchString(l) && !p.hasText(r):
		if p.prevKind == kBreakdown {
			return kBreakdown
		}
		return kSection
	case t.seq == "" && p.lay.seqCol >= 0 && !p.hasText(r) && !p.hasAmounts(r):
		// Only a name, in a sheet whose projects are numbered: a heading.
		return kSection
	}
	return kProject
}

// hasData reports whether anything but a plain 序号 number is filled in:
// numbered template rows and rows of zeros are not projects.
func (p *sheetParser) hasData(r int) bool {
	if r >= len(p.g.cells) {
		return false
	}
	for c, v := range p.g.cells[r] {
		v = strings.TrimSpace(v)
		if c == p.lay.seqCol && projectSeq.MatchString(halfWidth(v)) {
			continue
		}
		if d, err := parseDecimal(v); v == "" || (err == nil && d.zero()) {
			continue
		}
		return true
	}
	return false
}

// hasText reports whether a row has text beyond its label: a nature, a
// content, an owner. Section rows have none; they may carry subtotals.
func (p *sheetParser) hasText(r int) bool {
	for _, c := range p.lay.cols {
		if c.index == p.lay.seqCol || c.index == p.lay.nameCol || c.field.amount() {
			continue
		}
		v := strings.TrimSpace(p.g.at(r, c.index))
		if _, err := parseDecimal(v); v != "" && err != nil {
			return true
		}
	}
	return false
}

func (p *sheetParser) hasAmounts(r int) bool {
	for _, c := range p.lay.cols {
		if c.field.amount() && strings.TrimSpace(p.g.at(r, c.index)) != "" {
			return true
		}
	}
	return false
}

// isNote finds footnotes, remarks and signature lines: the row's first
// filled cell says so.
func (p *sheetParser) isNote(r int) bool {
	for _, v := range p.g.cells[r] {
		t := halfWidth(strings.TrimSpace(v))
		if t == "" {
			continue
		}
		for _, pre := range notePrefixes {
			if strings.HasPrefix(t, halfWidth(pre)) {
				return true
			}
		}
		long := utf8.RuneCountInString(t) > 30 || strings.Contains(t, ":")
		return strings.Contains(t, "签名") || strings.Contains(t, "签字") || (footnoteNum.MatchString(t) && long)
	}
	return false
}

// isTotalLabel: 合计, 总计, 小计, 共计 in a short label ("合计13个",
// "龙海市合计14个", "合  计").
func isTotalLabel(label string) bool {
	return utf8.RuneCountInString(label) <= 24 && has(label, totalWords...)
}

// sectionText strips the numbering and the count from a section label:
// "（一）工业项目82个" → "工业项目", 82.
func sectionText(label string) (string, int) {
	s := halfWidth(label)
	s = level2.ReplaceAllString(s, "")
	s = level1.ReplaceAllString(s, "")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "其中:"), "其中")
	count := -1
	if m := countSuffix.FindStringSubmatch(s); m != nil {
		count = atoi(m[1])
		s = s[:len(s)-len(m[0])]
	}
	return strings.TrimSpace(s), count
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if n > 1e8 {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}
