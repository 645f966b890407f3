package seed

import (
	"math/rand/v2"
	"time"

	"tuijin"
)

// timeline is a project's life as it really went: planned and actual
// dates, drawn so that most projects keep to plan, some start or finish
// late, and a few stall.
type timeline struct {
	startYear, endYear       int
	plannedStart, plannedEnd time.Time
	// Zero times did not happen (yet).
	started, completed, operating time.Time
	// rework is when a completion was rejected at acceptance (竣工验收未通过)
	// and the project went back to construction; reworkDone when it passed.
	rework, reworkDone time.Time
	// reserve: on next year's list only, still being prepared.
	reserve bool
}

// timeline draws a project's dates; lg is log10 of its amount in 万元
// (bigger projects take longer).
func (s *Seeder) timeline(r *rand.Rand, lg float64) timeline {
	today, cur, first := s.Opt.Today, s.Opt.Today.Year(), s.firstYear()
	dur := 1 + r.IntN(2)
	if lg > 4 {
		dur++
	}
	if lg > 5 {
		dur++
	}
	var sc timeline
	if r.IntN(100) < 6 {
		sc.reserve, sc.startYear = true, cur+1
	} else {
		// Recent years weigh more: lists grow, and older projects are done.
		sc.startYear = cur - min(cur-first+2, int(r.ExpFloat64()*1.5))
	}
	sc.endYear = max(sc.startYear+dur-1, first)
	sc.plannedStart = s.day(r, sc.startYear, startMonth(r))
	sc.plannedEnd = s.day(r, sc.endYear, 6+r.IntN(7))
	if !sc.plannedEnd.After(sc.plannedStart) {
		sc.plannedEnd = sc.plannedStart.AddDate(0, 8, 0)
	}
	if sc.reserve || sc.plannedStart.After(today) || r.IntN(100) >= 93 {
		return sc // not due to start yet, or stalled in preliminary work
	}
	// Most start within weeks of the plan, some months late.
	late := r.IntN(140)
	if st := sc.plannedStart.AddDate(0, 0, -20+late*late/140); !st.After(today) {
		sc.started = st
	}
	if sc.started.IsZero() || sc.plannedEnd.After(today) || r.IntN(100) >= 80 {
		return sc
	}
	done := sc.plannedEnd.AddDate(0, 0, -30+r.IntN(180))
	done = later(done, sc.started.AddDate(0, 2, 0), time.Date(first, 1, 20, 10, 0, 0, 0, s.loc))
	if done.After(today) {
		return sc
	}
	sc.completed = done
	if r.IntN(100) < 3 {
		sc.rework = done.AddDate(0, 0, 10+r.IntN(30))
		sc.reworkDone = sc.rework.AddDate(0, 0, 30+r.IntN(90))
	}
	if r.IntN(100) < 50 {
		sc.operating = later(done, sc.reworkDone).AddDate(0, 0, 90+r.IntN(150))
	}
	return sc
}

// startMonth favours the first half: offices push starts into Q1 and Q2
// (开工率 targets of 50% by the end of March, 80% by mid-year).
func startMonth(r *rand.Rand) int {
	return []int{1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 11}[r.IntN(17)]
}

// day is a working-hours moment of a random day in the month.
func (s *Seeder) day(r *rand.Rand, year, month int) time.Time {
	return time.Date(year, time.Month(month), 1+r.IntN(28), 9+r.IntN(8), r.IntN(60), 0, 0, s.loc)
}

func later(ts ...time.Time) time.Time {
	out := ts[0]
	for _, t := range ts[1:] {
		if t.After(out) {
			out = t
		}
	}
	return out
}

// transition is one stage change of a schedule.
type transition struct {
	at     time.Time
	to     tuijin.Stage
	reason string
}

// transitions lists the stage changes a schedule implies, in order. A
// project created as a reserve moves to preliminary work when its year's
// list is adopted; a project started last year is "under construction"
// from January on (新开工 means started this year).
func (s *Seeder) transitions(sc timeline, created time.Time, reserve bool) []transition {
	var out []transition
	if reserve && !sc.reserve {
		out = append(out, transition{at: later(created.AddDate(0, 0, 1), time.Date(created.Year()+1, 1, 10, 10, 0, 0, 0, s.loc)), to: tuijin.StagePreliminary})
	}
	if sc.started.IsZero() {
		return out
	}
	out = append(out, transition{at: sc.started, to: tuijin.StageNewStart})
	if jan := time.Date(sc.started.Year()+1, 1, 15, 10, 0, 0, 0, s.loc); sc.completed.IsZero() || jan.Before(sc.completed) {
		out = append(out, transition{at: jan, to: tuijin.StageConstruction})
	}
	if sc.completed.IsZero() {
		return out
	}
	out = append(out, transition{at: sc.completed, to: tuijin.StageCompleted})
	if !sc.rework.IsZero() {
		out = append(out, transition{at: sc.rework, to: tuijin.StageConstruction, reason: "竣工验收未通过，整改后重新申请验收"},
			transition{at: sc.reworkDone, to: tuijin.StageCompleted})
	}
	if !sc.operating.IsZero() {
		out = append(out, transition{at: sc.operating, to: tuijin.StageOperating})
	}
	return out
}
