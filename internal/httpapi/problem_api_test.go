package httpapi

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/jobs"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

type countsResponse struct {
	Total  tuijin.ProblemCounts   `json:"total"`
	Groups []tuijin.ProblemCounts `json:"groups"`
}

// TestProblemFlow walks a problem through every state and one send-back,
// checking the counts by department at each step.
func TestProblemFlow(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db) // 2026-11-03
		var pr tuijin.Problem
		res := w.officer.do("POST", "/api/v1/problems", map[string]any{"project_id": w.p1.ID, "source": "visit", "type": "land",
			"title": "征地拆迁未完成", "department_id": w.deptA.ID, "deadline_days": 5})
		res.json(t, &pr)
		// 5 working days after 2026-11-03 (Tue): 11-04 .. 11-10.
		if res.status != 201 || pr.Status != tuijin.ProblemAssigned || pr.Deadline != "2026-11-10" {
			t.Fatalf("log: %d %s", res.status, res.body)
		}
		counts := func(wantFound, wantClosed, wantOpen int) {
			t.Helper()
			var c countsResponse
			w.office.do("GET", "/api/v1/problems/counts?group_by=department", nil).json(t, &c)
			var a tuijin.ProblemCounts
			for _, g := range c.Groups {
				if g.Label == "住建局" {
					a = g
				}
			}
			if a.Found != wantFound || a.Closed != wantClosed || a.InProgress != wantOpen || c.Total.Found != wantFound {
				t.Fatalf("counts: %+v total %+v, want %d found %d closed %d open", a, c.Total, wantFound, wantClosed, wantOpen)
			}
		}
		counts(1, 0, 1)
		step := func(c *client, action, note string, want int) {
			t.Helper()
			res := c.do("POST", fmt.Sprintf("/api/v1/problems/%d/transitions", pr.ID), map[string]any{"action": action, "note": note, "version": pr.Version})
			if res.status != want {
				t.Fatalf("%s: %d %s", action, res.status, res.body)
			}
			if want == 200 {
				res.json(t, &pr)
			}
		}
		step(w.office, "close", "", 409)   // not applied yet
		step(w.depBcli, "accept", "", 404) // another department
		step(w.depA, "start", "", 409)     // not accepted yet
		step(w.depA, "accept", "", 200)
		step(w.depA, "start", "", 200)
		step(w.depA, "apply", "", 400) // evidence needed
		step(w.depA, "apply", "已完成征地，附交地确认书", 200)
		step(w.depA, "close", "", 403)       // only the office closes
		step(w.office, "send_back", "", 400) // reason needed
		step(w.office, "send_back", "交地确认书缺少签章", 200)
		if pr.Status != tuijin.ProblemInProgress {
			t.Fatalf("after send-back: %s", pr.Status)
		}
		counts(1, 0, 1)
		step(w.depA, "comment", "已补签章", 200)
		step(w.depA, "apply", "补充签章后的确认书", 200)
		step(w.office, "close", "", 200)
		if pr.Status != tuijin.ProblemClosed || pr.ClosedOn != "2026-11-03" {
			t.Fatalf("closed: %+v", pr)
		}
		counts(1, 1, 0)
		var full tuijin.Problem
		w.office.do("GET", fmt.Sprintf("/api/v1/problems/%d", pr.ID), nil).json(t, &full)
		if len(full.Events) != 8 || full.Events[4].Note != "交地确认书缺少签章" {
			t.Fatalf("events: %+v", full.Events)
		}
		step(w.office, "reopen", "复核发现未完全交地", 200)
		counts(1, 0, 1)
	})
}

// TestProblemScope tries every problem route as another department.
func TestProblemScope(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		var pr tuijin.Problem
		w.office.do("POST", "/api/v1/problems", map[string]any{"project_id": w.p1.ID, "title": "管线迁改", "type": "utilities",
			"department_id": w.deptA.ID, "deadline": "2026-12-01"}).json(t, &pr)
		id := fmt.Sprint(pr.ID)
		for _, tc := range []struct {
			method, path string
			body         any
		}{
			{"GET", "/api/v1/problems/" + id, nil},
			{"POST", "/api/v1/problems/" + id + "/transitions", map[string]any{"action": "accept", "version": pr.Version}},
			{"POST", "/api/v1/problems/" + id + "/transitions", map[string]any{"action": "comment", "note": "x", "version": pr.Version}},
		} {
			if res := w.depBcli.do(tc.method, tc.path, tc.body); res.status != 404 {
				t.Errorf("%s %s: %d", tc.method, tc.path, res.status)
			}
		}
		res := w.depBcli.upload("/api/v1/problems/"+id+"/attachments", "a.jpg", tinyJPEG())
		if res.status != 404 {
			t.Errorf("attachment: %d %s", res.status, res.body)
		}
		var list tuijin.List[tuijin.Problem]
		w.depBcli.do("GET", "/api/v1/problems", nil).json(t, &list)
		if list.Total != 0 {
			t.Errorf("list: %d", list.Total)
		}
		var c countsResponse
		w.depBcli.do("GET", "/api/v1/problems/counts", nil).json(t, &c)
		if c.Total.Found != 0 {
			t.Errorf("counts: %+v", c.Total)
		}
		// A problem on another department's project cannot be logged either.
		if res := w.depBcli.do("POST", "/api/v1/problems", map[string]any{"project_id": w.p1.ID, "title": "x", "department_id": w.deptB.ID, "deadline": "2026-12-01"}); res.status != 400 {
			t.Errorf("logging on a project out of scope: %d %s", res.status, res.body)
		}
		if res := w.depA.upload("/api/v1/problems/"+id+"/attachments", "a.jpg", tinyJPEG()); res.status != 201 {
			t.Errorf("own attachment: %d %s", res.status, res.body)
		}
	})
}

// TestEscalationOnTheCalendar: a deadline inside the Spring Festival moves
// to the first working day after it; the problem rises once a day at most
// and each level once.
func TestEscalationOnTheCalendar(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 2, 10, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		d, _ := db.CreateDepartment(ctx, tuijin.SystemActor, tuijin.DepartmentInput{Name: "自然资源局", Kind: tuijin.KindBureau})
		p, _ := db.CreateProject(ctx, tuijin.SystemActor, &tuijin.Project{Name: "物流园", DepartmentID: &d.ID})
		pr, err := db.CreateProblem(ctx, tuijin.SystemActor, tuijin.ProblemInput{ProjectID: &p.ID, Title: "土地报批", DepartmentID: &d.ID,
			Deadline: "2026-02-17"}, "2026-02-10") // 正月初一, a holiday
		if err != nil {
			t.Fatal(err)
		}
		cals := store.NewCalendarCache(db, time.Minute)
		level := func() tuijin.EscalationLevel {
			got, err := db.Problem(ctx, tuijin.SystemActor, pr.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.Level
		}
		run := func(day string) {
			t.Helper()
			dd, _ := time.Parse(time.DateOnly, day)
			now = dd.Add(time.Hour)
			for range 2 { // twice a day changes nothing more
				if _, err := jobs.Escalate(ctx, db, cals, time.UTC); err != nil {
					t.Fatal(err)
				}
			}
		}
		run("2026-02-23") // still the holiday: not overdue
		if level() != tuijin.LevelNormal {
			t.Fatalf("during the holiday: %d", level())
		}
		run("2026-02-24") // the deadline moved here: due today, not overdue
		if level() != tuijin.LevelNormal {
			t.Fatalf("on the moved deadline: %d", level())
		}
		run("2026-02-25") // 1 working day over
		if level() != tuijin.LevelListed {
			t.Fatalf("one working day over: %d", level())
		}
		run("2026-03-09") // 02-25 .. 03-09 = 10 working days over (02-28 is a make-up Saturday)
		if level() != tuijin.LevelSpecialStudy {
			t.Fatalf("ten working days over: %d", level())
		}
		orders, _ := db.Orders(ctx, tuijin.SystemActor, "")
		full, _ := db.Problem(ctx, tuijin.SystemActor, pr.ID)
		escalations := 0
		for _, e := range full.Events {
			if e.Action == "escalate" {
				escalations++
			}
		}
		if len(orders) != 2 || escalations != 2 || orders[0].Grade != "order" {
			t.Fatalf("orders %d (%+v), escalations %d", len(orders), orders, escalations)
		}
	})
}

func TestVisitWithProblems(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		leader := w.e.user("xianzhang", tuijin.RoleLeader, nil)
		lc := w.e.login("xianzhang")
		res := lc.do("POST", "/api/v1/visits", map[string]any{"visited_on": "2026-11-03", "project_id": w.p1.ID,
			"checklist": map[string]any{"saw_project_lead": true, "saw_local_lead": true, "saw_secretary": true,
				"progress": "主体12层", "problems": "用电未接入", "reasons": "线路迁改未批", "reported_up": true, "coordinated": true, "followed_up": true},
			"problems": []map[string]any{{"title": "施工用电未接入", "type": "utilities", "department_id": w.deptA.ID, "deadline_days": 3}}})
		var v tuijin.Visit
		res.json(t, &v)
		if res.status != 201 || len(v.ProblemIDs) != 1 || v.LeaderName != "xianzhang" || *v.LeaderID != leader.ID {
			t.Fatalf("visit: %d %s", res.status, res.body)
		}
		var act struct{ Items []store.LeaderActivity }
		w.office.do("GET", "/api/v1/leader-activity?from=2026-11-01&to=2026-11-30", nil).json(t, &act)
		if len(act.Items) != 1 || act.Items[0].Visits != 1 || act.Items[0].Met {
			t.Fatalf("activity: %+v", act)
		}
		res = w.office.do("POST", "/api/v1/meetings", map[string]any{"type": "dispatch", "title": "11月第一次调度会", "held_on": "2026-11-03",
			"chair_id": leader.ID, "minutes": "研究三个项目", "decisions": []map[string]any{
				{"text": "住建局负责一周内解决用电", "task": map[string]any{"department_id": w.deptA.ID, "deadline_days": 5}},
				{"text": "下次会议研究资金"}}})
		var m tuijin.Meeting
		res.json(t, &m)
		if res.status != 201 || m.Decisions[0].TaskID == nil || m.Decisions[1].TaskID != nil || m.ChairName != "xianzhang" {
			t.Fatalf("meeting: %d %s", res.status, res.body)
		}
		var tasks tuijin.List[tuijin.Problem]
		w.depA.do("GET", "/api/v1/problems?kind=task", nil).json(t, &tasks)
		if tasks.Total != 1 || tasks.Items[0].Source != "meeting" {
			t.Fatalf("tasks: %+v", tasks)
		}
		if res := w.depA.do("POST", "/api/v1/meetings", map[string]any{"type": "dispatch", "title": "x", "held_on": "2026-11-03"}); res.status != 403 {
			t.Fatalf("department recording a meeting: %d", res.status)
		}
	})
}
