package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"testing"

	"tuijin"
	"tuijin/internal/ledger"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// TestLedgerRoundTrip exports a 1,000-project ledger, imports it into an
// empty database, exports again, and expects the same data in both files.
func TestLedgerRoundTrip(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var items []store.ImportItem
		natures := []tuijin.Nature{tuijin.NatureNew, tuijin.NatureContinued, tuijin.NatureExpansion}
		for i := range 1000 {
			land := float64(i%97) + 0.5
			items = append(items, store.ImportItem{Project: tuijin.Project{
				Code: fmt.Sprintf("XM-%04d", i), Name: fmt.Sprintf("第%d号重点项目", i), Flagship: i%50 == 0,
				Nature: natures[i%3], Category: []string{"工业项目", "基础设施", "社会民生"}[i%3],
				Content: "新建厂房及配套设施", Town: "城关镇", LandAreaMu: &land,
				TotalInvestmentYuan: int64(i+1) * 1_234_500, StartYear: 2024, EndYear: 2026 + i%3,
				OwnerName: fmt.Sprintf("业主公司%d", i%40), OwnerPhone: "0371-1234567",
				LeaderName: fmt.Sprintf("领导%d", i%7), DepartmentName: fmt.Sprintf("责任单位%d", i%12),
				Years:   []tuijin.YearPlan{{Year: 2026, PlannedYuan: int64(i) * 10_000}},
				Remarks: "备注",
			}})
		}
		if _, err := db.ImportLedger(ctx, tuijin.SystemActor, 2026, items, false); err != nil {
			t.Fatal(err)
		}
		first := exportXLSX(t, db)

		other := testdb.Open(t, "sqlite:"+t.TempDir()+"/empty.db")
		parsed := readXLSX(t, first)
		if _, err := other.ImportLedger(ctx, tuijin.SystemActor, 2026, importItems(parsed), false); err != nil {
			t.Fatal(err)
		}
		second := exportXLSX(t, other)
		a, b := projectsOf(readXLSX(t, first)), projectsOf(readXLSX(t, second))
		if len(a) != 1000 || len(b) != 1000 {
			t.Fatalf("rows: %d and %d, want 1000", len(a), len(b))
		}
		for i := range a {
			if !reflect.DeepEqual(a[i], b[i]) {
				t.Fatalf("row %d differs:\n%+v\n%+v", i, a[i], b[i])
			}
		}
		byCode := map[string]tuijin.Project{}
		for _, p := range a {
			byCode[p.Code] = p
		}
		p10, p50 := byCode["XM-0010"], byCode["XM-0050"]
		if p10.TotalInvestmentYuan != 11*1_234_500 || !p50.Flagship || p10.Flagship || p10.DepartmentName != "责任单位10" || *p10.LandAreaMu != 10.5 {
			t.Fatalf("exported values: %+v", p10)
		}
	})
}

func exportXLSX(t *testing.T, db *store.DB) []byte {
	t.Helper()
	ps, err := db.ExportProjects(context.Background(), tuijin.SystemActor, 2026)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ledger.WriteXLSX(&buf, 2026, "2026年重点项目台账", ps); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readXLSX(t *testing.T, data []byte) *ledger.Parsed {
	t.Helper()
	p, err := ledger.Read(bytes.NewReader(data), int64(len(data)), "export.xlsx", ledger.Options{Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if errs := p.Errors(); len(errs) > 0 {
		t.Fatalf("export reads back with errors: %+v", errs[:min(3, len(errs))])
	}
	return p
}

func projectsOf(p *ledger.Parsed) []tuijin.Project {
	var out []tuijin.Project
	for _, sh := range p.Sheets {
		for _, r := range sh.Rows {
			out = append(out, r.Project)
		}
	}
	return out
}
