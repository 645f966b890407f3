package store_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// notice2027 is a 2027 year as an admin might enter it (made up: the
// notice is not in the shared copy).
func notice2027(version int64) calendar.YearInput {
	on, off := false, true
	return calendar.YearInput{Version: &version, Days: []calendar.DayInput{
		{Date: "2027-01-01", Off: &off, Name: "元旦"},
		{Date: "2027-01-02", Off: &off, Name: "元旦"},
		{Date: "2027-01-03", Off: &off, Name: "元旦"},
		{Date: "2027-02-06", Off: &on, Name: "春节"},
		{Date: "2027-02-08", Off: &off, Name: "春节"},
	}}
}

func TestReplaceCalendarYear(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		admin := tuijin.ActorFor(mustUser(t, db, "admin", tuijin.RoleAdmin, nil))
		office := tuijin.ActorFor(mustUser(t, db, "office", tuijin.RoleOffice, nil))
		if _, err := db.ReplaceCalendarYear(ctx, office, 2027, notice2027(0)); !errors.Is(err, tuijin.ErrForbidden) {
			t.Fatalf("office replacing a year: %v", err)
		}
		bad := notice2027(0)
		bad.Days[0].Date = "2026-12-31"
		if _, err := db.ReplaceCalendarYear(ctx, admin, 2027, bad); code(err) != tuijin.EINVALID {
			t.Fatalf("a date of 2026 under 2027: %v", err)
		}
		noVersion := notice2027(0)
		noVersion.Version = nil
		if _, err := db.ReplaceCalendarYear(ctx, admin, 2027, noVersion); code(err) != tuijin.EINVALID {
			t.Fatalf("without a version: %v", err)
		}
		if _, err := db.ReplaceCalendarYear(ctx, admin, 2027, notice2027(3)); !errors.Is(err, tuijin.ErrStale) {
			t.Fatalf("version 3 of a year that has none: %v", err)
		}
		rev0, _ := db.CalendarRevision(ctx)
		v, err := db.ReplaceCalendarYear(ctx, admin, 2027, notice2027(0))
		if err != nil || v != 1 {
			t.Fatalf("create 2027: %d %v", v, err)
		}
		overrides, rev, err := db.CalendarOverrides(ctx)
		o := overrides[2027]
		if err != nil || rev != rev0+1 || len(o.Days) != 5 || o.Version != 1 || o.UpdatedBy != "admin" || o.Days[3].Off {
			t.Fatalf("overrides after create: %+v rev %d→%d %v", overrides, rev0, rev, err)
		}
		// A second replacement drops the days it does not list.
		in := notice2027(1)
		in.Days = in.Days[:3]
		if v, err := db.ReplaceCalendarYear(ctx, admin, 2027, in); err != nil || v != 2 {
			t.Fatalf("replace 2027: %d %v", v, err)
		}
		if _, err := db.ReplaceCalendarYear(ctx, admin, 2027, notice2027(1)); !errors.Is(err, tuijin.ErrStale) {
			t.Fatalf("stale replace: %v", err)
		}
		overrides, _, _ = db.CalendarOverrides(ctx)
		if len(overrides[2027].Days) != 3 {
			t.Fatalf("after replace: %+v", overrides[2027])
		}
		wantAudit(t, db, 2027, "update", "create")
	})
}

func TestDeleteCalendarYear(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		admin := tuijin.ActorFor(mustUser(t, db, "admin", tuijin.RoleAdmin, nil))
		if err := db.DeleteCalendarYear(ctx, admin, 2027, 1); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("deleting a year that has no override: %v", err)
		}
		if _, err := db.ReplaceCalendarYear(ctx, admin, 2027, notice2027(0)); err != nil {
			t.Fatal(err)
		}
		viewer := &tuijin.Actor{UserID: 99, Role: tuijin.RoleViewer}
		if err := db.DeleteCalendarYear(ctx, viewer, 2027, 1); !errors.Is(err, tuijin.ErrForbidden) {
			t.Fatalf("viewer deleting: %v", err)
		}
		if err := db.DeleteCalendarYear(ctx, admin, 2027, 2); !errors.Is(err, tuijin.ErrStale) {
			t.Fatalf("stale delete: %v", err)
		}
		if err := db.DeleteCalendarYear(ctx, admin, 2027, 1); err != nil {
			t.Fatal(err)
		}
		overrides, _, err := db.CalendarOverrides(ctx)
		if err != nil || len(overrides) != 0 {
			t.Fatalf("after delete: %+v %v", overrides, err)
		}
		// The year can be entered again from scratch.
		if v, err := db.ReplaceCalendarYear(ctx, admin, 2027, notice2027(0)); err != nil || v != 1 {
			t.Fatalf("re-create: %d %v", v, err)
		}
		wantAudit(t, db, 2027, "create", "delete", "create")
	})
}

func wantAudit(t *testing.T, db *store.DB, year int64, actions ...string) {
	t.Helper()
	list, err := db.AuditEntries(ctx, tuijin.SystemActor, tuijin.AuditFilter{Entity: "calendar_year", EntityID: &year}, time.UTC)
	if err != nil || list.Total != len(actions) {
		t.Fatalf("audit: %+v %v, want %v", list, err, actions)
	}
	for i, a := range actions {
		if list.Items[i].Action != a || list.Items[i].Changes["days"] == [2]any{nil, nil} {
			t.Fatalf("audit row %d: %+v, want %s", i, list.Items[i], a)
		}
	}
}

// TestCalendarCache: the writing instance sees its change at once after
// Invalidate; another instance within its MaxAge.
func TestCalendarCache(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Now().UTC()
		db.Now = func() time.Time { return now }
		admin := tuijin.ActorFor(mustUser(t, db, "admin", tuijin.RoleAdmin, nil))
		mine, other := store.NewCalendarCache(db, 5*time.Second), store.NewCalendarCache(db, 5*time.Second)
		newYear := calendar.MustDate("2027-01-01")
		for _, c := range []*store.CalendarCache{mine, other} {
			cal, err := c.Calendar(ctx)
			if err != nil || !cal.IsWorkingDay(newYear) || cal.HasData(2027) || !cal.HasData(2026) {
				t.Fatalf("before: %v", err)
			}
		}
		if _, err := db.ReplaceCalendarYear(ctx, admin, 2027, notice2027(0)); err != nil {
			t.Fatal(err)
		}
		mine.Invalidate()
		if cal, _ := mine.Calendar(ctx); cal.IsWorkingDay(newYear) {
			t.Fatal("the writer does not see its own change")
		}
		if cal, _ := other.Calendar(ctx); !cal.IsWorkingDay(newYear) {
			t.Fatal("another instance reloaded before its time: the cache does nothing")
		}
		now = now.Add(6 * time.Second)
		cal, err := other.Calendar(ctx)
		if err != nil || cal.IsWorkingDay(newYear) || cal.Year(2027).Source != calendar.SourceOverride {
			t.Fatalf("another instance after MaxAge: %v", err)
		}
	})
}

// TestCalendarCacheConcurrent is for the race detector: readers while the
// overrides change and the cache is invalidated.
func TestCalendarCacheConcurrent(t *testing.T) {
	db := testdb.Open(t, "sqlite:"+t.TempDir()+"/c.db")
	admin := tuijin.ActorFor(mustUser(t, db, "admin", tuijin.RoleAdmin, nil))
	cache := store.NewCalendarCache(db, 0)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for v := range int64(5) {
			if _, err := db.ReplaceCalendarYear(ctx, admin, 2027, notice2027(v)); err != nil {
				t.Error(err)
				return
			}
			cache.Invalidate()
		}
	}()
	var readers sync.WaitGroup
	for range 4 {
		readers.Go(func() {
			for range 50 {
				if _, err := cache.Calendar(ctx); err != nil {
					t.Error(err)
				}
			}
		})
	}
	<-done
	readers.Wait()
	if cal, err := cache.Calendar(ctx); err != nil || cal.Year(2027).Version != 5 {
		t.Fatalf("after the writes: %v", err)
	}
}
