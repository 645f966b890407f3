package ledger

import (
	"regexp"
	"strconv"
	"strings"
)

// field is what a sheet column holds, as far as the ledger is concerned.
type field int

const (
	fNone field = iota // kept in Project.Extra under its header text
	fSeq
	fCode
	fName
	fNature
	fStage
	fLevel
	fDomain
	fIndustry
	fCategory
	fContent
	fTown
	fAddress
	fLand
	fFloor
	fTotal
	fCompletedBefore
	fYearPlan
	fYears
	fPlannedStart
	fPlannedCompletion
	fActualStart
	fActualCompletion
	fOwnerName
	fOwnerWithHead // "建设单位及责任人": name and person in one cell
	fOwnerHead
	fOwnerContact
	fOwnerPhone
	fLeader
	fDept
	fDeptWithHead
	fDeptHead
	fDeptLiaison
	fDeptPhone
	fOfficer
	fTaskForce
	fFunding
	fRemarks
)

// fieldKeys names fields in ColumnMap by the JSON names of tuijin.Project,
// so that the preview in the web UI can label them.
var fieldKeys = map[field]string{
	fSeq: "seq", fCode: "code", fName: "name", fNature: "nature", fStage: "stage",
	fLevel: "level", fDomain: "domain", fIndustry: "industry", fCategory: "category",
	fContent: "content", fTown: "town", fAddress: "address", fLand: "land_area_mu",
	fFloor: "floor_area_m2", fTotal: "total_investment_yuan",
	fCompletedBefore: "completed_before_yuan", fYearPlan: "years",
	fYears: "start_year,end_year", fPlannedStart: "planned_start",
	fPlannedCompletion: "planned_completion", fActualStart: "actual_start",
	fActualCompletion: "actual_completion", fOwnerName: "owner_name",
	fOwnerWithHead: "owner_name,owner_head", fOwnerHead: "owner_head",
	fOwnerContact: "owner_contact", fOwnerPhone: "owner_phone", fLeader: "leader_name",
	fDept: "department_name", fDeptWithHead: "department_name,dept_head",
	fDeptHead: "dept_head", fDeptLiaison: "dept_liaison", fDeptPhone: "dept_phone",
	fOfficer: "officer_name", fTaskForce: "task_force", fFunding: "funding",
	fRemarks: "remarks",
}

// amountField reports whether a column holds money, read in the column's unit.
func (f field) amount() bool { return f == fTotal || f == fCompletedBefore || f == fYearPlan }

// ledgerFields are the columns that make a sheet a project ledger rather
// than a progress report, a contractor list or a summary by area.
var ledgerFields = []field{fTotal, fNature, fContent, fYears, fYearPlan, fCompletedBefore}

// normHeader prepares header text for matching: no spaces, ASCII brackets,
// no quotes, no money unit ("总投资（万元）" and "总投资 (万元)" match alike).
func normHeader(s string) string {
	s = halfWidth(squeeze(s))
	s = strings.NewReplacer("“", "", "”", "", "\"", "", "'", "").Replace(s)
	return unitParen.ReplaceAllString(s, "")
}

var unitParen = regexp.MustCompile(`\((?:单位:)?(?:万元|亿元|元)\)`)

func has(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// classify maps a column header, given as its group (the merged cell above,
// "" if none) and its own text, to a field. Offices spell the same column
// many ways, so the rules test for the words that matter, most specific first.
func classify(group, leaf string) field {
	g, s := normHeader(group), normHeader(leaf)
	if g != "" {
		if f := classifyInGroup(g, s); f != fNone {
			return f
		}
	}
	return classifyOne(s)
}

// classifyInGroup handles the sub-columns of a two-row header, where
// "负责人" means the owner's head under "项目业主单位" and the department's
// under "责任单位".
func classifyInGroup(g, s string) field {
	switch {
	case has(g, "业主", "建设单位", "项目单位", "法人"):
		return contactField(s, fOwnerName, fOwnerHead, fOwnerContact, fOwnerPhone)
	case has(g, "责任单位", "挂钩单位", "责任部门", "牵头单位", "主管部门"):
		return contactField(s, fDept, fDeptHead, fDeptLiaison, fDeptPhone)
	case has(g, "领导"):
		return fLeader
	}
	return fNone
}

func contactField(s string, name, head, contact, phone field) field {
	switch {
	case has(s, "电话", "手机", "传真", "联系方式"):
		return phone
	case has(s, "联系人", "联络人", "联络员"):
		return contact
	case has(s, "负责人", "责任人", "法人代表", "法定代表人"):
		return head
	case has(s, "名称", "单位"):
		return name
	}
	return fNone
}

func classifyOne(s string) field {
	switch {
	case s == "":
		return fNone
	case s == "序号" || s == "序" || strings.EqualFold(s, "No") || strings.EqualFold(s, "No."):
		return fSeq
	case has(s, "项目代码", "项目编码", "项目编号", "统一代码") || s == "代码" || s == "编码":
		return fCode
	case s == "项目名称" || s == "名称" || s == "项目" || strings.HasPrefix(s, "项目名称("):
		return fName
	case has(s, "业主", "建设单位", "项目单位", "法人"):
		if has(s, "及负责人", "及责任人", "和负责人", "及法人") {
			return fOwnerWithHead
		}
		return contactField(s, fOwnerName, fOwnerHead, fOwnerContact, fOwnerPhone)
	case has(s, "领导"):
		return fLeader
	case has(s, "责任单位", "责任部门", "牵头单位", "主管部门", "挂钩单位"):
		if has(s, "及责任人", "及负责人") {
			return fDeptWithHead
		}
		return fDept
	}
	return classifyMore(s)
}

// classifyMore continues classifyOne (split only to keep functions short).
func classifyMore(s string) field {
	switch {
	case has(s, "专员", "秘书"):
		return fOfficer
	case has(s, "专班"):
		return fTaskForce
	case has(s, "性质"):
		return fNature
	case has(s, "阶段", "项目状态", "建设状态"):
		return fStage
	case has(s, "级别", "省级或市级", "层级"):
		return fLevel
	case has(s, "领域"):
		return fDomain
	case has(s, "行业", "产业类别", "产业分类"):
		return fIndustry
	case has(s, "类别", "分类", "项目类型"):
		return fCategory
	case has(s, "建设内容", "建设规模", "建设目标", "主要内容"):
		return fContent
	case has(s, "年限", "起止时间", "建设期限", "建设工期", "建设周期"):
		return fYears
	case has(s, "累计") && has(s, "完成") && !has(s, "月") &&
		has(s, "年底", "年末", "上一年度", "开工", "以前"), has(s, "十一五完成"):
		return fCompletedBefore
	}
	return classifyDates(s)
}

func classifyDates(s string) field {
	started := has(s, "实际", "今年", "已")
	switch {
	case has(s, "开工") && started && has(s, "时间", "日期"):
		return fActualStart
	case has(s, "计划开工", "拟开工", "预计开工", "开工时间", "开工日期"):
		return fPlannedStart
	case has(s, "竣工", "完工", "建成") && started && has(s, "时间", "日期"):
		return fActualCompletion
	case has(s, "计划竣工", "拟竣工", "预计竣工", "竣工时间", "竣工日期", "计划完工", "完工时间"):
		return fPlannedCompletion
	case has(s, "乡镇", "镇街", "街镇", "所在镇", "所属镇", "区域", "县区", "所属县"):
		return fTown
	case has(s, "建设地点", "建设地址", "项目地址", "地址", "地点", "选址"):
		return fAddress
	case has(s, "用地", "占地") && has(s, "面积", "亩"):
		return fLand
	case has(s, "建筑面积"):
		return fFloor
	case has(s, "总投资", "投资总额") && !has(s, "完成", "到位", "累计", "占"):
		return fTotal
	case has(s, "计划投资", "投资计划", "计划完成投资") && !has(s, "月", "总", "累计", "占", "%"):
		return fYearPlan
	case has(s, "资金来源"):
		return fFunding
	case has(s, "备注"):
		return fRemarks
	}
	return fNone
}

var yearInText = regexp.MustCompile(`(19|20)\d\d`)

// headerYear is the year a "2024年计划投资" column is for, 0 if none is named.
func headerYear(text string) int {
	y, _ := strconv.Atoi(yearInText.FindString(text))
	return y
}

// unitOf returns the money unit a header or a unit row names, "" if none.
func unitOf(text string) string {
	t := squeeze(text)
	switch {
	case strings.Contains(t, "亿元"):
		return "亿元"
	case strings.Contains(t, "万元"):
		return "万元"
	case has(t, "(元)", "（元）", "单位:元", "单位：元"):
		return "元"
	}
	return ""
}
