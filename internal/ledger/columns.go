package ledger

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"tuijin"
)

// outCol is one column of the exported ledger. Its header texts are
// spellings the import maps back to the same field, so that an export
// reads back as the same ledger.
type outCol struct {
	group  string // merged header over several columns, "" for none
	header string
	width  float64
	amount bool // money in 万元, written as a number
	number bool // other numbers (areas)
	value  func(p *tuijin.Project) any
	yuan   func(p *tuijin.Project) int64 // amount columns: the exact amount, for sums
}

// outColumns lists the export's columns for a year's list; extra holds
// the Extra keys of the projects, written after the fixed columns so that
// nothing imported is lost on the way out.
func outColumns(year int, extra []string) []outCol {
	s := func(f func(p *tuijin.Project) string) func(p *tuijin.Project) any {
		return func(p *tuijin.Project) any { return f(p) }
	}
	cols := []outCol{
		{header: "项目代码", width: 14, value: s(func(p *tuijin.Project) string { return p.Code })},
		{header: "项目名称", width: 32, value: s(projectName)},
		{header: "项目性质", width: 8, value: s(func(p *tuijin.Project) string { return natureZh[p.Nature] })},
		{header: "项目阶段", width: 8, value: s(func(p *tuijin.Project) string { return stageZh[p.Stage] })},
		{header: "项目级别", width: 8, value: s(func(p *tuijin.Project) string { return levelZh[p.Level] })},
		{header: "领域", width: 10, value: s(func(p *tuijin.Project) string { return p.Domain })},
		{header: "行业", width: 10, value: s(func(p *tuijin.Project) string { return p.Industry })},
		{header: "建设内容及规模", width: 40, value: s(func(p *tuijin.Project) string { return p.Content })},
		{header: "所在乡镇", width: 10, value: s(func(p *tuijin.Project) string { return p.Town })},
		{header: "建设地点", width: 16, value: s(func(p *tuijin.Project) string { return p.Address })},
		{header: "用地面积（亩）", width: 10, number: true, value: func(p *tuijin.Project) any { return floatOrBlank(p.LandAreaMu) }},
		{header: "建筑面积（平方米）", width: 12, number: true, value: func(p *tuijin.Project) any { return floatOrBlank(p.FloorAreaM2) }},
		{header: "建设年限", width: 11, value: s(yearRange)},
		{header: "计划开工时间", width: 11, value: s(func(p *tuijin.Project) string { return p.PlannedStart })},
		{header: "计划竣工时间", width: 11, value: s(func(p *tuijin.Project) string { return p.PlannedCompletion })},
		{header: "实际开工时间", width: 11, value: s(func(p *tuijin.Project) string { return p.ActualStart })},
		{header: "实际竣工时间", width: 11, value: s(func(p *tuijin.Project) string { return p.ActualCompletion })},
		amountCol("总投资（万元）", func(p *tuijin.Project) int64 { return p.TotalInvestmentYuan }),
		amountCol("截至上年底累计完成投资（万元）", func(p *tuijin.Project) int64 { return p.CompletedBeforeYuan }),
		amountCol(fmt.Sprintf("%d年计划投资（万元）", year), func(p *tuijin.Project) int64 { return planned(p, year) }),
		{header: "资金来源", width: 20, value: s(fundingText)},
	}
	cols = append(cols, contactCols("项目业主单位", "业主名称", "联系人", func(p *tuijin.Project) [4]string {
		return [4]string{p.OwnerName, p.OwnerHead, p.OwnerContact, p.OwnerPhone}
	})...)
	cols = append(cols, contactCols("责任单位", "单位名称", "联络员", func(p *tuijin.Project) [4]string {
		return [4]string{p.DepartmentName, p.DeptHead, p.DeptLiaison, p.DeptPhone}
	})...)
	cols = append(cols,
		outCol{header: "包抓领导", width: 10, value: s(func(p *tuijin.Project) string { return p.LeaderName })},
		outCol{header: "项目专员", width: 10, value: s(func(p *tuijin.Project) string { return p.OfficerName })},
		outCol{header: "工作专班", width: 12, value: s(func(p *tuijin.Project) string { return p.TaskForce })},
		outCol{header: "备注", width: 16, value: s(func(p *tuijin.Project) string { return p.Remarks })},
	)
	for _, k := range extra {
		cols = append(cols, outCol{header: k, width: 14, value: s(func(p *tuijin.Project) string { return p.Extra[k] })})
	}
	return cols
}

func contactCols(group, name, contact string, get func(p *tuijin.Project) [4]string) []outCol {
	var out []outCol
	for i, h := range []string{name, "负责人", contact, "联系电话"} {
		out = append(out, outCol{group: group, header: h, width: []float64{22, 9, 9, 14}[i],
			value: func(p *tuijin.Project) any { return get(p)[i] }})
	}
	return out
}

var (
	natureZh = map[tuijin.Nature]string{tuijin.NatureNew: "新建", tuijin.NatureContinued: "续建", tuijin.NatureExpansion: "扩建"}
	stageZh  = map[tuijin.Stage]string{
		tuijin.StageReserve: "储备", tuijin.StagePreliminary: "前期", tuijin.StageNewStart: "新开工",
		tuijin.StageConstruction: "在建", tuijin.StageCompleted: "竣工", tuijin.StageOperating: "投产",
	}
	levelZh = map[tuijin.Level]string{tuijin.LevelProvince: "省级", tuijin.LevelCity: "市级", tuijin.LevelCounty: "县级"}
)

func projectName(p *tuijin.Project) string {
	if p.Flagship {
		return "★" + p.Name
	}
	return p.Name
}

// yearRange writes 建设年限 the way offices do: "2023-2025", "2023-" while
// the end is open.
func yearRange(p *tuijin.Project) string {
	switch {
	case p.StartYear == 0:
		return ""
	case p.EndYear == p.StartYear:
		return strconv.Itoa(p.StartYear)
	case p.EndYear == 0:
		return strconv.Itoa(p.StartYear) + "-"
	}
	return fmt.Sprintf("%d-%d", p.StartYear, p.EndYear)
}

func planned(p *tuijin.Project, year int) int64 {
	y, _ := p.PlanFor(year)
	return y.PlannedYuan
}

// amountCol writes yuan as a number of 万元. The float is the one nearest
// the exact decimal, so it reads back to the same yuan.
func amountCol(header string, get func(p *tuijin.Project) int64) outCol {
	return outCol{header: header, width: 13, amount: true, yuan: get,
		value: func(p *tuijin.Project) any { return wanFloat(get(p)) }}
}

func wanFloat(yuan int64) float64 {
	f, _ := strconv.ParseFloat(wan(yuan), 64)
	return f
}

func floatOrBlank(f *float64) any {
	if f == nil {
		return ""
	}
	return *f
}

// fundingText writes sources as "专项债5000万元；自筹2000万元", which the
// import reads back; a source of unknown amount is its name alone.
func fundingText(p *tuijin.Project) string {
	var parts []string
	for _, f := range p.Funding {
		if f.AmountYuan == 0 {
			parts = append(parts, f.Source)
		} else {
			parts = append(parts, f.Source+wan(f.AmountYuan)+"万元")
		}
	}
	return strings.Join(parts, "；")
}

// extraKeys is the sorted union of the projects' Extra keys.
func extraKeys(projects []tuijin.Project) []string {
	seen := map[string]bool{}
	var keys []string
	for i := range projects {
		for k, v := range projects[i].Extra {
			if !seen[k] && v != "" {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// chineseNumber writes section numbers: 1 → 一, 12 → 十二, 105 → 一百零五.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	case n < 100:
		return digits[n/10] + "十" + digits[n%10]
	case n%100 == 0:
		return chineseNumber(n/100) + "百"
	case n%100 < 10:
		return chineseNumber(n/100) + "百零" + digits[n%100]
	}
	return chineseNumber(n/100) + "百" + chineseNumber(n%100)
}
