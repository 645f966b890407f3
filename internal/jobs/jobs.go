// Package jobs runs Tuijin's recurring work (reminders, daily checks) on
// every instance. A job's next run is stored in the database and claimed
// there, so jobs survive restarts and run once across several instances;
// what a job sends is deduplicated too, so a run repeated after a crash
// sends nothing twice.
package jobs

import (
	"context"
	"log/slog"
	"runtime/debug"
	"strconv"
	"time"

	"tuijin/internal/calendar"
	"tuijin/internal/store"
)

// Job is a recurring piece of work.
type Job struct {
	Name string
	// Next is when the job is due again after a run at now.
	Next func(now time.Time) time.Time
	Run  func(ctx context.Context) error
}

// Runner checks for due jobs every Tick.
type Runner struct {
	DB   *store.DB
	Log  *slog.Logger
	Jobs []Job
	Tick time.Duration
	// Hold is how long a claim lasts: an instance that dies mid-run frees
	// the job after it.
	Hold time.Duration
}

// Run checks for due jobs until ctx ends.
func (r *Runner) Run(ctx context.Context) {
	if r.Tick == 0 {
		r.Tick = 30 * time.Second
	}
	if r.Hold == 0 {
		r.Hold = 10 * time.Minute
	}
	t := time.NewTicker(r.Tick)
	defer t.Stop()
	for {
		r.RunDue(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunDue runs every job that is due now, once.
func (r *Runner) RunDue(ctx context.Context) {
	ran := false
	defer func() {
		if ran {
			// A job goes over a whole year's list; the server then sits
			// mostly idle, so its memory goes back to the system now
			// rather than over the following minutes.
			debug.FreeOSMemory()
		}
	}()
	for _, j := range r.Jobs {
		now := r.DB.Now()
		ok, err := r.DB.ClaimJob(ctx, j.Name, now, r.Hold)
		if err != nil {
			r.Log.Error("job claim", "job", j.Name, "err", err)
			continue
		}
		if !ok {
			continue
		}
		start := time.Now()
		ran = true
		runErr := j.Run(ctx)
		if runErr != nil {
			r.Log.Error("job failed", "job", j.Name, "err", runErr)
		} else {
			r.Log.Info("job done", "job", j.Name, "duration_ms", time.Since(start).Milliseconds())
		}
		if err := r.DB.FinishJob(context.WithoutCancel(ctx), j.Name, j.Next(now), runErr); err != nil {
			r.Log.Error("job finish", "job", j.Name, "err", err)
		}
	}
}

// Daily is due every day at hour:00 in loc.
func Daily(hour int, loc *time.Location) func(time.Time) time.Time {
	return func(now time.Time) time.Time {
		l := now.In(loc)
		next := time.Date(l.Year(), l.Month(), l.Day(), hour, 0, 0, 0, loc)
		if !next.After(l) {
			next = next.AddDate(0, 0, 1)
		}
		return next.UTC()
	}
}

// DefaultReminderDays is how many working days before a node's planned
// finish its reminder goes out, unless the office sets node_reminder_days.
const DefaultReminderDays = 3

// NodeReminders is the daily job that warns of nodes coming due and
// reports overdue ones to the people of their projects.
func NodeReminders(db *store.DB, cals *store.CalendarCache, loc *time.Location) Job {
	return Job{
		Name: "node_reminders",
		Next: Daily(8, loc),
		Run: func(ctx context.Context) error {
			_, err := RemindNodes(ctx, db, cals, loc)
			return err
		},
	}
}

// RemindNodes sends today's node reminders and returns how many went out.
func RemindNodes(ctx context.Context, db *store.DB, cals *store.CalendarCache, loc *time.Location) (int, error) {
	cal, err := cals.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	raw, err := db.Setting(ctx, "node_reminder_days", strconv.Itoa(DefaultReminderDays))
	if err != nil {
		return 0, err
	}
	days, err := strconv.Atoi(raw)
	if err != nil || days < 0 {
		days = DefaultReminderDays
	}
	today := calendar.DateOf(db.Now().In(loc))
	return db.NodeReminders(ctx, today.String(), cal.AddWorkingDays(today, days).String())
}
