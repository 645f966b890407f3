package store_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/schedule"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// The seeder's bulk writes of nodes, reports and problems, held against
// the ordinary flows that would have left the same records.

var seedAt = time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)

// listed makes a project on the 2026 list.
func listed(t *testing.T, db *store.DB, actor *tuijin.Actor, code string, dept *tuijin.Department) *tuijin.Project {
	t.Helper()
	p, err := db.CreateProject(ctx, actor, &tuijin.Project{Code: code, Name: "项目" + code, Stage: tuijin.StageConstruction,
		Nature: tuijin.NatureContinued, Level: tuijin.LevelCounty, TotalInvestmentYuan: 500_000_000, DepartmentID: &dept.ID,
		Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: 120_000_000, Level: tuijin.LevelCounty}}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSeedingNodesMatchSaveNodes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		d := mustDept(t, db, "住建局", tuijin.KindBureau)
		office := tuijin.ActorFor(mustUser(t, db, "office", tuijin.RoleOffice, nil))
		a, b := listed(t, db, office, "A-1", d), listed(t, db, office, "B-1", d)
		tpl, _ := schedule.TemplateByKey("industrial")
		plan := func() []tuijin.Node {
			ns, err := schedule.FromTemplate(calendar.New(nil), tpl, schedule.ModeBackward, calendar.MustDate("2026-12-31"))
			if err != nil {
				t.Fatal(err)
			}
			ns[0].ActualStart, ns[0].ActualFinish, ns[0].Person = ns[0].PlannedStart, ns[0].PlannedFinish, "王伟"
			ns[3].DepartmentID, ns[3].ActualStart = &d.ID, ns[3].PlannedStart
			return ns
		}
		var ws []store.NodeWrite
		for _, n := range plan() {
			ws = append(ws, store.NodeWrite{Node: n})
		}
		if _, err := db.SaveNodes(ctx, office, a.ID, ws, false); err != nil {
			t.Fatal(err)
		}
		err := db.Seed(ctx, func(sd *store.Seeding) error {
			sd.As(office, seedAt)
			return sd.CreateNodes(b.ID, plan())
		})
		if err != nil {
			t.Fatal(err)
		}
		if x, y := nodesOf(t, db, office, a.ID), nodesOf(t, db, office, b.ID); x != y {
			t.Fatalf("nodes differ:\nordinary %s\nseeded   %s", x, y)
		}
	})
}

// nodesOf is a project's nodes as JSON, with ids replaced by their place.
func nodesOf(t *testing.T, db *store.DB, actor *tuijin.Actor, projectID int64) string {
	t.Helper()
	ns, err := db.Nodes(ctx, actor, projectID)
	if err != nil {
		t.Fatal(err)
	}
	place := map[int64]int64{}
	for i, n := range ns {
		place[n.ID] = int64(i)
	}
	for i := range ns {
		ns[i].ID, ns[i].ProjectID, ns[i].UpdatedAt = 0, 0, time.Time{}
		for j, l := range ns[i].Preds {
			ns[i].Preds[j].NodeID = place[l.NodeID]
		}
	}
	b, _ := json.Marshal(ns)
	return string(b)
}

// TestSeedingReportsMatchApprovals takes reports of two periods through
// the ordinary flow (submit, approve, return, amend) and writes the same
// end states in bulk; the reports must read the same, and SeedFigures must
// leave the running sums both as the approvals left them and the same for
// the bulk projects.
func TestSeedingReportsMatchApprovals(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		d := mustDept(t, db, "住建局", tuijin.KindBureau)
		office := tuijin.ActorFor(mustUser(t, db, "office", tuijin.RoleOffice, nil))
		var as, bs []*tuijin.Project
		for i := range 3 {
			as = append(as, listed(t, db, office, fmt.Sprintf("A-%d", i), d))
			bs = append(bs, listed(t, db, office, fmt.Sprintf("B-%d", i), d))
		}
		fields := func(yuan int64) *tuijin.ReportFields {
			return &tuijin.ReportFields{InvestedYuan: yuan, ProgressText: "主体施工", ProgressPercent: 30, WorkDone: "浇筑",
				StatsEntered: true, StatsYuan: yuan / 2}
		}
		// Each report: its project's place, the steps and figures.
		type plan struct {
			project int
			steps   []store.ReportAction
			yuan    int64
		}
		months := []struct {
			end   string
			plans []plan
		}{
			{"2026-01-31", []plan{{0, []store.ReportAction{store.ActionSubmit, store.ActionApprove, store.ActionAmend}, 3_000_000},
				{1, []store.ReportAction{store.ActionSubmit}, 1_000_000}, {2, nil, 0}}},
			{"2026-02-28", []plan{{0, []store.ReportAction{store.ActionSubmit, store.ActionApprove}, 2_000_000},
				{1, []store.ReportAction{store.ActionSubmit, store.ActionReturn}, 500_000},
				{2, []store.ReportAction{store.ActionSubmit, store.ActionReturn, store.ActionSubmit, store.ActionApprove}, 700_000}}},
		}
		yes := true
		for _, m := range months {
			start := m.end[:8] + "01"
			pe, err := db.OpenPeriod(ctx, office, tuijin.PeriodInput{Name: "A " + m.end, Kind: tuijin.PeriodMonthly, Year: 2026, Start: start,
				End: m.end, DeadlineDays: 5, CountsInvestment: &yes, ProjectIDs: []int64{as[0].ID, as[1].ID, as[2].ID}}, m.end)
			if err != nil {
				t.Fatal(err)
			}
			for _, pl := range m.plans {
				rep := seededReport(t, db, office, pe.ID, as[pl.project].ID)
				for _, a := range pl.steps {
					st := store.ReportStep{Action: a, Version: rep.Version}
					switch a {
					case store.ActionSubmit:
						st.Fields = fields(pl.yuan)
					case store.ActionReturn:
						st.Reason = "请核实"
					case store.ActionAmend:
						st.Fields, st.Reason, pl.yuan = fields(pl.yuan+400_000), "更正", pl.yuan+400_000
					}
					if rep, err = db.StepReport(ctx, office, rep.ID, st); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		ordinary := figuresOf(t, db, office, as)

		err := db.Seed(ctx, func(sd *store.Seeding) error {
			for _, m := range months {
				sd.As(office, seedAt)
				pe := &tuijin.Period{Name: "B " + m.end, Kind: tuijin.PeriodMonthly, Year: 2026, Start: m.end[:8] + "01", End: m.end,
					DeadlineDays: 5, Deadline: m.end, CountsInvestment: true}
				if err := sd.CreatePeriod(pe, 3); err != nil {
					return err
				}
				for _, pl := range m.plans {
					a := seededReport(t, db, office, 0, as[pl.project].ID, m.end)
					rep := &tuijin.Report{ProjectID: bs[pl.project].ID, Status: a.Status, Version: a.Version, UpdatedAt: a.UpdatedAt,
						SubmittedAt: a.SubmittedAt, SubmittedBy: a.SubmittedBy, ReviewedAt: a.ReviewedAt, ReviewedBy: a.ReviewedBy,
						ReturnReason: a.ReturnReason}
					f := a.Fields()
					rep.InvestedYuan, rep.ProgressText, rep.ProgressPercent, rep.WorkDone = f.InvestedYuan, f.ProgressText, f.ProgressPercent, f.WorkDone
					rep.StatsEntered, rep.StatsYuan = f.StatsEntered, f.StatsYuan
					if err := sd.CreateReport(pe, rep); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SeedFigures(ctx); err != nil {
			t.Fatal(err)
		}
		if again := figuresOf(t, db, office, as); again != ordinary {
			t.Fatalf("SeedFigures changed what approvals left:\napprovals %s\nrebuilt   %s", ordinary, again)
		}
		if bulk := figuresOf(t, db, office, bs); bulk != ordinary {
			t.Fatalf("running sums differ:\napprovals %s\nbulk      %s", ordinary, bulk)
		}
		for _, m := range months {
			for i := range as {
				x, y := seededReport(t, db, office, 0, as[i].ID, m.end), seededReport(t, db, office, 0, bs[i].ID, m.end)
				if a, b := comparableReport(x), comparableReport(y); a != b {
					t.Fatalf("reports differ:\nordinary %s\nseeded   %s", a, b)
				}
			}
		}
		if n, problems, err := db.VerifyAudit(ctx); err != nil || len(problems) != 0 {
			t.Fatalf("audit chain (%d rows): %v %v", n, problems, err)
		}
	})
}

// seededReport finds a project's report of a period (by id, or by its end).
func seededReport(t *testing.T, db *store.DB, actor *tuijin.Actor, periodID, projectID int64, end ...string) *tuijin.Report {
	t.Helper()
	f := tuijin.ReportFilter{ProjectID: &projectID, Page: tuijin.Page{PerPage: 100}}
	if periodID != 0 {
		f.PeriodID = &periodID
	}
	list, err := db.Reports(ctx, actor, f, "2026-03-01")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range list.Items {
		if periodID != 0 || r.PeriodName[2:] == end[0] {
			rep, err := db.Report(ctx, actor, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
	}
	t.Fatalf("no report of project %d in period %d %v", projectID, periodID, end)
	return nil
}

func comparableReport(r *tuijin.Report) string {
	c := *r
	c.ID, c.PeriodID, c.PeriodName, c.ProjectID, c.ProjectName, c.ProjectCode, c.Deadline = 0, 0, "", 0, "", "", ""
	c.SubmittedAt, c.ReviewedAt, c.UpdatedAt, c.Amendments = nil, nil, time.Time{}, nil
	b, _ := json.Marshal(c)
	return string(b)
}

// figuresOf is the running sums of projects, in order.
func figuresOf(t *testing.T, db *store.DB, actor *tuijin.Actor, ps []*tuijin.Project) string {
	t.Helper()
	var ids []int64
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	rows, err := db.FigureRows(ctx, actor, tuijin.ProjectFilter{Year: 2026, IDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	var out []any
	for _, r := range rows {
		out = append(out, []any{r.ReportedYuan, r.Months, r.StatsYuan})
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// TestSeedingProblemMatchesFlow logs a problem, lets the escalation job
// raise it and its department work it to close-out, and writes the same
// way in bulk.
func TestSeedingProblemMatchesFlow(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		d := mustDept(t, db, "住建局", tuijin.KindBureau)
		office := tuijin.ActorFor(mustUser(t, db, "office", tuijin.RoleOffice, nil))
		staff := tuijin.ActorFor(mustUser(t, db, "dept", tuijin.RoleDepartment, &d.ID))
		a, b := listed(t, db, office, "A-1", d), listed(t, db, office, "B-1", d)
		in := func(p *tuijin.Project) tuijin.ProblemInput {
			return tuijin.ProblemInput{ProjectID: &p.ID, Source: "report", Type: "land", Title: "用地未落实", DepartmentID: &d.ID,
				Deadline: "2026-03-10"}
		}
		pa, err := db.CreateProblem(ctx, office, in(a), "2026-03-02")
		if err != nil {
			t.Fatal(err)
		}
		if n, err := db.Escalate(ctx, "2026-03-12", func(string) int { return 1 }, store.DefaultEscalation); err != nil || n != 1 {
			t.Fatalf("escalate: %d %v", n, err)
		}
		steps := []store.SeedStep{{Action: "escalate", Actor: tuijin.SystemActor, Day: "2026-03-12", Level: tuijin.LevelListed, Days: 1},
			{Action: "accept", Actor: staff}, {Action: "start", Actor: staff}, {Action: "comment", Actor: office, Note: "请加快"},
			{Action: "apply", Actor: staff, Note: "已解决"}, {Action: "send_back", Actor: office, Note: "材料不全"},
			{Action: "apply", Actor: staff, Note: "已补充"}, {Action: "close", Actor: office, Day: "2026-03-20"}}
		for i, st := range steps[1:] {
			cur, err := db.Problem(ctx, office, pa.ID)
			if err != nil {
				t.Fatal(err)
			}
			today := "2026-03-13"
			if st.Action == "close" {
				today = st.Day
			}
			if _, err := db.StepProblem(ctx, st.Actor, pa.ID, store.ProblemStep{Action: st.Action, Version: cur.Version, Note: st.Note}, today); err != nil {
				t.Fatalf("step %d %s: %v", i, st.Action, err)
			}
		}
		pb := &tuijin.Problem{Kind: tuijin.KindProblem, ProjectID: &b.ID, Source: "report", Type: "land", Title: "用地未落实",
			DepartmentID: &d.ID, Deadline: "2026-03-10", FoundOn: "2026-03-02"}
		for i := range steps {
			steps[i].At = seedAt.Add(time.Duration(i+1) * time.Hour)
		}
		err = db.Seed(ctx, func(sd *store.Seeding) error {
			sd.As(office, seedAt)
			return sd.CreateProblem(pb, steps)
		})
		if err != nil {
			t.Fatal(err)
		}
		x, _ := db.Problem(ctx, office, pa.ID)
		y, _ := db.Problem(ctx, office, pb.ID)
		if a, b := comparableProblem(x), comparableProblem(y); a != b {
			t.Fatalf("problems differ:\nordinary %s\nseeded   %s", a, b)
		}
		orders, err := db.Orders(ctx, office, "")
		if err != nil || len(orders) != 2 || orders[0].Title != orders[1].Title || orders[0].Grade != orders[1].Grade ||
			orders[0].Items[0].Text != orders[1].Items[0].Text {
			t.Fatalf("orders: %+v %v", orders, err)
		}
	})
}

func comparableProblem(p *tuijin.Problem) string {
	c := *p
	c.ID, c.ProjectID, c.ProjectName, c.CreatedAt, c.UpdatedAt = 0, nil, "", time.Time{}, time.Time{}
	for i := range c.Events {
		c.Events[i].ID, c.Events[i].At = 0, time.Time{}
	}
	b, _ := json.Marshal(c)
	return string(b)
}
