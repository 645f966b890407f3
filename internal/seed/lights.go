package seed

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/jobs"
	"tuijin/internal/store"
)

// lights computes the warning lights as the daily job left them at the end
// of last year and of each of the last two months, so that the board has
// a history; today's run is the daily job's own (dailyJobs).
func (s *Seeder) lights(ctx context.Context) error {
	cur := s.Opt.Today.Year()
	type run struct {
		year int
		asOf calendar.Date
	}
	var runs []run
	if cur-1 >= s.firstYear() {
		runs = append(runs, run{cur - 1, calendar.NewDate(cur-1, 12, 31)})
	}
	for back := 2; back >= 1; back-- {
		end := calendar.NewDate(cur, s.Opt.Today.Month()-time.Month(back)+1, 1).AddDays(-1)
		if end.Year() == cur {
			runs = append(runs, run{cur, end})
		}
	}
	wd := s.workdays()
	for _, rn := range runs {
		t := rn.asOf.Time()
		at := time.Date(t.Year(), t.Month(), t.Day(), 2, 0, 0, 0, s.loc)
		err := s.DB.InTx(ctx, tuijin.SystemActor, func(tx *store.Tx) error {
			tx.As(tuijin.SystemActor, at)
			_, err := tx.RecomputeLights(rn.year, rn.asOf.Time(), nil, "daily", wd)
			return err
		})
		if err != nil {
			return fmt.Errorf("lights of %d as of %s: %w", rn.year, rn.asOf, err)
		}
	}
	return nil
}

// workdays counts working days on the official calendar, as the server's
// lights do.
func (s *Seeder) workdays() store.Workdays {
	return func(from, to string) int {
		a, errA := calendar.ParseDate(from)
		b, errB := calendar.ParseDate(to)
		if errA != nil || errB != nil {
			return 0
		}
		return s.cal.WorkingDaysBetween(a, b)
	}
}

// autoPeriods has the office's monthly periods opened on a schedule.
const autoPeriods = `{"enabled":true,"kind":"monthly","deadline_days":5}`

// dailyJobs runs the server's daily jobs once, as of half past eight this
// morning: node and report reminders into the inboxes, today's lights,
// escalation of what became overdue today, the period opening. They are
// then recorded as done until tomorrow, so that the server's first start
// has nothing to catch up on (on a province, minutes of work).
func (s *Seeder) dailyJobs(ctx context.Context) error {
	morning := s.Opt.Today.Add(8*time.Hour + 30*time.Minute)
	clock := s.DB.Now
	s.DB.Now = func() time.Time { return morning.UTC() }
	defer func() { s.DB.Now = clock }()
	if err := s.DB.SetSetting(ctx, tuijin.SystemActor, "auto_periods", autoPeriods); err != nil {
		return err
	}
	var failed strings.Builder
	log := slog.New(slog.NewTextHandler(&failed, &slog.HandlerOptions{Level: slog.LevelError}))
	cals := store.NewCalendarCache(s.DB, time.Hour)
	// The jobs "tuijin serve" runs (cmd/tuijin/serve.go).
	runner := &jobs.Runner{DB: s.DB, Log: log, Jobs: []jobs.Job{
		jobs.NodeReminders(s.DB, cals, s.loc), jobs.ReportReminders(s.DB, cals, s.loc), jobs.OpenPeriods(s.DB, cals, s.loc),
		jobs.Lights(s.DB, cals, s.loc), jobs.Escalation(s.DB, cals, s.loc)}}
	runner.RunDue(ctx)
	if failed.Len() > 0 {
		return fmt.Errorf("daily jobs: %s", strings.TrimSpace(failed.String()))
	}
	items, _, err := s.DB.BoardRows(ctx, tuijin.SystemActor, tuijin.ProjectFilter{Year: s.Opt.Today.Year()}, s.today().String())
	for _, it := range items {
		s.result.Lights[string(it.Colour)]++
	}
	return err
}
