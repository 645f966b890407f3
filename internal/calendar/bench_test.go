package calendar

import "testing"

var sink Date

func BenchmarkAddWorkingDays300(b *testing.B) {
	c := New(nil)
	from := MustDate("2024-03-15")
	for i := 0; b.Loop(); i++ {
		sink = c.AddWorkingDays(from.AddDays(i%500), 300)
	}
}

func BenchmarkAddWorkingDaysBack300(b *testing.B) {
	c := New(nil)
	from := MustDate("2026-12-15")
	for i := 0; b.Loop(); i++ {
		sink = c.AddWorkingDays(from.AddDays(-i%500), -300)
	}
}

func BenchmarkWorkingDaysBetween(b *testing.B) {
	c := New(nil)
	a, z := MustDate("2017-01-01"), MustDate("2026-12-31")
	n := 0
	for i := 0; b.Loop(); i++ {
		n += c.WorkingDaysBetween(a.AddDays(i%300), z)
	}
	_ = n
}

func BenchmarkIsWorkingDay(b *testing.B) {
	c := New(nil)
	a := MustDate("2017-01-01")
	n := 0
	for i := 0; b.Loop(); i++ {
		if c.IsWorkingDay(a.AddDays(i % 3650)) {
			n++
		}
	}
	_ = n
}

// BenchmarkNew is the cost of rebuilding after an admin's change.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		_ = New(nil)
	}
}
