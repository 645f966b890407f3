package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date: a day on the wall calendar, with no time of day and
// no time zone, so that no conversion can move it by a day. The zero Date
// means "no date".
type Date struct {
	// n counts days from 0001-01-01, which is 1; 0 is the zero Date.
	n int32
}

// unixDay0 is the n of 1970-01-01.
const unixDay0 = 719163

// NewDate returns the date y-m-d; out-of-range months and days are
// normalized as time.Date does (March 0 is the last day of February).
func NewDate(y int, m time.Month, d int) Date {
	return fromUnix(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix())
}

// DateOf returns the date of t on the wall calendar of t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate reads YYYY-MM-DD strictly.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return Date{}, fmt.Errorf("calendar: %q is not a YYYY-MM-DD date", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in code and tests; it panics on a bad one.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func fromUnix(sec int64) Date {
	return Date{n: int32(floorDiv(sec, 86400) + unixDay0)}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Time is the date at midnight UTC.
func (d Date) Time() time.Time {
	return time.Unix(int64(d.n-unixDay0)*86400, 0).UTC()
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.n == 0 }

// Year is the date's year.
func (d Date) Year() int { return d.Time().Year() }

// Weekday is the date's day of the week.
func (d Date) Weekday() time.Weekday { return weekday(d.n) }

// weekday of day number n: 1970-01-01 was a Thursday.
func weekday(n int32) time.Weekday {
	w := (int64(n-unixDay0) + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

func isWeekend(n int32) bool {
	w := weekday(n)
	return w == time.Saturday || w == time.Sunday
}

// AddDays is the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return Date{n: d.n + int32(n)} }

// Sub is the number of days from e to d: d.Sub(e) == 1 when d is the day
// after e.
func (d Date) Sub(e Date) int { return int(d.n - e.n) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.n > e.n }

// String is YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// MarshalText writes YYYY-MM-DD (JSON uses it too).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; an empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
