package httpapi

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/jobs"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

func TestNodesTemplateAndReplan(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }
		e := newEnv(t, db)
		a, b := e.dept("工信局"), e.dept("交通局")
		e.user("jtj", tuijin.RoleDepartment, &b.ID)
		c := e.login("admin")
		var p tuijin.Project
		c.do("POST", "/api/v1/projects", map[string]any{"name": "电池产业园", "department_id": a.ID}).json(t, &p)
		path := "/api/v1/projects/" + itoa(p.ID) + "/nodes"

		res := c.do("POST", path+"/template", map[string]any{"template": "industrial", "mode": "backward", "date": "2026-12-31"})
		var nl nodesResponse
		res.json(t, &nl)
		if res.status != 200 || len(nl.Items) != 14 {
			t.Fatalf("apply template: %d %s", res.status, trim(res.body))
		}
		last := nl.Items[len(nl.Items)-1]
		if last.Name != "投产" || last.PlannedFinish != "2026-12-31" || !last.Critical {
			t.Fatalf("last node: %+v", last)
		}
		byKey := map[string]tuijin.Node{}
		for _, n := range nl.Items {
			byKey[n.Key] = n
		}
		if byKey["eia"].Critical || *byKey["eia"].Slack <= 0 || !byKey["land"].Critical {
			t.Fatalf("critical path: eia %+v land %+v", byKey["eia"], byKey["land"])
		}
		// Applying again without replace is refused.
		if res := c.do("POST", path+"/template", map[string]any{"template": "industrial", "mode": "backward", "date": "2026-12-31"}); res.status != 409 {
			t.Fatalf("second apply: %d", res.status)
		}
		// The land node slips 10 working days: everything after it moves.
		land := byKey["land"]
		res = c.do("PATCH", "/api/v1/nodes/"+itoa(land.ID), map[string]any{"duration_days": land.DurationDays + 10, "version": land.Version})
		res.json(t, &nl)
		if res.status != 200 || len(nl.Moved) == 0 {
			t.Fatalf("slip: %d %s", res.status, trim(res.body))
		}
		for _, n := range nl.Items {
			if n.Key == "production" && n.PlannedFinish <= "2026-12-31" {
				t.Fatalf("production did not move: %+v", n)
			}
			if n.Key == "eia" && n.PlannedFinish != byKey["eia"].PlannedFinish {
				t.Fatalf("eia is not after land but moved")
			}
		}
		// Done, then green.
		sign := byKey["signing"]
		res = c.do("PATCH", "/api/v1/nodes/"+itoa(sign.ID), map[string]any{"actual_finish": "2026-03-01", "version": sign.Version})
		res.json(t, &nl)
		if nl.Items[0].Status != tuijin.NodeDone {
			t.Fatalf("signing: %+v", nl.Items[0])
		}
		if res := c.do("PATCH", "/api/v1/nodes/"+itoa(sign.ID), map[string]any{"actual_finish": "2026-03-02", "version": sign.Version}); res.status != 409 {
			t.Fatalf("stale node write: %d", res.status)
		}
		if res := c.do("PATCH", "/api/v1/nodes/"+itoa(sign.ID), map[string]any{"status": "done", "version": sign.Version + 1}); res.status != 400 {
			t.Fatalf("read-only field: %d", res.status)
		}
		reg := byKey["registration"]
		if res := c.do("PATCH", "/api/v1/nodes/"+itoa(sign.ID), map[string]any{"preds": []map[string]any{{"node_id": reg.ID}}, "version": sign.Version + 1}); res.status != 400 {
			t.Fatalf("a cycle: %d %s", res.status, res.body)
		}

		// The battle map.
		var sched scheduleResponse
		c.do("GET", "/api/v1/schedule?year=0&group_by=department", nil).json(t, &sched)
		if len(sched.Items) != 1 || len(sched.Items[0].Nodes) != 14 || sched.Today != "2026-03-10" {
			t.Fatalf("schedule: %+v", sched)
		}
		if res := c.do("GET", "/api/v1/schedule?group_by=colour", nil); res.status != 400 {
			t.Fatalf("bad group_by: %d", res.status)
		}
		// Another department sees neither the nodes nor the project on the map.
		dep := e.login("jtj")
		if res := dep.do("GET", path, nil); res.status != 404 {
			t.Fatalf("other department's nodes: %d", res.status)
		}
		if res := dep.do("PATCH", "/api/v1/nodes/"+itoa(reg.ID), map[string]any{"remarks": "x", "version": reg.Version}); res.status != 404 {
			t.Fatalf("other department editing a node: %d", res.status)
		}
		if res := dep.do("DELETE", "/api/v1/nodes/"+itoa(reg.ID), nil); res.status != 404 {
			t.Fatalf("other department deleting a node: %d", res.status)
		}
		dep.do("GET", "/api/v1/schedule?year=0", nil).json(t, &sched)
		if len(sched.Items) != 0 {
			t.Fatalf("other department's battle map: %+v", sched.Items)
		}
	})
}

// TestBattleMapIsLean: the battle map carries what it draws, annotated as
// the project's own node list is; the editor's fields come with the node.
func TestBattleMapIsLean(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }
		e := newEnv(t, db)
		a, b := e.dept("工信局"), e.dept("交通局")
		e.user("jtj", tuijin.RoleDepartment, &b.ID)
		c := e.login("admin")
		var p tuijin.Project
		c.do("POST", "/api/v1/projects", map[string]any{"name": "电池产业园", "department_id": a.ID,
			"years": []map[string]any{{"year": 2026, "planned_yuan": 1}}}).json(t, &p)
		var nl nodesResponse
		c.do("POST", "/api/v1/projects/"+itoa(p.ID)+"/nodes/template",
			map[string]any{"template": "industrial", "mode": "backward", "date": "2026-12-31"}).json(t, &nl)
		// The first node done, the second open with its unit and person.
		for i, patch := range []map[string]any{
			{"actual_start": nl.Items[0].PlannedStart, "actual_finish": "2026-03-01", "person": "张三", "remarks": "已办结"},
			{"department_id": b.ID, "person": "李四", "remarks": "待协调"},
		} {
			patch["version"] = nl.Items[i].Version
			res := c.do("PATCH", "/api/v1/nodes/"+itoa(nl.Items[i].ID), patch)
			if res.status != 200 {
				t.Fatalf("patch %s: %d %s", nl.Items[i].Name, res.status, trim(res.body))
			}
			res.json(t, &nl)
		}
		open := nl.Items[1]

		res := c.do("GET", "/api/v1/schedule?year=2026", nil)
		var raw struct {
			Items []struct {
				Nodes []map[string]any `json:"nodes"`
			} `json:"items"`
		}
		res.json(t, &raw)
		if res.status != 200 || len(raw.Items) != 1 || len(raw.Items[0].Nodes) != len(nl.Items) {
			t.Fatalf("schedule: %d %s", res.status, trim(res.body))
		}
		drawn := map[string]bool{"id": true, "name": true, "duration_days": true, "planned_start": true, "planned_finish": true,
			"actual_start": true, "actual_finish": true, "status": true, "critical": true, "department_name": true, "person": true}
		for _, n := range raw.Items[0].Nodes {
			for k := range n {
				if !drawn[k] {
					t.Errorf("the map sends %q: %v", k, n)
				}
			}
		}
		var sched scheduleResponse
		res.json(t, &sched)
		for i, m := range sched.Items[0].Nodes {
			full := nl.Items[i]
			if m.ID != full.ID || m.Status != full.Status || m.Critical != full.Critical || m.PlannedFinish != full.PlannedFinish ||
				m.DurationDays != full.DurationDays || m.ActualFinish != full.ActualFinish {
				t.Errorf("map node %d differs from the project's: %+v\n%+v", i, m, full)
			}
		}
		if m := sched.Items[0].Nodes[0]; m.Status != tuijin.NodeDone || m.Person != "" || m.DepartmentName != "" {
			t.Errorf("a done node names who answered for it: %+v", m)
		}
		if m := sched.Items[0].Nodes[1]; m.Person != "李四" || m.DepartmentName != "交通局" {
			t.Errorf("an open node without its unit and person: %+v", m)
		}

		// Clicking a node reads it whole, annotated like the project's list.
		var got tuijin.Node
		res = c.do("GET", "/api/v1/nodes/"+itoa(open.ID), nil)
		res.json(t, &got)
		want := nl.Items[1]
		if res.status != 200 || got.Version != want.Version || got.Remarks != "待协调" || len(got.Preds) != len(want.Preds) ||
			got.Slack == nil || *got.Slack != *want.Slack || got.Critical != want.Critical || got.Status != want.Status {
			t.Fatalf("node: %d %+v\nwant %+v", res.status, got, want)
		}
		if res := e.login("jtj").do("GET", "/api/v1/nodes/"+itoa(open.ID), nil); res.status != 404 {
			t.Fatalf("another department's node: %d", res.status)
		}
		if res := c.do("GET", "/api/v1/nodes/999999", nil); res.status != 404 {
			t.Fatalf("no such node: %d", res.status)
		}
	})
}

// TestNodeReminders runs the reminder job twice and on two runners at once:
// each reminder arrives once.
func TestNodeReminders(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 2, 11, 1, 0, 0, 0, time.UTC) // a Wednesday before the Spring Festival
		db.Now = func() time.Time { return now }
		e := newEnv(t, db)
		d := e.dept("住建局")
		officer := e.user("zy", tuijin.RoleOfficer, &d.ID)
		e.user("zjj", tuijin.RoleDepartment, &d.ID)
		ctx := context.Background()
		p, _ := db.CreateProject(ctx, tuijin.SystemActor, &tuijin.Project{Name: "安置房", DepartmentID: &d.ID, OfficerID: &officer.ID})
		_, err := db.SaveNodes(ctx, tuijin.SystemActor, p.ID, []store.NodeWrite{
			{Node: tuijin.Node{Name: "已逾期", PlannedStart: "2026-02-02", PlannedFinish: "2026-02-09"}},
			// 3 working days after 02-11 are 02-12, 02-13, 02-14 (a make-up Saturday).
			{Node: tuijin.Node{Name: "周六到期", PlannedStart: "2026-02-10", PlannedFinish: "2026-02-14"}},
			{Node: tuijin.Node{Name: "节后到期", PlannedStart: "2026-02-10", PlannedFinish: "2026-02-24"}},
			{Node: tuijin.Node{Name: "已完成", PlannedStart: "2026-02-02", PlannedFinish: "2026-02-05", ActualFinish: "2026-02-05"}},
		}, false)
		if err != nil {
			t.Fatal(err)
		}
		cals := store.NewCalendarCache(db, time.Minute)
		runner := &jobs.Runner{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Jobs: []jobs.Job{jobs.NodeReminders(db, cals, time.UTC)}}
		var wg sync.WaitGroup
		for range 3 {
			wg.Add(1)
			go func() { defer wg.Done(); runner.RunDue(ctx) }()
		}
		wg.Wait()
		// Due again only tomorrow at 08:00; a second call now does nothing.
		runner.RunDue(ctx)
		c := e.login("zy")
		var inbox inboxResponse
		c.do("GET", "/api/v1/inbox", nil).json(t, &inbox)
		if inbox.Total != 2 || inbox.Unread != 2 {
			t.Fatalf("officer's inbox: %+v", inbox)
		}
		kinds := map[string]bool{}
		for _, n := range inbox.Items {
			kinds[n.Kind] = true
		}
		if !kinds["node_overdue"] || !kinds["node_due"] {
			t.Fatalf("kinds: %v", kinds)
		}
		// The next day's run sends nothing again for the same nodes, but the
		// window now reaches past the Spring Festival: 3 working days after
		// 02-12 are 02-13, 02-14 and 02-24, so the node due 02-24 is new.
		now = now.Add(24 * time.Hour)
		runner.RunDue(ctx)
		c = e.login("zy") // a day later the old session has timed out
		c.do("GET", "/api/v1/inbox", nil).json(t, &inbox)
		if inbox.Total != 3 || inbox.Items[0].Title != "节点即将到期：安置房 · 节后到期" || inbox.Items[0].Body != "计划完成日期 2026-02-24" {
			t.Fatalf("after the second day: %+v", inbox.Items)
		}
		// An English reader reads the same notifications in English.
		c.header.Set("Accept-Language", "en-US,en;q=0.9")
		var english inboxResponse
		c.do("GET", "/api/v1/inbox", nil).json(t, &english)
		if n := english.Items[0]; n.Title != "Node due soon: 安置房 · 节后到期" || n.Body != "Planned finish 2026-02-24" || n.ID != inbox.Items[0].ID {
			t.Fatalf("in English: %+v", n)
		}
		c.header.Del("Accept-Language")
		if res := c.do("POST", "/api/v1/inbox/"+itoa(inbox.Items[0].ID)+"/read", nil); res.status != 204 {
			t.Fatalf("mark read: %d %s", res.status, res.body)
		}
		c.do("GET", "/api/v1/inbox?unread=true", nil).json(t, &inbox)
		if inbox.Total != 2 || inbox.Unread != 2 {
			t.Fatalf("after reading one: %+v", inbox)
		}
		other := e.login("admin")
		if res := other.do("POST", "/api/v1/inbox/"+itoa(inbox.Items[0].ID)+"/read", nil); res.status != 404 {
			t.Fatalf("reading another's notification: %d", res.status)
		}
		if res := other.do("PUT", "/api/v1/settings/reminders", map[string]any{"node_reminder_days": 99}); res.status != 400 {
			t.Fatalf("bad setting: %d", res.status)
		}
		if res := e.login("zjj").do("PUT", "/api/v1/settings/reminders", map[string]any{"node_reminder_days": 5}); res.status != 403 {
			t.Fatalf("department changing settings: %d", res.status)
		}
	})
}
