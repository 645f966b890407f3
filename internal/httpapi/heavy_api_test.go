package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// TestHeavyReadsFollowWrites: the board and the cockpit are kept between
// requests, and every write they are made of shows at once: a rule set
// turning lights red, an approval, a problem, a department renamed, an
// override, the next day; a department's view is its own.
func TestHeavyReadsFollowWrites(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		type groups []struct {
			Key   string `json:"key"`
			Label string `json:"label"`
			Red   int    `json:"red"`
		}
		var board struct {
			Counts       groupCount `json:"counts"`
			ByDepartment groups     `json:"by_department"`
			Items        struct {
				Total int `json:"total"`
			} `json:"items"`
		}
		var cockpit dashboardResponse
		read := func() {
			t.Helper()
			board.ByDepartment = nil
			res := w.office.do("GET", "/api/v1/lights?year=2026", nil)
			res.json(t, &board)
			cockpit = dashboardResponse{}
			res2 := w.office.do("GET", "/api/v1/dashboard?year=2026", nil)
			res2.json(t, &cockpit)
			if res.status != 200 || res2.status != 200 {
				t.Fatalf("board %d, cockpit %d", res.status, res2.status)
			}
		}
		read()
		read() // now kept
		if board.Counts.Green != 3 || cockpit.Total.ProjectCount != 3 || cockpit.Lights.Green != 3 {
			t.Fatalf("before: board %+v cockpit %+v", board.Counts, cockpit.Lights)
		}

		var rs struct {
			ID      int64 `json:"id"`
			Version int64 `json:"version"`
		}
		w.office.do("POST", "/api/v1/light-rules", map[string]any{"year": 2026, "preset": "yinchuan2025"}).json(t, &rs)
		if res := w.office.do("POST", fmt.Sprintf("/api/v1/light-rules/%d/activate", rs.ID), map[string]any{"version": rs.Version}); res.status != 200 {
			t.Fatalf("activate: %d %s", res.status, res.body)
		}
		read()
		if board.Counts.Red != 3 || board.Items.Total != 3 || cockpit.Lights.Red != 3 {
			t.Fatalf("after the rules: board %+v cockpit %+v", board.Counts, cockpit.Lights)
		}

		oct := w.openMonth(t, 10)
		r := w.reportOf(t, w.officer, oct.ID, w.p1.ID)
		r = w.step(t, w.officer, r.ID, "submit", map[string]any{"invested_yuan": 110_000_000, "version": r.Version}, 200)
		w.step(t, w.depA, r.ID, "approve", map[string]any{"version": r.Version}, 200)
		read()
		if board.Counts.Red != 2 || cockpit.Lights.Red != 2 || cockpit.Total.CompletedYuan != 110_000_000 {
			t.Fatalf("after the approval: board %+v cockpit %+v completed %d", board.Counts, cockpit.Lights, cockpit.Total.CompletedYuan)
		}

		if res := w.office.do("POST", "/api/v1/problems", map[string]any{"project_id": w.p1.ID, "title": "管线迁改", "type": "utilities",
			"department_id": w.deptA.ID, "deadline": "2026-12-01"}); res.status != 201 {
			t.Fatalf("problem: %d %s", res.status, res.body)
		}
		read()
		if cockpit.Problems.Found != 1 {
			t.Fatalf("the cockpit missed the problem: %+v", cockpit.Problems)
		}

		admin := w.e.login("admin")
		var d tuijin.Department
		admin.do("GET", fmt.Sprintf("/api/v1/departments/%d", w.deptB.ID), nil).json(t, &d)
		if res := admin.do("PATCH", fmt.Sprintf("/api/v1/departments/%d", w.deptB.ID), map[string]any{"name": "交通运输局", "version": d.Version}); res.status != 200 {
			t.Fatalf("rename: %d %s", res.status, res.body)
		}
		read()
		renamed := false
		for _, g := range board.ByDepartment {
			renamed = renamed || g.Label == "交通运输局"
		}
		if !renamed {
			t.Fatalf("the board kept the old name: %+v", board.ByDepartment)
		}

		w.e.user("duban", tuijin.RoleSupervisor, nil)
		sup := w.e.login("duban")
		if res := sup.do("PUT", fmt.Sprintf("/api/v1/projects/%d/light/override", w.p3.ID),
			map[string]any{"year": 2026, "colour": "yellow", "reason": "已约谈", "until": "2026-11-03"}); res.status != 200 {
			t.Fatalf("override: %d %s", res.status, res.body)
		}
		read()
		if board.Counts.Red != 1 || board.Counts.Yellow != 1 {
			t.Fatalf("after the override: %+v", board.Counts)
		}
		// The override ends with its last day: the next morning counts red again.
		db.Now = func() time.Time { return time.Date(2026, 11, 4, 2, 0, 0, 0, time.UTC) }
		w.office, w.depBcli = w.e.login("office"), w.e.login("jtj") // yesterday's sessions have ended
		read()
		if board.Counts.Red != 2 || board.Counts.Yellow != 0 {
			t.Fatalf("the next day: %+v", board.Counts)
		}

		// A department sees its own projects only, kept apart from the office's.
		var mine struct{ Counts groupCount }
		w.depBcli.do("GET", "/api/v1/lights?year=2026", nil).json(t, &mine)
		var mineCockpit dashboardResponse
		w.depBcli.do("GET", "/api/v1/dashboard?year=2026", nil).json(t, &mineCockpit)
		if mine.Counts.Red+mine.Counts.Yellow+mine.Counts.Green != 1 || mineCockpit.Total.ProjectCount != 1 {
			t.Fatalf("the department's board %+v, cockpit %d projects", mine.Counts, mineCockpit.Total.ProjectCount)
		}
		hits, _ := w.e.api.heavy.cockpit.Stats()
		if hits == 0 {
			t.Fatal("the cockpit was never kept")
		}
	})
}

// TestLedgerPageFollowsWrites: a kept page of the ledger shows an edited
// project and a renamed department at once, and each scope keeps its own.
func TestLedgerPageFollowsWrites(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		var list tuijin.ProjectList
		page := func(c *client) {
			t.Helper()
			list = tuijin.ProjectList{}
			if res := c.do("GET", "/api/v1/projects?year=2026&sort=id", nil); res.status != 200 {
				t.Fatalf("ledger: %d %s", res.status, res.body)
			} else {
				res.json(t, &list)
			}
		}
		page(w.office)
		page(w.office)
		if list.Total != 3 || list.Items[0].Name != "保障房一期" {
			t.Fatalf("ledger: %+v", list)
		}
		if res := w.office.do("PATCH", fmt.Sprintf("/api/v1/projects/%d", w.p1.ID), map[string]any{"name": "保障房一期（东区）", "version": list.Items[0].Version}); res.status != 200 {
			t.Fatalf("edit: %d %s", res.status, res.body)
		}
		page(w.office)
		if list.Items[0].Name != "保障房一期（东区）" {
			t.Fatalf("the kept page missed the edit: %+v", list.Items[0])
		}
		admin := w.e.login("admin")
		var d tuijin.Department
		admin.do("GET", fmt.Sprintf("/api/v1/departments/%d", w.deptA.ID), nil).json(t, &d)
		if res := admin.do("PATCH", fmt.Sprintf("/api/v1/departments/%d", w.deptA.ID), map[string]any{"name": "住房和城乡建设局", "version": d.Version}); res.status != 200 {
			t.Fatalf("rename: %d %s", res.status, res.body)
		}
		page(w.office)
		if list.Items[0].DepartmentName != "住房和城乡建设局" {
			t.Fatalf("the kept page missed the rename: %+v", list.Items[0])
		}
		page(w.depBcli)
		if list.Total != 1 || list.Items[0].ID != w.p3.ID {
			t.Fatalf("the department's ledger: %+v", list)
		}
	})
}

// TestBattleMapFollowsWrites: a kept battle map shows a node marked done
// at once, and is the same whether or not the client takes gzip.
func TestBattleMapFollowsWrites(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		var created nodesResponse
		res := w.office.do("POST", fmt.Sprintf("/api/v1/projects/%d/nodes", w.p1.ID), map[string]any{"name": "施工许可",
			"planned_start": "2026-10-08", "planned_finish": "2026-10-30"})
		res.json(t, &created)
		if res.status != 201 || len(created.Items) != 1 {
			t.Fatalf("node: %d %s", res.status, res.body)
		}
		n := created.Items[0]
		status := func() string {
			t.Helper()
			var m scheduleResponse
			w.office.do("GET", "/api/v1/schedule?year=2026", nil).json(t, &m)
			for _, row := range m.Items {
				for _, sn := range row.Nodes {
					if sn.ID == n.ID {
						return string(sn.Status)
					}
				}
			}
			t.Fatalf("node %d not on the map: %+v", n.ID, m.Items)
			return ""
		}
		if s, s2 := status(), status(); s != "overdue" || s2 != "overdue" {
			t.Fatalf("before: %s, %s", s, s2)
		}
		if res := w.office.do("PATCH", fmt.Sprintf("/api/v1/nodes/%d", n.ID), map[string]any{"actual_start": "2026-10-08",
			"actual_finish": "2026-10-29", "version": n.Version}); res.status != 200 {
			t.Fatalf("done: %d %s", res.status, res.body)
		}
		if s := status(); s != "done" {
			t.Fatalf("the kept map missed the node done: %s", s)
		}

		// A client without gzip gets the same JSON, unpacked.
		req, _ := http.NewRequest("GET", w.e.srv.URL+"/api/v1/schedule?year=2026", nil)
		req.Header.Set("Accept-Encoding", "identity")
		for _, c := range w.office.http.Jar.Cookies(req.URL) {
			req.AddCookie(c)
		}
		plain, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer plain.Body.Close()
		var m scheduleResponse
		if err := json.NewDecoder(plain.Body).Decode(&m); err != nil || plain.Header.Get("Content-Encoding") != "" || len(m.Items) != 3 {
			t.Fatalf("plain map: %v %q %d", err, plain.Header.Get("Content-Encoding"), len(m.Items))
		}
	})
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{"gzip, deflate, br": true, "br;q=1.0, gzip;q=0.8": true, "gzip;q=0": false,
		"identity": false, "": false, "GZIP": true, "deflate, gzip ; q=0.5": true} {
		r, _ := http.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", h)
		if got := acceptsGzip(r); got != want {
			t.Errorf("%q: %v", h, got)
		}
	}
}

// TestPeriodsListFollowsWrites: the kept list of periods with their counts
// shows a new period, a submitted report and a closed period at once, and
// each scope counts its own reports.
func TestPeriodsListFollowsWrites(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		periods := func(c *client) []tuijin.Period {
			t.Helper()
			var out struct{ Items []tuijin.Period }
			if res := c.do("GET", "/api/v1/periods?year=2026", nil); res.status != 200 {
				t.Fatalf("periods: %d %s", res.status, res.body)
			} else {
				res.json(t, &out)
			}
			return out.Items
		}
		if got := periods(w.office); len(got) != 0 {
			t.Fatalf("before any period: %+v", got)
		}
		oct := w.openMonth(t, 10)
		got := periods(w.office)
		periods(w.office)
		if len(got) != 1 || got[0].Counts.Total != 3 || got[0].Counts.Draft != 3 {
			t.Fatalf("the kept list missed the new period: %+v", got)
		}
		r1 := w.reportOf(t, w.officer, oct.ID, w.p1.ID)
		w.step(t, w.officer, r1.ID, "submit", map[string]any{"invested_yuan": 1_000_000, "progress_text": "开工", "progress_percent": 5,
			"work_done": "场地平整", "next_plan": "基础施工", "stats_entered": false, "version": r1.Version}, 200)
		if c := periods(w.office)[0].Counts; c.Submitted != 1 || c.Draft != 2 {
			t.Fatalf("the kept list missed the submission: %+v", c)
		}
		if c := periods(w.depBcli)[0].Counts; c.Total != 1 || c.Submitted != 0 {
			t.Fatalf("the other department's counts: %+v", c)
		}
		if res := w.office.do("POST", fmt.Sprintf("/api/v1/periods/%d/close", oct.ID), map[string]any{"closed": true, "version": oct.Version}); res.status != 200 {
			t.Fatalf("close: %d %s", res.status, res.body)
		}
		if p := periods(w.office)[0]; !p.Closed {
			t.Fatalf("the kept list missed the closing: %+v", p)
		}
		if hits, _ := w.e.api.heavy.periods.Stats(); hits == 0 {
			t.Fatal("the periods list was never kept")
		}
	})
}
