// Package briefing writes the documents offices send up: the weekly
// problem list (一周一清单), the supervision report (督查专报) and the
// key-project briefing (简报), as Word files, from the figures the rest of
// Tuijin computes (it computes nothing of its own).
package briefing

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/xuri/excelize/v2"

	"tuijin"
	"tuijin/internal/docx"
)

// Yi writes yuan as 亿元 with one decimal; Wan as 万元 with two.
func Yi(yuan int64) string  { return fmt.Sprintf("%.1f", float64(yuan)/1e8) }
func Wan(yuan int64) string { return fmt.Sprintf("%.2f", float64(yuan)/1e4) }

func pct(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", *p)
}

// Problems is what the problem documents show.
type Problems struct {
	Title        string
	Date         string // the day it is issued
	Total        tuijin.ProblemCounts
	ByDepartment []tuijin.ProblemCounts
	Open         []tuijin.Problem // open problems, overdue first
}

var levelNames = map[tuijin.EscalationLevel]string{0: "一般", 1: "挂牌督办", 2: "专题研究", 3: "督查专报"}

// WriteProblems writes the weekly list or the supervision report.
func WriteProblems(w io.Writer, p Problems) error {
	d := docx.New()
	d.Title(p.Title)
	d.Subtitle(p.Date)
	t := p.Total
	d.Para(fmt.Sprintf("截至%s，共排查发现问题%d个，已解决销号%d个，正在推进%d个，其中超期未销号%d个。", p.Date, t.Found, t.Closed, t.InProgress, t.Overdue))
	d.Heading("一、分单位问题办理情况")
	rows := [][]string{}
	for _, c := range p.ByDepartment {
		avg := "—"
		if c.AvgDaysOpen != nil {
			avg = fmt.Sprintf("%.1f", *c.AvgDaysOpen)
		}
		rows = append(rows, []string{c.Label, strconv.Itoa(c.Found), strconv.Itoa(c.Closed), strconv.Itoa(c.InProgress), strconv.Itoa(c.Overdue), avg})
	}
	d.Table([]string{"责任单位", "发现", "销号", "推进中", "超期", "平均办结天数"}, rows)
	d.Heading("二、未销号问题清单")
	rows = rows[:0]
	for i, pr := range p.Open {
		state := "推进中"
		if pr.Overdue {
			state = "超期"
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), pr.ProjectName, pr.Title, pr.DepartmentName, pr.Deadline, levelNames[pr.Level], state})
	}
	d.Table([]string{"序号", "项目", "问题", "责任单位", "办理期限", "督办级别", "状态"}, rows)
	return d.Write(w)
}

// Briefing is what the key-project briefing shows.
type Briefing struct {
	Area         string               `json:"area"` // 全区, 全县 ...
	Year         int                  `json:"year"`
	AsOf         string               `json:"as_of"`
	Month        int                  `json:"month"`
	Total        tuijin.Figures       `json:"total"`
	ByDepartment []tuijin.Figures     `json:"by_department"`
	Red          []Lit                `json:"red"`
	Yellow       []Lit                `json:"yellow"`
	Problems     tuijin.ProblemCounts `json:"problems"`
	Started      int                  `json:"started"`      // projects of the list that have started
	NewProjects  int                  `json:"new_projects"` // projects on the list that are new this year
	NewStarted   int                  `json:"new_started"`
}

// Lit is a red or yellow project with its reasons.
type Lit struct {
	Name       string   `json:"name"`
	Department string   `json:"department"`
	Reasons    []string `json:"reasons"`
}

// Headline is the briefing's first sentence, with the figures offices
// quote ("全区重点项目247个，总投资933.8亿元，1-9月完成投资…，占年度计划…%").
func (b Briefing) Headline() string {
	t := b.Total
	return fmt.Sprintf("%s重点项目%d个，总投资%s亿元，年度计划投资%s亿元；1-%d月完成投资%s亿元，占年度计划%s，序时进度%.1f%%。",
		b.Area, t.ProjectCount, Yi(t.TotalInvestmentYuan), Yi(t.PlannedYuan), b.Month, Yi(t.CompletedYuan), pct(t.CompletionRate), t.ElapsedShare)
}

// WriteBriefing writes the key-project briefing.
func WriteBriefing(w io.Writer, b Briefing) error {
	d := docx.New()
	d.Title(fmt.Sprintf("重点项目建设简报（%d年%d月）", b.Year, b.Month))
	d.Subtitle("截至" + b.AsOf)
	d.Heading("一、总体情况")
	d.Para(b.Headline())
	if b.NewProjects > 0 {
		d.Para(fmt.Sprintf("新建项目%d个，已开工%d个，开工率%.1f%%。", b.NewProjects, b.NewStarted, float64(b.NewStarted)*100/float64(b.NewProjects)))
	}
	d.Para(fmt.Sprintf("亮灯情况：红灯%d个，黄灯%d个。问题共发现%d个，已销号%d个，推进中%d个。", len(b.Red), len(b.Yellow),
		b.Problems.Found, b.Problems.Closed, b.Problems.InProgress))
	d.Heading("二、各单位投资完成情况")
	deps := append([]tuijin.Figures(nil), b.ByDepartment...)
	sort.SliceStable(deps, func(i, j int) bool { return rate(deps[i]) > rate(deps[j]) })
	rows := [][]string{}
	for i, f := range deps {
		rows = append(rows, []string{strconv.Itoa(i + 1), f.Label, strconv.Itoa(f.ProjectCount), Wan(f.PlannedYuan), Wan(f.CompletedYuan), pct(f.CompletionRate)})
	}
	d.Table([]string{"排名", "责任单位", "项目数", "年度计划（万元）", "完成投资（万元）", "完成率"}, rows)
	d.Heading("三、红黄灯项目")
	rows = rows[:0]
	for _, group := range []struct {
		name string
		list []Lit
	}{{"红灯", b.Red}, {"黄灯", b.Yellow}} {
		for _, l := range group.list {
			reason := ""
			for i, r := range l.Reasons {
				if i > 0 {
					reason += "；"
				}
				reason += r
			}
			rows = append(rows, []string{group.name, l.Name, l.Department, reason})
		}
	}
	d.Table([]string{"灯色", "项目", "责任单位", "原因"}, rows)
	return d.Write(w)
}

func rate(f tuijin.Figures) float64 {
	if f.CompletionRate == nil {
		return -1
	}
	return *f.CompletionRate
}

// WriteProblemsXLSX writes the same list as a workbook: the counts by
// department on one sheet, the open problems on another.
func WriteProblemsXLSX(w io.Writer, p Problems) error {
	f := excelize.NewFile()
	defer f.Close()
	counts := f.GetSheetName(0)
	f.SetSheetName(counts, "分单位情况")
	counts = "分单位情况"
	f.SetCellValue(counts, "A1", p.Title+"（"+p.Date+"）")
	f.MergeCell(counts, "A1", "F1")
	rows := [][]any{{"责任单位", "发现", "销号", "推进中", "超期", "平均办结天数"}}
	for _, c := range append(append([]tuijin.ProblemCounts{}, p.ByDepartment...), withLabel(p.Total, "合计")) {
		var avg any = ""
		if c.AvgDaysOpen != nil {
			avg = *c.AvgDaysOpen
		}
		rows = append(rows, []any{c.Label, c.Found, c.Closed, c.InProgress, c.Overdue, avg})
	}
	writeRows(f, counts, 2, rows)
	f.SetColWidth(counts, "A", "A", 24)
	list := "未销号问题"
	f.NewSheet(list)
	rows = [][]any{{"序号", "项目", "问题", "类型", "责任单位", "办理期限", "督办级别", "状态"}}
	for i, pr := range p.Open {
		state := "推进中"
		if pr.Overdue {
			state = "超期"
		}
		rows = append(rows, []any{i + 1, pr.ProjectName, pr.Title, pr.Type, pr.DepartmentName, pr.Deadline, levelNames[pr.Level], state})
	}
	writeRows(f, list, 1, rows)
	f.SetColWidth(list, "B", "C", 30)
	f.SetColWidth(list, "E", "E", 18)
	return f.Write(w)
}

func withLabel(c tuijin.ProblemCounts, label string) tuijin.ProblemCounts {
	c.Label = label
	return c
}

func writeRows(f *excelize.File, sheet string, first int, rows [][]any) {
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, first+i)
		f.SetSheetRow(sheet, cell, &r)
	}
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: first, TopLeftCell: "A" + strconv.Itoa(first+1), ActivePane: "bottomLeft"})
}
