package ledger

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tuijin"
)

// The twelve real ledger templates (Zhangzhou and Nanping, 2010-2011) live
// outside the repository; see shared/data/ledgers/SOURCES.md.
var ledgerDir = filepath.Join("..", "..", "..", "shared", "data", "ledgers")

func readLedger(t testing.TB, name string) *Parsed {
	t.Helper()
	path := filepath.Join(ledgerDir, name)
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s not present", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Read(f, st.Size(), name, Options{Year: 2010})
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return p
}

// want is what one file must give: project rows per list sheet, the sheets
// that are not lists, and spot checks of single projects.
type want struct {
	file    string
	rows    map[string]int
	skipped []string
	check   []func(t *testing.T, p *Parsed)
}

const guleiName = "古雷腾龙芳烃（漳州）有限公司80万吨/年对二甲苯工程及整体公用配套工程"

func TestLedgers(t *testing.T) {
	for _, w := range ledgerWants() {
		t.Run(w.file, func(t *testing.T) {
			p := readLedger(t, w.file)
			if errs := p.Errors(); len(errs) > 0 {
				t.Errorf("cell errors: %+v", errs)
			}
			got := map[string]int{}
			for _, s := range p.Sheets {
				got[s.Name] = len(s.Rows)
				checkTotalsWarned(t, s)
			}
			if !equalCounts(got, w.rows) {
				t.Errorf("rows per sheet = %v, want %v", got, w.rows)
			}
			var skipped []string
			for _, s := range p.Skipped {
				skipped = append(skipped, s.Name)
				if s.Reason == "" || s.ReasonEN == "" {
					t.Errorf("sheet %s skipped without a reason", s.Name)
				}
			}
			if strings.Join(skipped, ",") != strings.Join(w.skipped, ",") {
				t.Errorf("skipped = %v, want %v", skipped, w.skipped)
			}
			for _, c := range w.check {
				c(t, p)
			}
		})
	}
}

func ledgerWants() []want {
	return []want{
		{file: "zzfet__在建、新开工项目台账.xls", skipped: []string{"Sheet1", "Sheet2", "Sheet3"}},
		{file: "zzfet__年度项目明细表.xls", rows: map[string]int{"明细表": 1, "按地区": 1, "按行业": 1},
			check: []func(*testing.T, *Parsed){guleiCheck("明细表"), checkAreaSheet, checkIndustrySheet}},
		{file: "zzfet__战役项目.xls", rows: map[string]int{"明细表": 1}, skipped: []string{"进度一览表", "汇总表"},
			check: []func(*testing.T, *Parsed){guleiCheck("明细表"), func(t *testing.T, p *Parsed) {
				pr := project(t, p, "明细表", guleiName)
				if pr.Extra["8月/当月完成投资额（万元）"] != "0" || pr.Extra["2010年1-7月完成投资（万元）"] != "387534" {
					t.Errorf("monthly columns not kept in Extra: %v", pr.Extra)
				}
			}}},
		{file: "zzfet__旬报表.xls", rows: map[string]int{"旬报表": 0}, check: []func(*testing.T, *Parsed){checkXunbao}},
		{file: "zzfet__重大支撑项目表.xls", rows: map[string]int{"附表": 1},
			check: []func(*testing.T, *Parsed){guleiCheck("附表"), func(t *testing.T, p *Parsed) {
				pr := project(t, p, "附表", guleiName)
				if pr.OwnerName != "腾龙芳烃（漳州）有限公司" || pr.OwnerHead != "黄耀智" || pr.DeptHead != "康溪顺" {
					t.Errorf("combined owner/department cells not split: %q %q %q", pr.OwnerName, pr.OwnerHead, pr.DeptHead)
				}
			}}},
		{file: "zzfet__项目前期工作台账.xls", skipped: []string{"Sheet1", "Sheet2", "Sheet3"}},
		{file: "zzfet__项目目标责任制表.xls", rows: map[string]int{"竣工投产": 1, "加速开工": 1, "加速报批": 1, "加速签约": 1},
			check: []func(*testing.T, *Parsed){
				projectCheck("竣工投产", "垃圾压缩设备和专用汽车生产项目", 200000000, tuijin.StageConstruction),
				projectCheck("加速开工", "电子产品显示器项目", 130000000, tuijin.StageNewStart),
				projectCheck("加速报批", "LED照明导体项目", 350000000, tuijin.StagePreliminary),
				projectCheck("加速签约", "铨声音响电子产品项目", 340000000, tuijin.StageReserve),
			}},
		{file: "“十二五”规划重点项目报表.xls", rows: map[string]int{"十二五": 2},
			check: []func(*testing.T, *Parsed){
				projectCheck("十二五", "南三龙铁路南平段", 10000, ""),
				projectCheck("十二五", "武夷山东溪水库旅游综合开发项目", 10000, ""),
				categoryCheck("十二五", "南三龙铁路南平段", "交通"),
			}},
		{file: "年度目标及形象进度完成情况汇总表.xls", rows: map[string]int{"Sheet1": 2}, skipped: []string{"Sheet2", "Sheet3"},
			check: []func(*testing.T, *Parsed){
				projectCheck("Sheet1", "南三龙铁路南平段", 10000, ""),
				categoryCheck("Sheet1", "武夷山东溪水库旅游综合开发项目", "交通"),
			}},
		{file: "重点项目月报表(在建、筹建).xls", rows: map[string]int{"分级管理": 2, "分行业": 2},
			skipped: []string{"分级管理（在建）", "分行业（在建）"},
			check:   []func(*testing.T, *Parsed){checkMonthly}},
		{file: "项目参建单位汇总表.xls", skipped: []string{"项目参建单位汇总表"}},
		{file: "项目资金拼盘及到位汇总表.xls", rows: map[string]int{"Sheet1": 1}, skipped: []string{"Sheet2", "Sheet3"},
			check: []func(*testing.T, *Parsed){checkFunding}},
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if n, ok := b[k]; !ok || n != v {
			return false
		}
	}
	return true
}

// checkTotalsWarned: a 合计 that its rows do not add up to is a warning
// (the templates' totals cover more projects than their example rows).
func checkTotalsWarned(t *testing.T, s SheetResult) {
	t.Helper()
	for _, tc := range s.Totals {
		if tc.OK {
			continue
		}
		found := false
		for _, w := range s.Warnings {
			found = found || (w.Line == tc.Line && w.Message == tc.Message)
		}
		if !found || !strings.HasPrefix(tc.Message, "第") {
			t.Errorf("sheet %s: total mismatch %q not among the warnings", s.Name, tc.Message)
		}
	}
}

func sheet(t *testing.T, p *Parsed, name string) SheetResult {
	t.Helper()
	for _, s := range p.Sheets {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no sheet %s", name)
	return SheetResult{}
}

func project(t *testing.T, p *Parsed, sheetName, name string) tuijin.Project {
	t.Helper()
	for _, r := range sheet(t, p, sheetName).Rows {
		if r.Project.Name == name {
			return r.Project
		}
	}
	t.Fatalf("sheet %s has no project %s", sheetName, name)
	return tuijin.Project{}
}

func projectCheck(sheetName, name string, total int64, stage tuijin.Stage) func(*testing.T, *Parsed) {
	return func(t *testing.T, p *Parsed) {
		pr := project(t, p, sheetName, name)
		if pr.TotalInvestmentYuan != total || pr.Stage != stage {
			t.Errorf("%s: total %d, stage %q; want %d, %q", name, pr.TotalInvestmentYuan, pr.Stage, total, stage)
		}
	}
}

func categoryCheck(sheetName, name, category string) func(*testing.T, *Parsed) {
	return func(t *testing.T, p *Parsed) {
		if got := project(t, p, sheetName, name).Category; got != category {
			t.Errorf("%s: category %q, want %q", name, got, category)
		}
	}
}

// guleiCheck: the ★ project holds 1,378,400万元, the amount a reader that
// takes numbers for dates gets wrong.
func guleiCheck(sheetName string) func(*testing.T, *Parsed) {
	return func(t *testing.T, p *Parsed) {
		pr := project(t, p, sheetName, guleiName)
		if pr.TotalInvestmentYuan != 13_784_000_000 || !pr.Flagship {
			t.Errorf("★ project: total %d flagship %v", pr.TotalInvestmentYuan, pr.Flagship)
		}
		y, _ := pr.PlanFor(2010)
		if pr.CompletedBeforeYuan != 3_000_000_000 || y.PlannedYuan != 6_700_000_000 ||
			pr.StartYear != 2009 || pr.EndYear != 2011 || pr.Nature != tuijin.NatureContinued {
			t.Errorf("★ project: %+v", pr)
		}
	}
}

func checkAreaSheet(t *testing.T, p *Parsed) {
	pr := project(t, p, "按地区", "体育用品")
	if pr.TotalInvestmentYuan != 92_000_000 || pr.Town != "龙海市" || pr.Category != "工业" ||
		pr.Nature != tuijin.NatureNew || pr.StartYear != 2010 || pr.EndYear != 0 ||
		pr.OwnerName != "威尔敦雅加（漳州）体育用品有限公司" || pr.DeptLiaison != "陈细敏" || pr.LeaderName != "江国荣" {
		t.Errorf("体育用品: %+v", pr)
	}
	if len(sheet(t, p, "按地区").Totals) != 3 {
		t.Errorf("按地区 totals: %+v", sheet(t, p, "按地区").Totals)
	}
}

func checkIndustrySheet(t *testing.T, p *Parsed) {
	pr := project(t, p, "按行业", "水泥")
	if pr.TotalInvestmentYuan != 200_000_000 || pr.Category != "工业项目" || pr.OwnerContact != "成斌" ||
		pr.PlannedStart != "2009-10-01" || pr.PlannedCompletion != "2011-03-01" {
		t.Errorf("水泥: %+v", pr)
	}
}

func checkXunbao(t *testing.T, p *Parsed) {
	s := sheet(t, p, "旬报表")
	if len(s.Totals) != 1 || !s.Totals[0].OK || len(s.Warnings) != 0 {
		t.Errorf("旬报表: a 合计 of zeros over no rows is right: %+v %+v", s.Totals, s.Warnings)
	}
}

func checkMonthly(t *testing.T, p *Parsed) {
	pr := project(t, p, "分级管理", "武夷山至邵武高速公路")
	if pr.Level != tuijin.LevelCity || pr.Stage != tuijin.StageConstruction || len(pr.Tags) != 1 || pr.Tags[0] != "●" ||
		pr.OwnerName != "福建武邵高速公路发展有限公司" || pr.OwnerHead != "李介立" {
		t.Errorf("分级管理: %+v", pr)
	}
	if got := project(t, p, "分行业", "顺昌环城路建设工程").Category; got != "交通" {
		t.Errorf("分行业 category = %q", got)
	}
}

func checkFunding(t *testing.T, p *Parsed) {
	pr := project(t, p, "Sheet1", "峰福铁路峰南段电气化改造工程")
	y, _ := pr.PlanFor(2010)
	if pr.TotalInvestmentYuan != 545_830_000 || y.PlannedYuan != 525_830_000 || len(pr.Funding) != 1 ||
		pr.Funding[0] != (tuijin.Funding{Source: "南昌铁路局", AmountYuan: 545_830_000}) {
		t.Errorf("funding sheet: %+v", pr)
	}
}
