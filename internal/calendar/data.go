package calendar

import (
	"fmt"
	"strings"
)

// holiday is one holiday as a State Council notice (国务院办公厅关于某年部分
// 节假日安排的通知) states it: the off days (放假) and the make-up working
// days (调休上班) that pay for them. Dates are "MM-DD" of the map key's year,
// off days as ranges "MM-DD..MM-DD", several separated by spaces.
type holiday struct {
	name string
	off  string
	work string
}

// builtin is the official calendar, written from the notices. Years are
// calendar years: when New Year's Day (元旦) joins the weekend before it,
// those December days are listed under the old year. A holiday "joined to
// the weekend" (与周末连休) lists the weekend days with it, as a wall
// calendar shows them. 2020's Spring Festival is as extended by the
// follow-up notice of 2020-01-27 (off to 02-02, the make-up Saturday 02-01
// cancelled).
var builtin = map[int][]holiday{
	2017: {
		{"元旦", "01-01..01-02", ""},
		{"春节", "01-27..02-02", "01-22 02-04"},
		{"清明节", "04-02..04-04", "04-01"},
		{"劳动节", "04-29..05-01", ""},
		{"端午节", "05-28..05-30", "05-27"},
		{"中秋节、国庆节", "10-01..10-08", "09-30"},
		{"元旦", "12-30..12-31", ""},
	},
	2018: {
		{"元旦", "01-01", ""},
		{"春节", "02-15..02-21", "02-11 02-24"},
		{"清明节", "04-05..04-07", "04-08"},
		{"劳动节", "04-29..05-01", "04-28"},
		{"端午节", "06-16..06-18", ""},
		{"中秋节", "09-22..09-24", ""},
		{"国庆节", "10-01..10-07", "09-29 09-30"},
		{"元旦", "12-30..12-31", "12-29"},
	},
	2019: {
		{"元旦", "01-01", ""},
		{"春节", "02-04..02-10", "02-02 02-03"},
		{"清明节", "04-05..04-07", ""},
		{"劳动节", "05-01..05-04", "04-28 05-05"},
		{"端午节", "06-07..06-09", ""},
		{"中秋节", "09-13..09-15", ""},
		{"国庆节", "10-01..10-07", "09-29 10-12"},
	},
	2020: {
		{"元旦", "01-01", ""},
		{"春节", "01-24..02-02", "01-19"},
		{"清明节", "04-04..04-06", ""},
		{"劳动节", "05-01..05-05", "04-26 05-09"},
		{"端午节", "06-25..06-27", "06-28"},
		{"国庆节、中秋节", "10-01..10-08", "09-27 10-10"},
	},
	2021: {
		{"元旦", "01-01..01-03", ""},
		{"春节", "02-11..02-17", "02-07 02-20"},
		{"清明节", "04-03..04-05", ""},
		{"劳动节", "05-01..05-05", "04-25 05-08"},
		{"端午节", "06-12..06-14", ""},
		{"中秋节", "09-19..09-21", "09-18"},
		{"国庆节", "10-01..10-07", "09-26 10-09"},
	},
	2022: {
		{"元旦", "01-01..01-03", ""},
		{"春节", "01-31..02-06", "01-29 01-30"},
		{"清明节", "04-03..04-05", "04-02"},
		{"劳动节", "04-30..05-04", "04-24 05-07"},
		{"端午节", "06-03..06-05", ""},
		{"中秋节", "09-10..09-12", ""},
		{"国庆节", "10-01..10-07", "10-08 10-09"},
		{"元旦", "12-31", ""},
	},
	2023: {
		{"元旦", "01-01..01-02", ""},
		{"春节", "01-21..01-27", "01-28 01-29"},
		{"清明节", "04-05", ""},
		{"劳动节", "04-29..05-03", "04-23 05-06"},
		{"端午节", "06-22..06-24", "06-25"},
		{"中秋节、国庆节", "09-29..10-06", "10-07 10-08"},
		{"元旦", "12-30..12-31", ""},
	},
	2024: {
		{"元旦", "01-01", ""},
		{"春节", "02-10..02-17", "02-04 02-18"},
		{"清明节", "04-04..04-06", "04-07"},
		{"劳动节", "05-01..05-05", "04-28 05-11"},
		{"端午节", "06-08..06-10", ""},
		{"中秋节", "09-15..09-17", "09-14"},
		{"国庆节", "10-01..10-07", "09-29 10-12"},
	},
	2025: {
		{"元旦", "01-01", ""},
		{"春节", "01-28..02-04", "01-26 02-08"},
		{"清明节", "04-04..04-06", ""},
		{"劳动节", "05-01..05-05", "04-27"},
		{"端午节", "05-31..06-02", ""},
		{"国庆节、中秋节", "10-01..10-08", "09-28 10-11"},
	},
	2026: {
		{"元旦", "01-01..01-03", "01-04"},
		{"春节", "02-15..02-23", "02-14 02-28"},
		{"清明节", "04-04..04-06", ""},
		{"劳动节", "05-01..05-05", "05-09"},
		{"端午节", "06-19..06-21", ""},
		{"中秋节", "09-25..09-27", ""},
		{"国庆节", "10-01..10-07", "09-20 10-10"},
	},
	// 2027: the shared copy of the notices (holiday-cn, 2026-08) has no 2027
	// days yet. An admin enters the notice through the API when it is out;
	// until then 2027 counts weekends only and says so.
}

// builtinDays expands the built-in data into days per year, sorted.
func builtinDays() map[int][]Day {
	out := make(map[int][]Day, len(builtin))
	for year, hs := range builtin {
		days, err := expand(year, hs)
		if err != nil {
			panic(err) // the table above is wrong; the tests catch it
		}
		out[year] = days
	}
	return out
}

func expand(year int, hs []holiday) ([]Day, error) {
	var days []Day
	for _, h := range hs {
		for _, r := range strings.Fields(h.off) {
			from, to, err := dayRange(year, r)
			if err != nil {
				return nil, err
			}
			for d := from; !d.After(to); d = d.AddDays(1) {
				days = append(days, Day{Date: d, Off: true, Name: h.name})
			}
		}
		for _, w := range strings.Fields(h.work) {
			d, err := monthDay(year, w)
			if err != nil {
				return nil, err
			}
			days = append(days, Day{Date: d, Off: false, Name: h.name})
		}
	}
	sortDays(days)
	return days, nil
}

func dayRange(year int, r string) (Date, Date, error) {
	a, b, ok := strings.Cut(r, "..")
	if !ok {
		b = a
	}
	from, err := monthDay(year, a)
	if err != nil {
		return Date{}, Date{}, err
	}
	to, err := monthDay(year, b)
	if err == nil && to.Before(from) {
		err = fmt.Errorf("calendar: %d range %s ends before it starts", year, r)
	}
	return from, to, err
}

func monthDay(year int, md string) (Date, error) {
	d, err := ParseDate(fmt.Sprintf("%04d-%s", year, md))
	if err != nil {
		return Date{}, fmt.Errorf("calendar: built-in %d: %w", year, err)
	}
	return d, nil
}
