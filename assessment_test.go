package tuijin

import "testing"

func TestScheme(t *testing.T) {
	s := DefaultScheme
	full := s.ScoreProject(ScoreFacts{InvestmentShare: 1.2, NodesShare: -1, ProblemsShare: -1, ReportOnTime: true, Started: true})
	if full.Total != 102 || full.Investment != 40 || full.Bonus != 2 {
		t.Fatalf("full marks: %+v", full)
	}
	half := s.ScoreProject(ScoreFacts{InvestmentShare: 0.5, NodesShare: 0.5, ProblemsShare: 0, ReportOnTime: false})
	if half.Total != 30 || half.Nodes != 10 || half.Problems != 0 {
		t.Fatalf("half: %+v", half)
	}
	a, b := int64(1), int64(2)
	facts := []ScoreFacts{
		{ProjectID: 1, DepartmentID: &a, Department: "甲", InvestmentShare: 1, NodesShare: 1, ProblemsShare: 1, ReportOnTime: true},
		{ProjectID: 2, DepartmentID: &a, Department: "甲", InvestmentShare: 0, NodesShare: 0, ProblemsShare: 0},
		{ProjectID: 3, DepartmentID: &b, Department: "乙", InvestmentShare: 1, NodesShare: 1, ProblemsShare: 1, ReportOnTime: true},
	}
	s.LastPlaces = 1
	r := s.Rank(facts, "department")
	if len(r) != 2 || r[0].Label != "乙" || r[0].Total != 100 || r[1].Total != 50 || !r[1].Last || r[0].Last {
		t.Fatalf("ranking: %+v", r)
	}
	bad := Scheme{Investment: 50, Nodes: 20, Problems: 20, Reports: 20}
	if bad.Validate() == nil {
		t.Fatal("weights of 110 accepted")
	}
}
