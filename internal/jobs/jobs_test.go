package jobs

import (
	"context"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestPeriodFor(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tc := range []struct {
		kind            tuijin.PeriodKind
		day, start, end string
		name            string
	}{
		{tuijin.PeriodMonthly, "2026-02-14", "2026-02-01", "2026-02-28", "2026年2月月报"},
		{tuijin.PeriodTenDay, "2026-02-25", "2026-02-21", "2026-02-28", "2026年2月下旬报"},
		{tuijin.PeriodTenDay, "2026-03-10", "2026-03-01", "2026-03-10", "2026年3月上旬报"},
		{tuijin.PeriodWeekly, "2026-11-22", "2026-11-16", "2026-11-22", "2026年第47周周报"},
		{tuijin.PeriodWeekly, "2026-11-16", "2026-11-16", "2026-11-22", "2026年第47周周报"},
	} {
		in := PeriodFor(tc.kind, day(tc.day))
		if in.Start != tc.start || in.End != tc.end || in.Name != tc.name {
			t.Errorf("%s %s: %+v", tc.kind, tc.day, in)
		}
	}
}

// TestScheduledPeriodsAndReminders opens the month's period on schedule
// once, then reminds of its deadline once and reports it missed once.
func TestScheduledPeriodsAndReminders(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 9, 1, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		d, _ := db.CreateDepartment(ctx, tuijin.SystemActor, tuijin.DepartmentInput{Name: "住建局", Kind: tuijin.KindBureau})
		u, _ := db.CreateUser(ctx, tuijin.SystemActor, tuijin.UserInput{Username: "zjj", DisplayName: "住建", Role: tuijin.RoleDepartment, DepartmentID: &d.ID}, "h", false)
		if _, err := db.CreateProject(ctx, tuijin.SystemActor, &tuijin.Project{Name: "安置房", DepartmentID: &d.ID,
			Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: 1}}}); err != nil {
			t.Fatal(err)
		}
		cals := store.NewCalendarCache(db, time.Minute)
		if p, err := OpenDuePeriod(ctx, db, cals, time.UTC); p != nil || err != nil {
			t.Fatalf("opened without a schedule: %v %v", p, err)
		}
		if err := db.SetSetting(ctx, tuijin.SystemActor, "auto_periods", `{"enabled":true,"kind":"monthly","deadline_days":5}`); err != nil {
			t.Fatal(err)
		}
		p, err := OpenDuePeriod(ctx, db, cals, time.UTC)
		// 5 working days after 09-30 skip the National Day holiday: 10-13.
		if err != nil || p == nil || p.Name != "2026年9月月报" || p.Deadline != "2026-10-13" {
			t.Fatalf("scheduled period: %+v %v", p, err)
		}
		if again, err := OpenDuePeriod(ctx, db, cals, time.UTC); again != nil || err != nil {
			t.Fatalf("opened twice: %v %v", again, err)
		}
		inbox := func() int {
			l, _, err := db.Inbox(ctx, tuijin.ActorFor(u), false, tuijin.Page{})
			if err != nil {
				t.Fatal(err)
			}
			return l.Total
		}
		now = time.Date(2026, 10, 12, 1, 0, 0, 0, time.UTC) // 2 working days later is 10-14, past the 10-13 deadline
		for range 2 {
			if _, err := RemindReports(ctx, db, cals, time.UTC); err != nil {
				t.Fatal(err)
			}
		}
		if n := inbox(); n != 1 {
			t.Fatalf("reminders before the deadline: %d", n)
		}
		now = time.Date(2026, 10, 14, 1, 0, 0, 0, time.UTC)
		RemindReports(ctx, db, cals, time.UTC)
		RemindReports(ctx, db, cals, time.UTC)
		if n := inbox(); n != 2 {
			t.Fatalf("after the deadline: %d", n)
		}
	})
}
