package calendar

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir holds an independent copy of the notices (holiday-cn, see its
// SOURCES.md) beside the repository; the built-in data is checked against
// it, not read from it.
var sharedDir = filepath.Join("..", "..", "..", "shared", "data", "holidays")

type sharedFile struct {
	Year int `json:"year"`
	Days []struct {
		Name     string `json:"name"`
		Date     string `json:"date"`
		IsOffDay bool   `json:"isOffDay"`
	} `json:"days"`
}

type sharedDay struct {
	off  bool
	name string
}

// readShared returns every day the shared files list, by date (a file may
// list the December days of the year before).
func readShared(t *testing.T, years ...int) map[Date]sharedDay {
	t.Helper()
	if _, err := os.Stat(sharedDir); err != nil {
		t.Skipf("no shared copy of the calendar at %s", sharedDir)
	}
	out := map[Date]sharedDay{}
	for _, y := range years {
		b, err := os.ReadFile(filepath.Join(sharedDir, itoa(y)+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var f sharedFile
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatalf("%d.json: %v", y, err)
		}
		for _, day := range f.Days {
			out[MustDate(day.Date)] = sharedDay{off: day.IsOffDay, name: day.Name}
		}
	}
	return out
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestAgreesWithSharedCopy checks every date of 2017-2026: working or not,
// and, where the shared copy moves a day off or on, the holiday's name.
func TestAgreesWithSharedCopy(t *testing.T) {
	shared := readShared(t, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026)
	c := New(nil)
	names := map[Date]string{}
	for y := 2017; y <= 2026; y++ {
		for _, day := range c.Year(y).Days {
			names[day.Date] = day.Name
		}
	}
	checked := 0
	for day := MustDate("2017-01-01"); day.Year() <= 2026; day = day.AddDays(1) {
		want := !isWeekend(day.n)
		s, listed := shared[day]
		if listed {
			want = !s.off
		}
		if got := c.IsWorkingDay(day); got != want {
			t.Errorf("%s: working = %v, the shared copy says %v", day, got, want)
		}
		if listed && want == isWeekend(day.n) && names[day] != s.name {
			t.Errorf("%s: named %q, the shared copy says %q", day, names[day], s.name)
		}
		checked++
	}
	if checked != 3652 {
		t.Fatalf("checked %d dates", checked)
	}
}

// TestShared2027 decides whether 2027 can be built in: only when the shared
// copy has the published notice. Until then it must be a fallback year.
func TestShared2027(t *testing.T) {
	shared := readShared(t, 2027)
	c := New(nil)
	if len(shared) == 0 && c.HasData(2027) {
		t.Fatal("2027 is built in, but no notice is published in the shared copy")
	}
	if len(shared) > 0 && !c.HasData(2027) {
		t.Log("the shared copy now has 2027: check it against the notice and build it in")
	}
}
