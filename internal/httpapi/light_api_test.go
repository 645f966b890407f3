package httpapi

import (
	"fmt"
	"strings"
	"testing"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// TestApprovalTurnsLightGreen: a project far behind is red; approving the
// report that brings it level turns it green in the same request, the
// history says so, and the board counts the red light turned off.
func TestApprovalTurnsLightGreen(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db) // today is 2026-11-03: 307 of 365 days, 序时进度 84.1%
		var rs struct {
			ID      int64 `json:"id"`
			Version int64 `json:"version"`
		}
		res := w.office.do("POST", "/api/v1/light-rules", map[string]any{"year": 2026, "preset": "yinchuan2025"})
		res.json(t, &rs)
		if res.status != 201 {
			t.Fatalf("rule set: %d %s", res.status, res.body)
		}
		// The preview counts before saving: every project is behind (nothing reported).
		var pv struct{ Counts map[string]int }
		w.office.do("POST", "/api/v1/light-rules/preview", map[string]any{"year": 2026,
			"rules": []map[string]any{{"type": "investment_gap", "yellow": map[string]any{"op": ">=", "value": 10}, "red": map[string]any{"op": ">", "value": 30}, "enabled": true}}}).json(t, &pv)
		if pv.Counts["red"] != 3 {
			t.Fatalf("preview: %+v", pv)
		}
		if res := w.office.do("POST", fmt.Sprintf("/api/v1/light-rules/%d/activate", rs.ID), map[string]any{"version": rs.Version}); res.status != 200 {
			t.Fatalf("activate: %d %s", res.status, res.body)
		}
		var light lightView
		lightPath := fmt.Sprintf("/api/v1/projects/%d/light?year=2026", w.p1.ID)
		w.office.do("GET", lightPath, nil).json(t, &light)
		if light.Colour != "red" || len(light.Reasons) == 0 || !strings.Contains(light.Reasons[0], "年度投资完成率0.0%，落后序时进度(84.1%)84.1个百分点，超过红灯阈值30个百分点") {
			t.Fatalf("red light: %+v", light)
		}
		oct := w.openMonth(t, 10)
		r := w.reportOf(t, w.officer, oct.ID, w.p1.ID)
		r = w.step(t, w.officer, r.ID, "submit", map[string]any{"invested_yuan": 110_000_000, "version": r.Version}, 200)
		w.step(t, w.depA, r.ID, "approve", map[string]any{"version": r.Version}, 200)
		w.office.do("GET", lightPath, nil).json(t, &light)
		// 110/120 = 91.7%: ahead of 84.1%.
		if light.Colour != "green" || len(light.History) < 2 || light.History[0].From != "red" || light.History[0].To != "green" || light.History[0].Cause != "report" {
			t.Fatalf("after the approval: %+v", light)
		}
		var board boardResponse
		w.office.do("GET", "/api/v1/lights?year=2026", nil).json(t, &board)
		if board.Counts.Red != 2 || board.Counts.Green != 1 || board.TurnedOff != 1 || board.Items.Total != 2 || len(board.Items.Items[0].Reasons) == 0 {
			t.Fatalf("board: %+v", board)
		}
		var inbox inboxResponse
		w.officer.do("GET", "/api/v1/inbox", nil).json(t, &inbox)
		kinds := map[string]bool{}
		for _, n := range inbox.Items {
			kinds[n.Kind] = true
		}
		if !kinds["light_red"] || !kinds["light_off"] {
			t.Fatalf("officer's inbox: %+v", inbox.Items)
		}

		// Supervision overrides a light; others may not.
		e := w.e
		e.user("duban", tuijin.RoleSupervisor, nil)
		sup := e.login("duban")
		ov := map[string]any{"year": 2026, "colour": "yellow", "reason": "现场核查进度滞后", "until": "2026-12-31"}
		if res := w.office.do("PUT", fmt.Sprintf("/api/v1/projects/%d/light/override", w.p1.ID), ov); res.status != 403 {
			t.Fatalf("office override: %d", res.status)
		}
		if res := sup.do("PUT", fmt.Sprintf("/api/v1/projects/%d/light/override", w.p1.ID), map[string]any{"colour": "yellow", "reason": "x", "until": "2026-01-01"}); res.status != 400 {
			t.Fatalf("override in the past: %d", res.status)
		}
		res = sup.do("PUT", fmt.Sprintf("/api/v1/projects/%d/light/override", w.p1.ID), ov)
		res.json(t, &light)
		if res.status != 200 || light.Colour != "yellow" || light.Computed != "green" || !strings.Contains(light.Reasons[0], "督查调整为黄灯") {
			t.Fatalf("override: %d %+v", res.status, light)
		}
		w.depBcli.do("GET", "/api/v1/lights?year=2026", nil).json(t, &board)
		if board.Counts.Red+board.Counts.Yellow+board.Counts.Green != 1 {
			t.Fatalf("department's board: %+v", board.Counts)
		}
		if res := w.depBcli.do("GET", lightPath, nil); res.status != 404 {
			t.Fatalf("another department's light: %d", res.status)
		}
	})
}
