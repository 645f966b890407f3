package ledger

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"tuijin"
)

// genProjects makes n projects for a year's list, ordered by category as
// an office's list is, with every field the export writes filled in most
// of the time and amounts that are not round numbers of 万元.
func genProjects(n, year int, seed uint64) []tuijin.Project {
	rnd := rand.New(rand.NewPCG(seed, 1))
	pick := func(xs ...string) string { return xs[rnd.IntN(len(xs))] }
	cats := []string{"工业项目", "基础设施", "", "民生项目", "农业农村", "文化旅游"}
	out := make([]tuijin.Project, n)
	for i := range out {
		p := &out[i]
		p.Code = fmt.Sprintf("2024-350600-%02d-01-%06d", rnd.IntN(99), i)
		p.Name = fmt.Sprintf("%s%s项目%d", pick("东山", "南岭", "西溪", "北港"), pick("智能制造", "污水处理", "道路改造", "学校扩建"), i)
		p.Flagship = rnd.IntN(10) == 0
		p.Stage = tuijin.Stages[rnd.IntN(len(tuijin.Stages))]
		p.Nature = tuijin.Natures[rnd.IntN(len(tuijin.Natures))]
		p.Level = tuijin.Levels[rnd.IntN(len(tuijin.Levels))]
		p.Domain, p.Industry = pick("产业", "基础设施", "民生"), pick("制造业", "交通", "教育", "")
		p.Category = cats[i*len(cats)/n]
		p.Content = pick("新建厂房5万平方米，购置生产线3条", "改造道路2.3公里\n配套管网", "")
		p.Town, p.Address = pick("东园镇", "港尾镇", ""), pick("工业园区A区", "")
		if rnd.IntN(3) > 0 {
			land, floor := float64(rnd.IntN(100000))/100, float64(rnd.IntN(1000000))/10
			p.LandAreaMu, p.FloorAreaM2 = &land, &floor
		}
		p.TotalInvestmentYuan = rnd.Int64N(50_000_000_000)
		p.CompletedBeforeYuan = rnd.Int64N(p.TotalInvestmentYuan + 1)
		p.StartYear = year - rnd.IntN(3)
		p.EndYear = []int{0, p.StartYear, p.StartYear + 2}[rnd.IntN(3)]
		p.PlannedStart = pick("", fmt.Sprintf("%d-%02d-%02d", year, 1+rnd.IntN(12), 1+rnd.IntN(28)))
		p.PlannedCompletion = pick("", fmt.Sprintf("%d-12-31", year+1))
		p.ActualStart = pick("", fmt.Sprintf("%d-03-15", year))
		p.OwnerName, p.OwnerHead = pick("某某科技有限公司", "县城投集团"), pick("王伟", "欧阳小明", "")
		p.OwnerContact, p.OwnerPhone = pick("李红", ""), pick("0596-1234567", "13800138000", "")
		p.LeaderName, p.DepartmentName = pick("张副县长", "李明"), pick("县发改局", "县住建局", "东园镇政府")
		p.DeptHead, p.DeptLiaison, p.DeptPhone = pick("陈刚", ""), pick("林芳", ""), pick("0596-7654321", "")
		p.OfficerName, p.TaskForce = pick("黄磊", ""), pick("招商专班", "")
		if rnd.IntN(2) == 0 {
			p.Funding = []tuijin.Funding{{Source: "专项债", AmountYuan: rnd.Int64N(1_000_000_000)}, {Source: "自筹"}}
		}
		p.Years = []tuijin.YearPlan{{Year: year - 1, PlannedYuan: 1}, {Year: year, PlannedYuan: rnd.Int64N(p.TotalInvestmentYuan + 1), Level: p.Level}}
		p.Remarks = pick("", "已入库", "需协调用地")
		if rnd.IntN(4) == 0 {
			p.Extra = map[string]string{"备案号": fmt.Sprintf("闽发改备[%d]%d号", year, i), "8月/形象进度": "主体封顶"}
		}
	}
	return out
}

// exported keeps the fields the export writes for year: what a round trip
// must give back.
func exported(p tuijin.Project, year int) tuijin.Project {
	q := tuijin.Project{
		Code: p.Code, Name: p.Name, Flagship: p.Flagship, Stage: p.Stage, Nature: p.Nature, Level: p.Level,
		Domain: p.Domain, Industry: p.Industry, Category: p.Category, Content: p.Content, Town: p.Town,
		Address: p.Address, LandAreaMu: p.LandAreaMu, FloorAreaM2: p.FloorAreaM2,
		TotalInvestmentYuan: p.TotalInvestmentYuan, CompletedBeforeYuan: p.CompletedBeforeYuan,
		StartYear: p.StartYear, EndYear: p.EndYear, PlannedStart: p.PlannedStart,
		PlannedCompletion: p.PlannedCompletion, ActualStart: p.ActualStart, ActualCompletion: p.ActualCompletion,
		OwnerName: p.OwnerName, OwnerHead: p.OwnerHead, OwnerContact: p.OwnerContact, OwnerPhone: p.OwnerPhone,
		LeaderName: p.LeaderName, DepartmentName: p.DepartmentName, DeptHead: p.DeptHead,
		DeptLiaison: p.DeptLiaison, DeptPhone: p.DeptPhone, OfficerName: p.OfficerName, TaskForce: p.TaskForce,
		Funding: p.Funding, Remarks: p.Remarks, Extra: p.Extra,
	}
	if y, ok := p.PlanFor(year); ok {
		q.Years = []tuijin.YearPlan{{Year: year, PlannedYuan: y.PlannedYuan, Level: p.Level}}
	}
	if len(q.Funding) == 0 {
		q.Funding = nil
	}
	if len(q.Extra) == 0 {
		q.Extra = nil
	}
	return q
}

func checkRoundTrip(t *testing.T, p *Parsed, in []tuijin.Project, year int) {
	t.Helper()
	if len(p.Sheets) != 1 || len(p.Errors()) != 0 {
		t.Fatalf("sheets %d, errors %v", len(p.Sheets), p.Errors())
	}
	s := p.Sheets[0]
	if len(s.Warnings) != 0 {
		t.Errorf("warnings: %v", s.Warnings[:min(3, len(s.Warnings))])
	}
	if len(s.Rows) != len(in) {
		t.Fatalf("rows = %d, want %d", len(s.Rows), len(in))
	}
	bad := 0
	for i, r := range s.Rows {
		want, got := exported(in[i], year), exported(r.Project, year)
		if !reflect.DeepEqual(want, got) && bad < 3 {
			bad++
			t.Errorf("row %d:\n got %+v\nwant %+v", r.Line, got, want)
		}
	}
}

func TestRoundTripXLSX(t *testing.T) {
	const year = 2024
	in := genProjects(1000, year, 1)
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, year, "测试县2024年重点项目台账", in); err != nil {
		t.Fatal(err)
	}
	p := readBytes(t, buf.Bytes(), Options{})
	checkRoundTrip(t, p, in, year)
	s := p.Sheets[0]
	if s.Unit != "万元" || len(s.HeaderRows) != 2 || s.HeaderRows[0] != headTop {
		t.Errorf("unit %s, header rows %v", s.Unit, s.HeaderRows)
	}
	if len(s.Totals) != 7 { // 合计 and six sections (one 未分类)
		t.Errorf("totals = %d", len(s.Totals))
	}
}

func TestRoundTripCSV(t *testing.T) {
	const year = 2024
	in := genProjects(300, year, 2)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, year, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\uFEFF序号,")) {
		t.Errorf("CSV starts %q", buf.Bytes()[:12])
	}
	checkRoundTrip(t, readBytes(t, buf.Bytes(), Options{}), in, year)
}

// TestExportLayout checks what an office sees: merged group headers, the
// frozen header, A4 landscape and the print titles.
func TestExportLayout(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, 2024, "", genProjects(20, 2024, 3)); err != nil {
		t.Fatal(err)
	}
	f, err := excelizeOpen(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if v, _ := f.GetCellValue(sheet, "A1"); v != "2024年重点项目台账" {
		t.Errorf("title %q", v)
	}
	merges, _ := f.GetMergeCells(sheet)
	groups := 0
	for _, m := range merges {
		if m.GetCellValue() == "项目业主单位" || m.GetCellValue() == "责任单位" {
			groups++
		}
	}
	if groups != 2 {
		t.Errorf("group headers merged: %d", groups)
	}
	if pl, err := f.GetPageLayout(sheet); err != nil || *pl.Orientation != "landscape" || *pl.Size != 9 {
		t.Errorf("page layout %+v %v", pl, err)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != headBot {
		t.Errorf("panes %+v %v", panes, err)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm.Print_Titles" {
		t.Errorf("defined names %+v", names)
	}
	if style, _ := f.GetCellStyle(sheet, "S6"); style == 0 {
		t.Errorf("amount cell has no style")
	}
}
