package calendar

import (
	"math/bits"
	"sort"
	"time"
)

// index answers working-day questions in constant or logarithmic time. It
// holds one bit per day from MinYear-01-01 to MaxYear-12-31 (set: a working
// day) and, per 64-day word, the count of working days before it. Days
// outside that span follow the weekend rule, which repeats every week, so
// counts there are arithmetic and every question has an answer.
type index struct {
	base, end int32 // day numbers of the first day and the day after the last
	words     []uint64
	before    []int // before[i]: working days in the words before word i
}

func newIndex(years map[int]Year) index {
	x := index{base: NewDate(MinYear, time.January, 1).n, end: NewDate(MaxYear+1, time.January, 1).n}
	size := int(x.end - x.base)
	x.words = make([]uint64, size/64+1)
	for i := range size {
		if !isWeekend(x.base + int32(i)) {
			x.words[i/64] |= 1 << (i % 64)
		}
	}
	for _, y := range years {
		for _, d := range y.Days {
			if d.Date.n < x.base || d.Date.n >= x.end {
				continue
			}
			i := int(d.Date.n - x.base)
			if d.Off {
				x.words[i/64] &^= 1 << (i % 64)
			} else {
				x.words[i/64] |= 1 << (i % 64)
			}
		}
	}
	x.before = make([]int, len(x.words)+1)
	for i, w := range x.words {
		x.before[i+1] = x.before[i] + bits.OnesCount64(w)
	}
	return x
}

func (x *index) working(n int32) bool {
	if n < x.base || n >= x.end {
		return !isWeekend(n)
	}
	i := n - x.base
	return x.words[i/64]&(1<<(i%64)) != 0
}

// rank is the number of working days from base up to n, n not included;
// negative before base.
func (x *index) rank(n int32) int {
	switch {
	case n < x.base:
		return -weekdaysIn(n, x.base)
	case n > x.end:
		return x.before[len(x.words)] + weekdaysIn(x.end, n)
	}
	i := int(n - x.base)
	return x.before[i/64] + bits.OnesCount64(x.words[i/64]&(1<<(i%64)-1))
}

// nth is the working day whose rank is k: the inverse of rank on working
// days.
func (x *index) nth(k int) int32 {
	total := x.before[len(x.words)]
	switch {
	case k < 0:
		return weekdayBefore(x.base, -k)
	case k >= total:
		return weekdayFrom(x.end, k-total)
	}
	i := sort.Search(len(x.words), func(i int) bool { return x.before[i+1] > k })
	w := x.words[i]
	for r := k - x.before[i]; r > 0; r-- {
		w &= w - 1 // drop the lowest working day
	}
	return x.base + int32(i*64+bits.TrailingZeros64(w))
}

// weekdaysIn counts Mondays to Fridays in [a, b), a <= b.
func weekdaysIn(a, b int32) int {
	weeks := (b - a) / 7
	n := int(weeks) * 5
	for d := a + weeks*7; d < b; d++ {
		if !isWeekend(d) {
			n++
		}
	}
	return n
}

// weekdayFrom is the Monday-to-Friday day with m such days in [from, day).
func weekdayFrom(from int32, m int) int32 {
	weeks := m / 5
	d, m := from+int32(weeks)*7, m-weeks*5
	for ; ; d++ {
		if !isWeekend(d) {
			if m == 0 {
				return d
			}
			m--
		}
	}
}

// weekdayBefore is the m-th Monday-to-Friday day before day, m >= 1.
func weekdayBefore(day int32, m int) int32 {
	weeks := (m - 1) / 5
	d, m := day-int32(weeks)*7, m-weeks*5
	for {
		d--
		if !isWeekend(d) {
			if m--; m == 0 {
				return d
			}
		}
	}
}
