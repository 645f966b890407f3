package seed

import (
	"math"
	"math/rand/v2"
	"time"

	"tuijin"
)

// history decides when the project was entered, in which stage and on
// which year's list, and the writes that followed: stage changes by its
// officer, and each autumn the office putting it on next year's list.
func (s *Seeder) history(r *rand.Rand, pp *plannedProject, sc timeline) {
	today, cur := s.Opt.Today, s.Opt.Today.Year()
	p, office := &pp.p, pick(r, pp.county.officeStaff)
	firstList, lastList := max(sc.startYear, s.firstYear()), cur
	var created time.Time
	if sc.reserve {
		firstList, lastList = cur+1, cur+1
		created = s.day(r, today.Year(), int(today.Month())).AddDate(0, 0, -28-r.IntN(40))
	} else {
		// Entered when the list it first appears on was compiled.
		created = later(s.day(r, firstList-1, 11).AddDate(0, 0, r.IntN(20)), s.start())
	}
	if done := later(sc.completed, sc.reworkDone); !done.IsZero() {
		lastList = max(firstList, min(cur, done.Year()))
	}
	jan := time.Date(created.Year()+1, 1, 10, 10, 0, 0, 0, s.loc)
	asReserve := sc.reserve || r.IntN(100) < 30 && (sc.started.IsZero() || sc.started.After(jan))
	p.Stage = tuijin.StagePreliminary
	if asReserve {
		p.Stage = tuijin.StageReserve
	}
	p.Nature = tuijin.NatureNew
	if sc.startYear < firstList {
		p.Nature = tuijin.NatureContinued
	} else if r.IntN(10) == 0 {
		p.Nature = tuijin.NatureExpansion
	}
	trans := s.transitions(sc, created, asReserve && !sc.reserve)
	i := 0
	for ; i < len(trans) && !trans[i].at.After(created); i++ {
		fold(p, trans[i])
	}
	if !sc.started.IsZero() && sc.started.Year() < s.firstYear() {
		p.CompletedBeforeYuan = roundWan(float64(p.TotalInvestmentYuan) * (0.15 + r.Float64()*0.5))
	}
	plans := yearPlans(r, p, firstList, lastList)
	p.Years = plans[:1]
	pp.created = created
	pp.events = append(pp.events, event{at: created, create: true, actor: office, proj: pp})
	for _, t := range trans[i:] {
		if t.at.After(today) {
			break
		}
		pp.events = append(pp.events, event{at: t.at, stage: &t, actor: pp.officer, proj: pp})
	}
	for _, y := range plans[1:] {
		at := s.day(r, y.Year-1, 11).AddDate(0, 0, r.IntN(20))
		pp.events = append(pp.events, event{at: at, year: &y, actor: office, proj: pp})
	}
}

// fold applies a stage change that happened before the project was
// entered: the record simply starts in that state.
func fold(p *tuijin.Project, t transition) {
	p.Stage = t.to
	switch {
	case t.to == tuijin.StageNewStart:
		p.ActualStart = t.at.Format(time.DateOnly)
	case t.to == tuijin.StageCompleted:
		p.ActualCompletion = t.at.Format(time.DateOnly)
	case t.reason != "":
		p.ActualCompletion = ""
	}
}

// yearPlans spreads what is left to invest over the years to the planned
// end, with the noise of real plans; a project past its end gets a catch-up
// plan.
func yearPlans(r *rand.Rand, p *tuijin.Project, first, last int) []tuijin.YearPlan {
	remaining := p.TotalInvestmentYuan - p.CompletedBeforeYuan
	var out []tuijin.YearPlan
	for y := first; y <= last; y++ {
		left := max(1, p.EndYear-y+1)
		planned := min(remaining, roundWan(float64(remaining)/float64(left)*(0.7+r.Float64()*0.6)))
		if planned <= 0 {
			planned = roundWan(float64(p.TotalInvestmentYuan) * 0.1)
		}
		remaining = max(0, remaining-planned)
		out = append(out, tuijin.YearPlan{Year: y, PlannedYuan: planned, Level: p.Level})
	}
	return out
}

// roundWan rounds yuan to whole 万元, the ledger's unit.
func roundWan(yuan float64) int64 { return int64(math.Round(yuan/10_000)) * 10_000 }
