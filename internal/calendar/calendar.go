// Package calendar is the official working-day calendar (工作日): weekends,
// the public holidays and the make-up working days (调休上班) that the State
// Council publishes each autumn for the next year. Deadlines and service
// promises are counted on it ("site survey within 2 working days").
//
// The notices of 2017-2026 are built in (data.go); an admin adds a new year,
// or corrects one, as an Override. A year with neither counts weekends only
// and says so (Year.Official is false).
package calendar

import (
	"slices"
	"sort"
	"sync"
	"time"
)

// MinYear and MaxYear bound the years that data may be given for. Dates
// outside still have answers: they follow the weekend rule.
const (
	MinYear = 2000
	MaxYear = 2100
)

// Day is a date that differs from an ordinary week, or belongs to a
// holiday: an off day (放假) or a make-up working day (调休上班).
type Day struct {
	Date Date `json:"date"`
	// Off is true for a day off, false for a make-up working day.
	Off bool `json:"off"`
	// Name is the holiday the day belongs to, e.g. 春节.
	Name string `json:"name"`
}

// Source says where a year's data comes from.
type Source string

const (
	SourceBuiltin  Source = "builtin"       // written from the notice, shipped with Tuijin
	SourceOverride Source = "override"      // entered by an admin from the notice
	SourceWeekends Source = "weekends_only" // no data: Saturdays and Sundays off, nothing else
)

// Override is an admin's data for one year. It replaces the year's built-in
// data whole.
type Override struct {
	Days      []Day
	Version   int64
	UpdatedAt time.Time
	UpdatedBy string
}

// Year is one year of the calendar.
type Year struct {
	Year   int    `json:"year"`
	Source Source `json:"source"`
	// Official is false for a weekends-only year: counts that cross it are
	// a guess until its notice is entered.
	Official bool  `json:"official"`
	Days     []Day `json:"days"`
	// HasBuiltin reports whether removing the override falls back to
	// built-in data (else to weekends only).
	HasBuiltin bool `json:"has_builtin"`
	// Version is the override's version (0: none), for optimistic locking.
	Version   int64      `json:"version"`
	UpdatedAt *time.Time `json:"updated_at"`
	UpdatedBy string     `json:"updated_by"`
}

// Calendar answers working-day questions. It does not change once built,
// so it is safe for concurrent use; build a new one when overrides change.
type Calendar struct {
	years map[int]Year
	idx   index
}

var builtinOnce = sync.OnceValue(builtinDays)

// New builds the calendar from the built-in data and the overrides (year →
// data). Overrides for years outside MinYear..MaxYear are ignored; the
// store refuses them.
func New(overrides map[int]Override) *Calendar {
	years := map[int]Year{}
	for y, days := range builtinOnce() {
		years[y] = Year{Year: y, Source: SourceBuiltin, Official: true, Days: days, HasBuiltin: true}
	}
	for y, o := range overrides {
		if y < MinYear || y > MaxYear {
			continue
		}
		days := slices.Clone(o.Days)
		sortDays(days)
		at := o.UpdatedAt
		_, hasBuiltin := years[y]
		years[y] = Year{Year: y, Source: SourceOverride, Official: true, Days: days, HasBuiltin: hasBuiltin,
			Version: o.Version, UpdatedAt: &at, UpdatedBy: o.UpdatedBy}
	}
	return &Calendar{years: years, idx: newIndex(years)}
}

// Year returns one year's data; a year without data has Source
// SourceWeekends and no days.
func (c *Calendar) Year(y int) Year {
	yr, ok := c.years[y]
	if !ok {
		_, hasBuiltin := builtinOnce()[y]
		return Year{Year: y, Source: SourceWeekends, Days: []Day{}, HasBuiltin: hasBuiltin}
	}
	yr.Days = slices.Clone(yr.Days)
	return yr
}

// HasData reports whether year y has official data (built in or entered).
func (c *Calendar) HasData(y int) bool {
	_, ok := c.years[y]
	return ok
}

// Years lists the years that have data, in order.
func (c *Calendar) Years() []int {
	var out []int
	for y := range c.years {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}

// IsWorkingDay reports whether d is a working day.
func (c *Calendar) IsWorkingDay(d Date) bool { return c.idx.working(d.n) }

// AddWorkingDays counts n working days from d, d itself not counted: for
// n > 0 the n-th working day after d, for n < 0 the |n|-th working day
// before d. For n == 0 it is d when d is a working day, else the first
// working day after d: a deadline that falls on a holiday moves to the
// next working day. Any n works whose answer stays within years 1-9999.
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	switch {
	case n > 0:
		return Date{n: c.idx.nth(c.idx.rank(d.n+1) + n - 1)}
	case n < 0:
		return Date{n: c.idx.nth(c.idx.rank(d.n) + n)}
	}
	return Date{n: c.idx.nth(c.idx.rank(d.n))}
}

// WorkingDaysBetween counts the working days stepped onto walking from a to
// b: a is not counted and b is. Walking backwards (b before a) counts
// negatively. So from a Friday to the next Monday is 1, from that Monday
// back to the Friday is -1, and from a day to itself is 0; for every n != 0,
// WorkingDaysBetween(d, AddWorkingDays(d, n)) == n.
func (c *Calendar) WorkingDaysBetween(a, b Date) int {
	if !b.Before(a) {
		return c.idx.rank(b.n+1) - c.idx.rank(a.n+1)
	}
	return c.idx.rank(b.n) - c.idx.rank(a.n)
}

// FallbackYears lists the years from a to b (either order, both included)
// that have no data, so that a count across them can say it is a guess.
func (c *Calendar) FallbackYears(a, b Date) []int {
	if b.Before(a) {
		a, b = b, a
	}
	var out []int
	for y := a.Year(); y <= b.Year(); y++ {
		if !c.HasData(y) {
			out = append(out, y)
		}
	}
	return out
}

func sortDays(days []Day) {
	sort.Slice(days, func(i, j int) bool { return days[i].Date.Before(days[j].Date) })
}
