package store_test

import (
	"encoding/json"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// TestSeedingMatchesOrdinaryWrites writes the same project history twice,
// through the ordinary methods and through the seeder's bulk path, and
// expects the same stored project and the same audit rows.
func TestSeedingMatchesOrdinaryWrites(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		d := mustDept(t, db, "住建局", tuijin.KindBureau)
		leader := mustUser(t, db, "leader", tuijin.RoleLeader, nil)
		officer := tuijin.ActorFor(mustUser(t, db, "officer", tuijin.RoleOfficer, &d.ID))
		office := tuijin.ActorFor(mustUser(t, db, "office", tuijin.RoleOffice, nil))
		sample := func(code string) *tuijin.Project {
			land := 12.5
			return &tuijin.Project{Code: code, Name: "城关镇污水处理厂提标改造工程", Stage: tuijin.StagePreliminary, Nature: tuijin.NatureNew,
				Level: tuijin.LevelCity, TotalInvestmentYuan: 120_000_000, LandAreaMu: &land, DepartmentID: &d.ID,
				LeaderID: &leader.ID, OfficerID: &officer.UserID, Tags: []string{"专项债"}, Extra: map[string]string{"备案号": "1号"},
				Funding: []tuijin.Funding{{Source: "专项债", AmountYuan: 80_000_000}},
				Years:   []tuijin.YearPlan{{Year: 2025, PlannedYuan: 50_000_000, Level: tuijin.LevelCity}}}
		}
		move := tuijin.StageChange{To: tuijin.StageNewStart, Date: "2025-03-02", Reason: "提前开工"}

		a, err := db.CreateProject(ctx, office, sample("A-1"))
		if err != nil {
			t.Fatal(err)
		}
		move.Version = a.Version
		if _, err := db.ChangeStage(ctx, officer, a.ID, move); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CarryOver(ctx, office, 2025); err != nil {
			t.Fatal(err)
		}

		b := sample("B-1")
		b.DepartmentName, b.LeaderName, b.OfficerName = d.Name, leader.DisplayName, officer.Username
		at := time.Date(2025, 1, 5, 2, 0, 0, 0, time.UTC)
		err = db.Seed(ctx, func(sd *store.Seeding) error {
			sd.As(office, at)
			if err := sd.CreateProject(b); err != nil {
				return err
			}
			sd.As(officer, at.Add(time.Hour))
			move.Version = b.Version
			if err := sd.ChangeStage(b, move); err != nil {
				return err
			}
			sd.As(office, at.Add(2*time.Hour))
			return sd.CarryOver(b, tuijin.YearPlan{Year: 2026, Level: tuijin.LevelCity})
		})
		if err != nil {
			t.Fatal(err)
		}

		gotA, _ := db.Project(ctx, office, a.ID)
		gotB, _ := db.Project(ctx, office, b.ID)
		if x, y := comparable(gotA), comparable(gotB); x != y {
			t.Fatalf("stored projects differ:\nordinary %s\nseeded   %s", x, y)
		}
		if x, y := auditOf(t, db, a.ID), auditOf(t, db, b.ID); x != y {
			t.Fatalf("audit rows differ:\nordinary %s\nseeded   %s", x, y)
		}
		if n, problems, err := db.VerifyAudit(ctx); err != nil || len(problems) != 0 {
			t.Fatalf("audit chain after seeding (%d rows): %v %v", n, problems, err)
		}
	})
}

// comparable is a project's JSON without what differs by construction.
func comparable(p *tuijin.Project) string {
	c := *p
	c.ID, c.Code, c.CreatedAt, c.UpdatedAt = 0, "", time.Time{}, time.Time{}
	b, _ := json.Marshal(c)
	return string(b)
}

func auditOf(t *testing.T, db *store.DB, id int64) string {
	t.Helper()
	list, err := db.AuditEntries(ctx, tuijin.SystemActor, tuijin.AuditFilter{Entity: "project", EntityID: &id}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	var out []any
	for _, e := range list.Items {
		delete(e.Changes, "code")
		delete(e.Changes, "id")
		out = append(out, []any{e.Action, e.Username, e.Changes})
	}
	b, _ := json.Marshal(out)
	return string(b)
}
