package calendar

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

var d = MustDate

func TestKnownDates(t *testing.T) {
	c := New(nil)
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2026-02-13", 1, "2026-02-14"},  // Friday → the make-up Saturday
		{"2026-02-14", 1, "2026-02-24"},  // over the Spring Festival (02-15..02-23)
		{"2026-09-30", 1, "2026-10-08"},  // over National Day
		{"2026-09-28", 5, "2026-10-10"},  // 09-29, 09-30, 10-08, 10-09, 10-10 (a Saturday)
		{"2026-02-24", -1, "2026-02-14"}, // backwards over the Spring Festival
		{"2026-10-08", -1, "2026-09-30"},
		{"2026-10-10", -5, "2026-09-28"},
		{"2026-02-28", -1, "2026-02-27"}, // a make-up Saturday counts backwards too
		{"2026-10-01", 0, "2026-10-08"},  // n = 0 on a holiday: the next working day
		{"2026-10-09", 0, "2026-10-09"},  // n = 0 on a working day: itself
		{"2026-01-03", 0, "2026-01-04"},  // the make-up Sunday of New Year
		{"2025-12-31", 1, "2026-01-04"},
		{"2024-12-31", 10, "2025-01-15"},
	}
	for _, tc := range cases {
		if got := c.AddWorkingDays(d(tc.from), tc.n); got != d(tc.want) {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
	if !c.IsWorkingDay(d("2026-02-14")) || c.IsWorkingDay(d("2026-02-16")) || c.IsWorkingDay(d("2026-02-21")) {
		t.Error("2026-02-14 works, 02-16 and 02-21 are off")
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := New(nil)
	cases := []struct {
		a, b string
		want int
	}{
		{"2026-09-28", "2026-10-10", 5},
		{"2026-10-10", "2026-09-28", -5},
		{"2026-09-30", "2026-10-08", 1},
		{"2026-10-08", "2026-09-30", -1},
		{"2026-10-01", "2026-10-07", 0}, // all off
		{"2026-03-06", "2026-03-09", 1}, // Friday → Monday
		{"2026-03-09", "2026-03-06", -1},
		{"2026-03-08", "2026-03-06", -1}, // Sunday back to Friday
		{"2026-03-06", "2026-03-08", 0},  // Friday to Sunday: no working day stepped onto
		{"2026-05-05", "2026-05-05", 0},
		{"2026-01-01", "2026-12-31", 248}, // 261 weekdays - 19 off + 6 make-up
	}
	for _, tc := range cases {
		if got := c.WorkingDaysBetween(d(tc.a), d(tc.b)); got != tc.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestRoundTrip is the property that ties the two counts together, over
// random dates in and around the data, including weekends-only years and
// the arithmetic outside MinYear..MaxYear.
func TestRoundTrip(t *testing.T) {
	c := New(nil)
	r := rand.New(rand.NewPCG(1, 2))
	starts := []Date{d("2016-06-01"), d("1998-06-01"), d("2099-06-01"), d("2026-10-01")}
	for i := range 20000 {
		from := starts[i%len(starts)].AddDays(r.IntN(3000) - 500)
		n := r.IntN(801) - 400
		to := c.AddWorkingDays(from, n)
		if n != 0 && !c.IsWorkingDay(to) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, not a working day", from, n, to)
		}
		if n == 0 && !c.IsWorkingDay(from) {
			continue // moved to the next working day: not a count
		}
		if got := c.WorkingDaysBetween(from, to); got != n {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, but WorkingDaysBetween gives %d", from, n, to, got)
		}
	}
}

// TestAgainstWalk checks the index against the plain definition, day by
// day, across the edges of the indexed span.
func TestAgainstWalk(t *testing.T) {
	c := New(nil)
	for _, start := range []string{"1999-12-20", "2026-02-10", "2100-12-20"} {
		from := d(start)
		for n := 1; n <= 30; n++ {
			if got, want := c.AddWorkingDays(from, n), walk(c, from, n); got != want {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, walking gives %s", from, n, got, want)
			}
			if got, want := c.AddWorkingDays(from, -n), walk(c, from, -n); got != want {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, walking gives %s", from, -n, got, want)
			}
		}
	}
}

func walk(c *Calendar, d Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

func TestFallbackYear(t *testing.T) {
	c := New(nil)
	y := c.Year(2027)
	if c.HasData(2027) || y.Official || y.Source != SourceWeekends || len(y.Days) != 0 {
		t.Fatalf("2027 without a notice: %+v", y)
	}
	// 2027-01-01 is a Friday: with weekends only it works.
	if !c.IsWorkingDay(d("2027-01-01")) || c.IsWorkingDay(d("2027-01-02")) {
		t.Error("2027 should count weekends only")
	}
	if got := c.AddWorkingDays(d("2026-12-31"), 1); got != d("2027-01-01") {
		t.Errorf("into 2027: %s", got)
	}
	if got := c.FallbackYears(d("2027-03-01"), d("2026-10-01")); !slices.Equal(got, []int{2027}) {
		t.Errorf("FallbackYears = %v", got)
	}
	if got := c.FallbackYears(d("2017-01-01"), d("2026-12-31")); len(got) != 0 {
		t.Errorf("FallbackYears 2017-2026 = %v", got)
	}
	if y := c.Year(2026); !y.Official || y.Source != SourceBuiltin || len(y.Days) != 39 {
		t.Errorf("2026: %s official=%v with %d days", y.Source, y.Official, len(y.Days))
	}
}

func TestOverrides(t *testing.T) {
	at := time.Date(2026, 11, 5, 8, 0, 0, 0, time.UTC)
	c := New(map[int]Override{
		// A 2027 notice as an admin might enter it (made up for the test).
		2027: {Days: []Day{
			{d("2027-01-01"), true, "元旦"}, {d("2027-01-02"), true, "元旦"}, {d("2027-01-03"), true, "元旦"},
			{d("2027-02-06"), false, "春节"},
		}, Version: 2, UpdatedAt: at, UpdatedBy: "admin"},
		// A correction of a built-in year replaces that year whole.
		2026: {Days: []Day{{d("2026-10-01"), true, "国庆节"}}, Version: 1, UpdatedAt: at},
		1900: {Days: []Day{{d("1900-01-01"), true, "x"}}}, // out of range: ignored
	})
	if c.IsWorkingDay(d("2027-01-01")) || !c.IsWorkingDay(d("2027-02-06")) {
		t.Error("2027 override not applied")
	}
	y := c.Year(2027)
	if !y.Official || y.Source != SourceOverride || y.HasBuiltin || y.Version != 2 || !y.UpdatedAt.Equal(at) || y.UpdatedBy != "admin" {
		t.Errorf("2027: %+v", y)
	}
	if c.IsWorkingDay(d("2026-10-01")) || !c.IsWorkingDay(d("2026-10-02")) || c.IsWorkingDay(d("2026-02-16")) == false {
		t.Error("2026 override should replace the built-in year whole")
	}
	if y := c.Year(2026); !y.HasBuiltin || y.Source != SourceOverride {
		t.Errorf("2026: %+v", y)
	}
	if c.HasData(1900) {
		t.Error("1900 override should be ignored")
	}
	// The built-in calendar is untouched by another calendar's overrides.
	if New(nil).IsWorkingDay(d("2026-10-02")) {
		t.Error("overrides leaked into the built-in data")
	}
	// Year returns a copy.
	y.Days[0].Name = "changed"
	if c.Year(2027).Days[0].Name != "元旦" {
		t.Error("Year shares its days")
	}
}

func TestBuiltinData(t *testing.T) {
	c := New(nil)
	if got := c.Years(); !slices.Equal(got, []int{2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}) {
		t.Fatalf("built-in years %v", got)
	}
	for _, y := range c.Years() {
		seen := map[Date]bool{}
		for _, day := range c.Year(y).Days {
			if seen[day.Date] || day.Date.Year() != y {
				t.Errorf("%d: %s twice or in the wrong year", y, day.Date)
			}
			seen[day.Date] = true
			if !day.Off && !isWeekend(day.Date.n) {
				t.Errorf("%d: make-up working day %s is not a weekend", y, day.Date)
			}
		}
	}
}
