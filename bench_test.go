package tuijin_test

import (
	"testing"

	"tuijin"
)

// Hot functions of every write: the audit diff (field by field for an
// update, a JSON round trip of the whole record for a create), validation,
// stage rules and the deep copy behind PATCH.

func benchProject() *tuijin.Project {
	land, lng := 120.5, 118.1
	dept, leader := int64(3), int64(9)
	return &tuijin.Project{ID: 1, Code: "2025-350623-48-01-000001", Name: "城关镇污水处理厂提标改造工程", Stage: tuijin.StageConstruction,
		Nature: tuijin.NatureContinued, Level: tuijin.LevelCity, Domain: "基础设施", Industry: "市政", Category: "基础设施",
		Content: "日处理规模5万吨，配套管网12公里", Town: "城关镇", Address: "城关镇工业园区", Longitude: &lng, LandAreaMu: &land,
		TotalInvestmentYuan: 320_000_000, StartYear: 2024, EndYear: 2026, PlannedStart: "2024-03-01", PlannedCompletion: "2026-10-30",
		ActualStart: "2024-03-18", OwnerName: "县城市建设投资集团有限公司", DepartmentID: &dept, DepartmentName: "县住建局", LeaderID: &leader,
		LeaderName: "张伟", Funding: []tuijin.Funding{{Source: "专项债", AmountYuan: 200_000_000}, {Source: "地方财政", AmountYuan: 120_000_000}},
		Years: []tuijin.YearPlan{{Year: 2025, PlannedYuan: 150_000_000, Level: tuijin.LevelCity}, {Year: 2026, PlannedYuan: 170_000_000}},
		Tags:  []string{"专项债"}, Extra: map[string]string{"备案号": "城关发改备〔2024〕12号"}, Version: 3}
}

func BenchmarkChangesCreate(b *testing.B) {
	p := benchProject()
	for b.Loop() {
		tuijin.Changes(nil, p)
	}
}

func BenchmarkChangesUpdate(b *testing.B) {
	before := benchProject()
	after := before.Clone()
	after.Remarks = "已入库"
	for b.Loop() {
		if len(tuijin.Changes(before, after)) != 1 {
			b.Fatal("one field changed")
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	p := benchProject()
	for b.Loop() {
		if err := p.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClone(b *testing.B) {
	p := benchProject()
	for b.Loop() {
		p.Clone()
	}
}

func BenchmarkStageChangeApply(b *testing.B) {
	p := benchProject()
	for b.Loop() {
		c := tuijin.StageChange{To: tuijin.StageCompleted, Date: "2026-10-20"}
		if err := c.Apply(p.Clone()); err != nil {
			b.Fatal(err)
		}
	}
}
