package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/store"
)

// DefaultReportReminderDays is how many working days before a period's
// deadline the reporters are reminded.
const DefaultReportReminderDays = 2

// ReportReminders is the daily job that reminds reporters of deadlines and
// tells them when one is missed.
func ReportReminders(db *store.DB, cals *store.CalendarCache, loc *time.Location) Job {
	return Job{Name: "report_reminders", Next: Daily(8, loc), Run: func(ctx context.Context) error {
		_, err := RemindReports(ctx, db, cals, loc)
		return err
	}}
}

// RemindReports sends today's report reminders.
func RemindReports(ctx context.Context, db *store.DB, cals *store.CalendarCache, loc *time.Location) (int, error) {
	cal, err := cals.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	days := settingInt(ctx, db, "report_reminder_days", DefaultReportReminderDays)
	today := calendar.DateOf(db.Now().In(loc))
	return db.ReportReminders(ctx, today.String(), cal.AddWorkingDays(today, days).String())
}

func settingInt(ctx context.Context, db *store.DB, key string, def int) int {
	raw, err := db.Setting(ctx, key, strconv.Itoa(def))
	if n, cerr := strconv.Atoi(raw); err == nil && cerr == nil && n >= 0 {
		return n
	}
	return def
}

// AutoPeriods is the office's setting for opening periods on a schedule.
type AutoPeriods struct {
	Enabled      bool              `json:"enabled"`
	Kind         tuijin.PeriodKind `json:"kind"`
	DeadlineDays int               `json:"deadline_days"`
}

// OpenPeriods is the daily job that opens the current reporting period on
// its first day when the office has asked for periods on a schedule.
func OpenPeriods(db *store.DB, cals *store.CalendarCache, loc *time.Location) Job {
	return Job{Name: "open_periods", Next: Daily(1, loc), Run: func(ctx context.Context) error {
		_, err := OpenDuePeriod(ctx, db, cals, loc)
		return err
	}}
}

// OpenDuePeriod opens the period that contains today, once; it returns the
// period, or nil when there is nothing to open.
func OpenDuePeriod(ctx context.Context, db *store.DB, cals *store.CalendarCache, loc *time.Location) (*tuijin.Period, error) {
	raw, err := db.Setting(ctx, "auto_periods", "")
	if err != nil || raw == "" {
		return nil, err
	}
	var a AutoPeriods
	if err := json.Unmarshal([]byte(raw), &a); err != nil || !a.Enabled {
		return nil, err
	}
	today := db.Now().In(loc)
	in := PeriodFor(a.Kind, today)
	in.DeadlineDays = a.DeadlineDays
	if exists, err := db.PeriodExists(ctx, in.Year, in.Kind, in.End); err != nil || exists {
		return nil, err
	}
	cal, err := cals.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	deadline := cal.AddWorkingDays(calendar.MustDate(in.End), in.DeadlineDays)
	p, err := db.OpenPeriod(ctx, tuijin.SystemActor, in, deadline.String())
	if tuijin.ErrorCode(err) == tuijin.EINVALID || tuijin.ErrorCode(err) == tuijin.ECONFLICT {
		return nil, nil // no list for the year yet, or the office opened an overlapping one by hand
	}
	return p, err
}

// PeriodFor is the period of kind that contains day: Monday to Sunday, the
// thirds of a month (1-10, 11-20, 21-end), or the month.
func PeriodFor(kind tuijin.PeriodKind, day time.Time) tuijin.PeriodInput {
	y, m, d := day.Date()
	var start, end time.Time
	var name string
	switch kind {
	case tuijin.PeriodWeekly:
		off := (int(day.Weekday()) + 6) % 7
		start = time.Date(y, m, d-off, 0, 0, 0, 0, time.UTC)
		end = start.AddDate(0, 0, 6)
		_, week := start.ISOWeek()
		name = fmt.Sprintf("%d年第%d周周报", start.Year(), week)
	case tuijin.PeriodTenDay:
		third := min((d-1)/10, 2)
		start = time.Date(y, m, third*10+1, 0, 0, 0, 0, time.UTC)
		end = start.AddDate(0, 0, 9)
		if third == 2 {
			end = time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
		}
		name = fmt.Sprintf("%d年%d月%s旬报", y, m, []string{"上", "中", "下"}[third])
	default:
		kind = tuijin.PeriodMonthly
		start = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
		end = start.AddDate(0, 1, -1)
		name = fmt.Sprintf("%d年%d月月报", y, m)
	}
	t := true
	return tuijin.PeriodInput{Name: name, Kind: kind, Year: start.Year(), Start: start.Format(time.DateOnly),
		End: end.Format(time.DateOnly), CountsInvestment: &t}
}

// Lights is the daily job that recomputes every light of this year's list,
// for what time alone changes: a deadline passing, a month ending.
func Lights(db *store.DB, cals *store.CalendarCache, loc *time.Location) Job {
	return Job{Name: "lights", Next: Daily(2, loc), Run: func(ctx context.Context) error {
		cal, err := cals.Calendar(ctx)
		if err != nil {
			return err
		}
		today := calendar.DateOf(db.Now().In(loc))
		wd := func(from, to string) int {
			a, errA := calendar.ParseDate(from)
			b, errB := calendar.ParseDate(to)
			if errA != nil || errB != nil {
				return 0
			}
			return cal.WorkingDaysBetween(a, b)
		}
		_, err = db.RecomputeAllLights(ctx, tuijin.SystemActor, today.Year(), today.Time(), "daily", wd)
		return err
	}}
}

// Escalation is the daily job that raises problems aging past their
// deadline on the working-day calendar.
func Escalation(db *store.DB, cals *store.CalendarCache, loc *time.Location) Job {
	return Job{Name: "escalation", Next: Daily(7, loc), Run: func(ctx context.Context) error {
		_, err := Escalate(ctx, db, cals, loc)
		return err
	}}
}

// Escalate raises today's overdue problems. A deadline that falls on a
// holiday moves to the next working day, as the calendar says.
func Escalate(ctx context.Context, db *store.DB, cals *store.CalendarCache, loc *time.Location) (int, error) {
	cal, err := cals.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	rules, err := db.EscalationRules(ctx)
	if err != nil {
		return 0, err
	}
	today := calendar.DateOf(db.Now().In(loc))
	overdue := func(deadline string) int {
		d, err := calendar.ParseDate(deadline)
		if err != nil {
			return 0
		}
		due := cal.AddWorkingDays(d, 0)
		if !today.After(due) {
			return 0
		}
		return cal.WorkingDaysBetween(due, today)
	}
	return db.Escalate(ctx, today.String(), overdue, rules)
}
