package store_test

import (
	"errors"
	"fmt"
	"testing"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

func mustProject(t *testing.T, db *store.DB, p tuijin.Project) *tuijin.Project {
	t.Helper()
	out, err := db.CreateProject(ctx, tuijin.SystemActor, &p)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestProjectLedger(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		zj, jt := mustDept(t, db, "住建局", tuijin.KindBureau), mustDept(t, db, "交通局", tuijin.KindBureau)
		leader := mustUser(t, db, "li", tuijin.RoleLeader, nil)
		p1 := mustProject(t, db, tuijin.Project{Code: "XM001", Name: "城关镇污水处理厂", Stage: tuijin.StageConstruction, Nature: tuijin.NatureContinued,
			TotalInvestmentYuan: 120_000_000, DepartmentID: &zj.ID, LeaderID: &leader.ID, OwnerName: "城投公司",
			Years:   []tuijin.YearPlan{{Year: 2026, PlannedYuan: 30_000_000, Level: tuijin.LevelCity}},
			Funding: []tuijin.Funding{{Source: "专项债", AmountYuan: 50_000_000}}})
		if p1.DepartmentName != "住建局" || p1.LeaderName != "li" || len(p1.Years) != 1 || p1.Funding[0].AmountYuan != 50_000_000 {
			t.Fatalf("created project: %+v", p1)
		}
		mustProject(t, db, tuijin.Project{Name: "G312国道改扩建", TotalInvestmentYuan: 2_500_000_000, DepartmentID: &jt.ID,
			Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: 400_000_000}}})
		mustProject(t, db, tuijin.Project{Name: "第一中学新校区", TotalInvestmentYuan: 80_000_000, DepartmentID: &zj.ID,
			Years: []tuijin.YearPlan{{Year: 2025, PlannedYuan: 10_000_000}}})
		if _, err := db.CreateProject(ctx, tuijin.SystemActor, &tuijin.Project{Code: "XM001", Name: "重复编码"}); tuijin.ErrorCode(err) != tuijin.ECONFLICT {
			t.Fatalf("duplicate code: %v", err)
		}

		cases := []struct {
			name  string
			f     tuijin.ProjectFilter
			names []string
			sum   int64
		}{
			{"year list", tuijin.ProjectFilter{Year: 2026, Page: tuijin.Page{Sort: "-total_investment_yuan"}}, []string{"G312国道改扩建", "城关镇污水处理厂"}, 430_000_000},
			{"pinyin initials", tuijin.ProjectFilter{Q: "cgz"}, []string{"城关镇污水处理厂"}, 0},
			{"owner", tuijin.ProjectFilter{Q: "城投"}, []string{"城关镇污水处理厂"}, 0},
			{"code", tuijin.ProjectFilter{Q: "xm001"}, []string{"城关镇污水处理厂"}, 0},
			{"department", tuijin.ProjectFilter{DepartmentID: &zj.ID, Page: tuijin.Page{Sort: "name"}}, []string{"城关镇污水处理厂", "第一中学新校区"}, 0},
			{"percent is literal", tuijin.ProjectFilter{Q: "%"}, nil, 0},
		}
		for _, tc := range cases {
			list, err := db.Projects(ctx, tuijin.SystemActor, tc.f)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			var names []string
			for _, p := range list.Items {
				names = append(names, p.Name)
			}
			if fmt.Sprint(names) != fmt.Sprint(tc.names) || list.Total != len(tc.names) || list.Sums.PlannedYuan != tc.sum {
				t.Errorf("%s: %v total %d sums %+v", tc.name, names, list.Total, list.Sums)
			}
		}

		// A department user sees and edits only its own projects.
		du := tuijin.ActorFor(mustUser(t, db, "jtj", tuijin.RoleDepartment, &jt.ID))
		list, _ := db.Projects(ctx, du, tuijin.ProjectFilter{})
		if list.Total != 1 || list.Items[0].Name != "G312国道改扩建" {
			t.Fatalf("department scope: %+v", list.Items)
		}
		if _, err := db.Project(ctx, du, p1.ID); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("department reading another's project: %v", err)
		}
		if _, err := db.UpdateProject(ctx, du, p1.ID, p1.Version, func(p *tuijin.Project) error { p.Remarks = "x"; return nil }); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("department editing another's project: %v", err)
		}
		own := list.Items[0]
		if _, err := db.UpdateProject(ctx, du, own.ID, own.Version, func(p *tuijin.Project) error { p.DepartmentID = &zj.ID; return nil }); !errors.Is(err, tuijin.ErrForbidden) {
			t.Fatalf("department moving its project to another department: %v", err)
		}
		upd, err := db.UpdateProject(ctx, du, own.ID, own.Version, func(p *tuijin.Project) error { p.DeptLiaison = "王五"; return nil })
		if err != nil || upd.DeptLiaison != "王五" || upd.Version != own.Version+1 {
			t.Fatalf("department editing its project: %+v %v", upd, err)
		}
		if _, err := db.UpdateProject(ctx, du, own.ID, own.Version, func(p *tuijin.Project) error { return nil }); !errors.Is(err, tuijin.ErrStale) {
			t.Fatalf("stale write: %v", err)
		}
		if _, err := db.UpdateProject(ctx, tuijin.SystemActor, p1.ID, p1.Version, func(p *tuijin.Project) error {
			p.PlannedStart, p.PlannedCompletion = "2026-05-01", "2026-01-01"
			return nil
		}); tuijin.ErrorCode(err) != tuijin.EINVALID {
			t.Fatalf("completion before start: %v", err)
		}

		// Archive, then restore.
		arch, err := db.ArchiveProject(ctx, tuijin.SystemActor, p1.ID, p1.Version, true)
		if err != nil || !arch.Archived {
			t.Fatalf("archive: %v", err)
		}
		if list, _ := db.Projects(ctx, tuijin.SystemActor, tuijin.ProjectFilter{Year: 2026}); list.Total != 1 {
			t.Fatalf("archived project still listed: %d", list.Total)
		}
		if list, _ := db.Projects(ctx, tuijin.SystemActor, tuijin.ProjectFilter{Archived: true}); list.Total != 1 {
			t.Fatalf("archive list: %d", list.Total)
		}
		if _, err := db.ArchiveProject(ctx, du, own.ID, upd.Version, true); !errors.Is(err, tuijin.ErrForbidden) {
			t.Fatalf("department archiving: %v", err)
		}
		if _, err := db.ArchiveProject(ctx, tuijin.SystemActor, p1.ID, arch.Version, false); err != nil {
			t.Fatal(err)
		}
		audit, _ := db.AuditEntries(ctx, tuijin.SystemActor, tuijin.AuditFilter{Entity: "project", EntityID: &p1.ID}, nil)
		if audit.Total != 3 || fmt.Sprint(audit.Items[0].Changes["archived"]) != "[true false]" {
			t.Fatalf("project audit: %+v", audit.Items)
		}
	})
}

func TestStagesAndCarryOver(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		p := mustProject(t, db, tuijin.Project{Name: "产业园标准厂房", Stage: tuijin.StagePreliminary, Nature: tuijin.NatureNew,
			Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: 5_000_000, Level: tuijin.LevelCounty}}})
		done := mustProject(t, db, tuijin.Project{Name: "已竣工项目", Stage: tuijin.StageCompleted, ActualStart: "2025-03-01", ActualCompletion: "2026-06-30",
			Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: 1}}})
		_ = done
		steps := []struct {
			change tuijin.StageChange
			code   string
		}{
			{tuijin.StageChange{To: tuijin.StageCompleted, Date: "2026-04-01"}, tuijin.EINVALID}, // completion before start
			{tuijin.StageChange{To: tuijin.StageNewStart}, tuijin.EINVALID},                      // no start date
			{tuijin.StageChange{To: tuijin.StageNewStart, Date: "2026-03-15"}, ""},               //
			{tuijin.StageChange{To: tuijin.StagePreliminary}, tuijin.EINVALID},                   // back without reason
			{tuijin.StageChange{To: tuijin.StageCompleted, Date: "2026-03-01"}, tuijin.EINVALID}, // before its start
			{tuijin.StageChange{To: tuijin.StageConstruction}, ""},
			{tuijin.StageChange{To: tuijin.StageCompleted, Date: "2026-10-30"}, ""},
		}
		cur := p
		for i, st := range steps {
			st.change.Version = cur.Version
			next, err := db.ChangeStage(ctx, tuijin.SystemActor, p.ID, st.change)
			if tuijin.ErrorCode(err) != st.code {
				t.Fatalf("step %d (%s): got %v, want %q", i, st.change.To, err, st.code)
			}
			if err == nil {
				cur = next
			}
		}
		if cur.Stage != tuijin.StageCompleted || cur.ActualStart != "2026-03-15" || cur.ActualCompletion != "2026-10-30" {
			t.Fatalf("after the stages: %+v", cur)
		}
		hist, err := db.StageHistory(ctx, tuijin.SystemActor, p.ID)
		if err != nil || len(hist) != 3 || hist[0].From != tuijin.StagePreliminary || hist[2].To != tuijin.StageCompleted {
			t.Fatalf("history: %+v %v", hist, err)
		}

		open := mustProject(t, db, tuijin.Project{Name: "在建道路", Stage: tuijin.StageConstruction, ActualStart: "2025-05-01", Nature: tuijin.NatureNew,
			Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: 9_000_000, Level: tuijin.LevelCity}}})
		n, err := db.CarryOver(ctx, tuijin.SystemActor, 2026)
		if err != nil || n != 1 {
			t.Fatalf("carry over: %d %v", n, err)
		}
		got, _ := db.Project(ctx, tuijin.SystemActor, open.ID)
		if y, ok := got.PlanFor(2027); !ok || y.Level != tuijin.LevelCity || got.Nature != tuijin.NatureContinued {
			t.Fatalf("carried project: %+v", got)
		}
		if n, _ := db.CarryOver(ctx, tuijin.SystemActor, 2026); n != 0 {
			t.Fatalf("second carry over added %d", n)
		}
	})
}

// TestImportKeepsLinks: a sheet naming an officer whose name another user
// shares keeps the project's link, and a leader name is matched among
// leaders only.
func TestImportKeepsLinks(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		d := mustDept(t, db, "德桥镇", tuijin.KindTown)
		officer := mustUser(t, db, "officer24", tuijin.RoleOfficer, nil)
		owner := mustUser(t, db, "owner28", tuijin.RoleOwner, &d.ID)
		same := "武超"
		for _, u := range []*tuijin.User{officer, owner} {
			if _, err := db.UpdateUser(ctx, tuijin.SystemActor, u.ID, tuijin.UserPatch{DisplayName: &same, Version: u.Version}); err != nil {
				t.Fatal(err)
			}
		}
		p := mustProject(t, db, tuijin.Project{Code: "DQ-1", Name: "油茶产业园", OfficerID: &officer.ID})
		if p.OfficerName != "武超" {
			t.Fatalf("officer name: %q", p.OfficerName)
		}
		item := store.ImportItem{Project: tuijin.Project{Code: "DQ-1", Name: "油茶产业园", OfficerName: "武超"}, Fields: []string{"code", "name", "officer_name"}}
		plan, err := db.ImportLedger(ctx, tuijin.SystemActor, 2026, []store.ImportItem{item}, false)
		if err != nil || plan.Actions[0].Action != "unchanged" {
			t.Fatalf("re-import: %+v %v", plan.Actions, err)
		}
		got, _ := db.Project(ctx, tuijin.SystemActor, p.ID)
		if got.OfficerID == nil || *got.OfficerID != officer.ID {
			t.Fatalf("officer link lost: %+v", got.OfficerID)
		}
	})
}

// TestLedgerSumsFollowWrites: the cached count and sums change with every
// project write, and not with writes elsewhere.
func TestLedgerSumsFollowWrites(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := tuijin.ProjectFilter{Year: 2026}
		mustProject(t, db, tuijin.Project{Name: "甲", TotalInvestmentYuan: 100, Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: 10}}})
		l, _ := db.Projects(ctx, tuijin.SystemActor, f)
		mustDept(t, db, "无关单位", tuijin.KindOther) // an audited write that is not the ledger
		p := mustProject(t, db, tuijin.Project{Name: "乙", TotalInvestmentYuan: 50, Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: 5}}})
		l2, _ := db.Projects(ctx, tuijin.SystemActor, f)
		if l.Total != 1 || l2.Total != 2 || l2.Sums.TotalInvestmentYuan != 150 || l2.Sums.PlannedYuan != 15 {
			t.Fatalf("sums: %+v then %+v", l.Sums, l2.Sums)
		}
		if _, err := db.ArchiveProject(ctx, tuijin.SystemActor, p.ID, p.Version, true); err != nil {
			t.Fatal(err)
		}
		if l3, _ := db.Projects(ctx, tuijin.SystemActor, f); l3.Total != 1 || l3.Sums.TotalInvestmentYuan != 100 {
			t.Fatalf("after archiving: %+v", l3)
		}
	})
}
