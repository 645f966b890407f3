package httpapi

import (
	"fmt"
	"strings"
	"testing"

	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

func TestAssessment(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		oct := w.openMonth(t, 10)
		r := w.reportOf(t, w.officer, oct.ID, w.p1.ID)
		r = w.step(t, w.officer, r.ID, "submit", map[string]any{"invested_yuan": 120_000_000, "version": r.Version}, 200)
		w.step(t, w.depA, r.ID, "approve", map[string]any{"version": r.Version}, 200)
		var res struct {
			Scores []struct {
				Label string  `json:"label"`
				Total float64 `json:"total"`
				Rank  int     `json:"rank"`
			} `json:"scores"`
		}
		resp := w.office.do("GET", fmt.Sprintf("/api/v1/assessments?period_id=%d&by=project", oct.ID), nil)
		resp.json(t, &res)
		// 保障房一期: plan 120M all done by October (83.6% elapsed): investment 40, no nodes or
		// problems due (full 20 + 20), report on time 20 = 100. The others: 0 + 20 + 20 + 0 = 40.
		if resp.status != 200 || len(res.Scores) != 3 || res.Scores[0].Label != "保障房一期" || res.Scores[0].Total != 100 || res.Scores[1].Total != 40 {
			t.Fatalf("ranking: %d %+v", resp.status, res)
		}
		if r := w.office.do("GET", fmt.Sprintf("/api/v1/assessments?period_id=%d&by=department&format=xlsx", oct.ID), nil); r.status != 200 || !strings.HasPrefix(r.body, "PK") {
			t.Fatalf("xlsx: %d", r.status)
		}
		if r := w.office.do("POST", "/api/v1/assessments/publish", map[string]any{"period_id": oct.ID}); r.status != 204 {
			t.Fatalf("publish: %d %s", r.status, r.body)
		}
		var hist struct{ Items []store.PublishedRanking }
		w.office.do("GET", "/api/v1/assessments/history?by=department", nil).json(t, &hist)
		if len(hist.Items) != 1 || len(hist.Items[0].Scores) != 2 {
			t.Fatalf("history: %+v", hist)
		}
		if r := w.office.do("PUT", "/api/v1/settings/assessment", map[string]any{"investment": 50, "nodes": 20, "problems": 20, "reports": 20}); r.status != 400 || !strings.Contains(r.body, "100") {
			t.Fatalf("bad scheme: %d %s", r.status, r.body)
		}
		if r := w.depA.do("POST", "/api/v1/assessments/publish", map[string]any{"period_id": oct.ID}); r.status != 403 {
			t.Fatalf("department publishing: %d", r.status)
		}
	})
}
