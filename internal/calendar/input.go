package calendar

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"tuijin"
)

// YearInput replaces one year's data (PUT /api/v1/calendar/{year}): the
// notice's days, each an off day or a make-up working day.
type YearInput struct {
	Days []DayInput `json:"days"`
	// Version is the override's version as read (0 when the year had
	// none); a stale one is refused.
	Version *int64 `json:"version"`
}

// DayInput is one day as sent. Off is required: a forgotten field must not
// turn a holiday into a working day.
type DayInput struct {
	Date string `json:"date"`
	Off  *bool  `json:"off"`
	Name string `json:"name"`
}

// maxNameLen bounds a holiday name ("中秋节、国庆节" is 7).
const maxNameLen = 20

// Validate checks the days against year and returns them sorted. The rules:
// dates in the year (a New Year's holiday that starts in December is
// entered under the old year), no date twice, a name on every day. An off
// day may be a weekend (holidays run across weekends); a make-up working
// day must be a Saturday or Sunday, since a weekday works anyway and is
// most likely a mistyped date.
func (in *YearInput) Validate(year int) ([]Day, error) {
	var v tuijin.Validation
	if year < MinYear || year > MaxYear {
		v.Add("year", "calendar_year_range", MinYear, MaxYear)
		return nil, v.Err()
	}
	switch {
	case len(in.Days) == 0:
		v.Add("days", "calendar_days_required")
	case len(in.Days) > 366:
		v.Add("days", "too_many")
	}
	seen := map[Date]bool{}
	var days []Day
	for i, di := range in.Days {
		d, ok := di.check(&v, fmt.Sprintf("days[%d]", i), year, seen)
		if ok {
			days = append(days, d)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	sortDays(days)
	return days, nil
}

func (di DayInput) check(v *tuijin.Validation, field string, year int, seen map[Date]bool) (Day, bool) {
	ok := true
	name := strings.TrimSpace(di.Name)
	if name == "" {
		v.Add(field+".name", "required")
		ok = false
	} else if utf8.RuneCountInString(name) > maxNameLen {
		v.Add(field+".name", "too_long", maxNameLen)
		ok = false
	}
	if di.Off == nil {
		v.Add(field+".off", "required")
		ok = false
	}
	d, err := ParseDate(strings.TrimSpace(di.Date))
	switch {
	case strings.TrimSpace(di.Date) == "":
		v.Add(field+".date", "required")
	case err != nil:
		v.Add(field+".date", "invalid_date")
	case d.Year() != year:
		v.Add(field+".date", "calendar_date_not_in_year", d.String(), year)
	case seen[d]:
		v.Add(field+".date", "calendar_duplicate_date", d.String())
	default:
		seen[d] = true
		if di.Off != nil && !*di.Off && !isWeekend(d.n) {
			v.Add(field+".date", "calendar_workday_not_weekend", d.String())
			return Day{}, false
		}
		return Day{Date: d, Off: ok && *di.Off, Name: name}, ok
	}
	return Day{}, false
}
