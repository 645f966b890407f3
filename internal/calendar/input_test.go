package calendar

import (
	"errors"
	"testing"
	"time"

	"tuijin"
)

func TestYearInputValidate(t *testing.T) {
	on, off := false, true
	ok := YearInput{Days: []DayInput{
		{Date: "2027-02-06", Off: &on, Name: "春节"}, // a Saturday
		{Date: "2027-01-01", Off: &off, Name: " 元旦 "},
		{Date: "2027-01-02", Off: &off, Name: "元旦"}, // an off Saturday is fine
	}}
	days, err := ok.Validate(2027)
	if err != nil || len(days) != 3 || days[0] != (Day{MustDate("2027-01-01"), true, "元旦"}) {
		t.Fatalf("valid input: %v %v", days, err)
	}
	cases := []struct {
		name  string
		year  int
		days  []DayInput
		field string
		key   string
	}{
		{"year too early", 1999, ok.Days, "year", "calendar_year_range"},
		{"no days", 2027, nil, "days", "calendar_days_required"},
		{"other year", 2027, []DayInput{{Date: "2026-12-31", Off: &off, Name: "元旦"}}, "days[0].date", "calendar_date_not_in_year"},
		{"bad date", 2027, []DayInput{{Date: "2027-02-30", Off: &off, Name: "春节"}}, "days[0].date", "invalid_date"},
		{"no date", 2027, []DayInput{{Off: &off, Name: "春节"}}, "days[0].date", "required"},
		{"duplicate", 2027, []DayInput{{Date: "2027-01-01", Off: &off, Name: "元旦"}, {Date: "2027-01-01", Off: &off, Name: "元旦"}}, "days[1].date", "calendar_duplicate_date"},
		{"duplicate of a bad day", 2027, []DayInput{{Date: "2027-02-03", Off: &on, Name: "春节"}, {Date: "2027-02-03", Off: &off, Name: "春节"}}, "days[1].date", "calendar_duplicate_date"},
		{"weekday make-up", 2027, []DayInput{{Date: "2027-02-03", Off: &on, Name: "春节"}}, "days[0].date", "calendar_workday_not_weekend"},
		{"no off", 2027, []DayInput{{Date: "2027-02-03", Name: "春节"}}, "days[0].off", "required"},
		{"no name", 2027, []DayInput{{Date: "2027-02-03", Off: &off}}, "days[0].name", "required"},
		{"long name", 2027, []DayInput{{Date: "2027-02-03", Off: &off, Name: "一二三四五六七八九十一二三四五六七八九十一"}}, "days[0].name", "too_long"},
	}
	for _, tc := range cases {
		in := YearInput{Days: tc.days}
		_, err := in.Validate(tc.year)
		var e *tuijin.Error
		if !errors.As(err, &e) || e.Code != tuijin.EINVALID || e.Fields[tc.field].Key != tc.key {
			t.Errorf("%s: got %v, want %s on %s", tc.name, err, tc.key, tc.field)
		}
	}
}

func TestDate(t *testing.T) {
	for _, s := range []string{"2026-02-14", "1970-01-01", "1969-12-31", "0001-01-01", "9999-12-31", "2024-02-29"} {
		got, err := ParseDate(s)
		if err != nil || got.String() != s {
			t.Errorf("ParseDate(%s) = %s, %v", s, got, err)
		}
		if w := got.Time().Weekday(); got.Weekday() != w {
			t.Errorf("%s: weekday %s, want %s", s, got.Weekday(), w)
		}
	}
	for _, s := range []string{"", "2026-2-14", "2026-02-30", "2026-02-14T00:00:00Z", "20260214"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
	// The date of a time is the one on its own wall clock, not UTC's.
	shanghai := time.FixedZone("CST", 8*3600)
	if got := DateOf(time.Date(2026, 10, 1, 0, 30, 0, 0, shanghai)); got != MustDate("2026-10-01") {
		t.Errorf("DateOf just after midnight in Shanghai = %s", got)
	}
	if a, b := MustDate("2026-03-01"), MustDate("2026-02-28"); a.Sub(b) != 1 || b.AddDays(1) != a || !b.Before(a) {
		t.Error("day arithmetic")
	}
	var z Date
	if !z.IsZero() || z.String() != "" {
		t.Error("zero Date")
	}
	var u Date
	if err := u.UnmarshalText([]byte("2026-10-10")); err != nil || u != MustDate("2026-10-10") {
		t.Errorf("UnmarshalText: %s %v", u, err)
	}
}
