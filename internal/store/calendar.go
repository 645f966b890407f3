package store

import (
	"context"
	"database/sql"
	"errors"

	"tuijin"
	"tuijin/internal/calendar"
)

// CalendarRevision changes with every change to the calendar overrides, so
// that one cheap read tells an instance whether to reload them.
func (db *DB) CalendarRevision(ctx context.Context) (int64, error) {
	var rev int64
	err := db.reader(ctx).QueryRow("SELECT revision FROM calendar_head WHERE id = 1").Scan(&rev)
	return rev, err
}

// CalendarOverrides returns every year an admin entered, and the revision
// they are at. The calendar is public to every logged-in user, and this is
// read on the server's own behalf, so it takes no actor.
func (db *DB) CalendarOverrides(ctx context.Context) (map[int]calendar.Override, int64, error) {
	// The revision is read first: rows read after it are at least as new,
	// so a change in between only causes one more reload later.
	rev, err := db.CalendarRevision(ctx)
	if err != nil {
		return nil, 0, err
	}
	r := db.reader(ctx)
	out, err := calendarYears(r)
	if err != nil {
		return nil, 0, err
	}
	rows, err := r.Query("SELECT date, year, is_off, name FROM calendar_days ORDER BY date")
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var day calendar.Day
		var date string
		var year int
		if err := rows.Scan(&date, &year, &day.Off, &day.Name); err != nil {
			return nil, 0, err
		}
		if day.Date, err = calendar.ParseDate(date); err != nil {
			return nil, 0, err
		}
		o := out[year]
		o.Days = append(o.Days, day)
		out[year] = o
	}
	return out, rev, rows.Err()
}

func calendarYears(r reader) (map[int]calendar.Override, error) {
	rows, err := r.Query("SELECT year, version, updated_at, updated_by FROM calendar_years")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]calendar.Override{}
	for rows.Next() {
		var year int
		var o calendar.Override
		var at timeCol
		if err := rows.Scan(&year, &o.Version, &at, &o.UpdatedBy); err != nil {
			return nil, err
		}
		o.UpdatedAt = at.T
		out[year] = o
	}
	return out, rows.Err()
}

// ReplaceCalendarYear replaces year's data with in's days (admin only),
// when in.Version is the override's current version (0: the year has
// none yet). It returns the new version.
func (db *DB) ReplaceCalendarYear(ctx context.Context, actor *tuijin.Actor, year int, in calendar.YearInput) (int64, error) {
	if err := actor.Require(tuijin.PermManageCalendar); err != nil {
		return 0, err
	}
	days, err := in.Validate(year)
	if err != nil {
		return 0, err
	}
	if in.Version == nil {
		return 0, invalidField("version", "invalid_version")
	}
	var version int64
	err = db.InTx(ctx, actor, func(tx *Tx) error {
		before, current, err := tx.calendarYear(year)
		if err != nil {
			return err
		}
		if *in.Version != current {
			return tuijin.ErrStale
		}
		if version, err = tx.writeCalendarYear(year, current, days); err != nil {
			return err
		}
		action := "update"
		if current == 0 {
			action = "create"
		}
		return tx.Audit(action, "calendar_year", int64(year), calendarChanges(before, days))
	})
	return version, err
}

// DeleteCalendarYear removes year's override (admin only), when version is
// current: the year goes back to its built-in data, or to weekends only.
func (db *DB) DeleteCalendarYear(ctx context.Context, actor *tuijin.Actor, year int, version int64) error {
	if err := actor.Require(tuijin.PermManageCalendar); err != nil {
		return err
	}
	return db.InTx(ctx, actor, func(tx *Tx) error {
		before, current, err := tx.calendarYear(year)
		if err != nil {
			return err
		}
		if current == 0 {
			return tuijin.ErrNotFound
		}
		if version != current {
			return tuijin.ErrStale
		}
		if _, err := tx.Exec("DELETE FROM calendar_days WHERE year = ?", year); err != nil {
			return err
		}
		if _, err := tx.Exec("DELETE FROM calendar_years WHERE year = ?", year); err != nil {
			return err
		}
		if err := tx.bumpCalendar(); err != nil {
			return err
		}
		return tx.Audit("delete", "calendar_year", int64(year), calendarChanges(before, nil))
	})
}

// calendarYear reads one year's override; version 0 means there is none.
func (tx *Tx) calendarYear(year int) ([]calendar.Day, int64, error) {
	var version int64
	err := tx.QueryRow("SELECT version FROM calendar_years WHERE year = ?", year).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	} else if err != nil {
		return nil, 0, err
	}
	rows, err := tx.Query("SELECT date, is_off, name FROM calendar_days WHERE year = ? ORDER BY date", year)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var days []calendar.Day
	for rows.Next() {
		var day calendar.Day
		var date string
		if err := rows.Scan(&date, &day.Off, &day.Name); err != nil {
			return nil, 0, err
		}
		if day.Date, err = calendar.ParseDate(date); err != nil {
			return nil, 0, err
		}
		days = append(days, day)
	}
	return days, version, rows.Err()
}

// writeCalendarYear stores days as year's override, replacing any, and
// returns its new version.
func (tx *Tx) writeCalendarYear(year int, current int64, days []calendar.Day) (int64, error) {
	now, by := ts(tx.now), tx.actor.Username
	if current == 0 {
		_, err := tx.Exec("INSERT INTO calendar_years (year, updated_at, updated_by, version) VALUES (?, ?, ?, 1)", year, now, by)
		if uniqueViolation(err, "") != err {
			return 0, tuijin.ErrStale // another admin created the year meanwhile
		} else if err != nil {
			return 0, err
		}
	} else {
		res, err := tx.Exec("UPDATE calendar_years SET updated_at = ?, updated_by = ?, version = version + 1 WHERE year = ? AND version = ?",
			now, by, year, current)
		if err != nil {
			return 0, err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return 0, tuijin.ErrStale
		}
	}
	if _, err := tx.Exec("DELETE FROM calendar_days WHERE year = ?", year); err != nil {
		return 0, err
	}
	for _, d := range days {
		if _, err := tx.Exec("INSERT INTO calendar_days (date, year, is_off, name) VALUES (?, ?, ?, ?)",
			d.Date.String(), year, d.Off, d.Name); err != nil {
			return 0, err
		}
	}
	return current + 1, tx.bumpCalendar()
}

func (tx *Tx) bumpCalendar() error {
	_, err := tx.Exec("UPDATE calendar_head SET revision = revision + 1 WHERE id = 1")
	return err
}

// calendarChanges records a year's days before and after, whole: a
// replacement is judged as a list against the notice.
func calendarChanges(before, after []calendar.Day) map[string][2]any {
	var b, a any
	if len(before) > 0 {
		b = before
	}
	if len(after) > 0 {
		a = after
	}
	return map[string][2]any{"days": {b, a}}
}
