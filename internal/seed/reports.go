package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/store"
)

// reportedProblem is an obstacle a report told of, for the problems step
// to log as the office would on reading it.
type reportedProblem struct {
	pp       *plannedProject
	reportID int64
	at       time.Time // when the report came in
	kind     int       // index into obstacles
}

// seasonal weighs the months of a year's investment: slow around the
// Spring Festival, steady after, a push at the year's end.
var seasonal = [12]float64{5, 5, 8, 9, 9, 9, 9, 9, 9, 9, 9, 10}

// deadlineDays is the working days after a month's end its report is due.
const deadlineDays = 5

// reports opens a monthly period for every month of every year's list up
// to this one, as the office's scheduled job does on the first of the
// month, and writes each project's report in the state it reached: years
// past all approved; this year mostly approved, the latest month still
// coming in, some late, some sent back. Then it sets the running sums to
// what those approvals leave.
func (s *Seeder) reports(ctx context.Context) error {
	r := s.rand("reports")
	cur := s.Opt.Today.Year()
	units := s.unitsByID()
	for year := s.firstYear(); year <= cur; year++ {
		months := 12
		if year == cur {
			// This month's period opens on its first day, at one o'clock.
			months = int(s.Opt.Today.Month())
			if s.Opt.Today.Day() == 1 {
				months--
			}
		}
		var list []*plannedProject
		for _, pp := range s.planned {
			if _, ok := pp.p.PlanFor(year); ok && !pp.p.Archived {
				list = append(list, pp)
			}
		}
		amounts := make([][12]int64, len(list))
		for i, pp := range list {
			amounts[i] = s.yearAmounts(r, pp, year, months)
		}
		troubles := s.troubleMonths(r, list, year, months)
		for m := 1; m <= months; m++ {
			pe := s.monthPeriod(year, m)
			if err := s.periodReports(ctx, r, pe, list, amounts, troubles, units); err != nil {
				return fmt.Errorf("%s: %w", pe.Name, err)
			}
		}
	}
	return s.DB.SeedFigures(ctx)
}

// monthPeriod is the monthly period of year and month, not yet stored.
func (s *Seeder) monthPeriod(year, month int) *tuijin.Period {
	start := calendar.NewDate(year, time.Month(month), 1)
	end := start.AddDays(time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() - 1)
	return &tuijin.Period{Name: fmt.Sprintf("%d年%d月月报", year, month), Kind: tuijin.PeriodMonthly, Year: year,
		Start: start.String(), End: end.String(), DeadlineDays: deadlineDays,
		Deadline: s.cal.AddWorkingDays(end, deadlineDays).String(), CountsInvestment: true}
}

// periodPhase is where a period stands on the dataset's today.
type periodPhase int

const (
	phaseOpen    periodPhase = iota // the month is not over
	phaseSeason                     // over, reports due soon
	phaseDue                        // the deadline passed lately
	phaseSettled                    // a month past, closed
)

func (s *Seeder) phase(pe *tuijin.Period) periodPhase {
	today := s.today()
	switch dl := date(pe.Deadline); {
	case !date(pe.End).Before(today):
		return phaseOpen
	case !dl.Before(today):
		return phaseSeason
	case dl.AddDays(30).Before(today):
		return phaseSettled
	}
	return phaseDue
}

// periodReports writes a period, its reports and, once it is long past,
// its closing.
func (s *Seeder) periodReports(ctx context.Context, r *rand.Rand, pe *tuijin.Period, list []*plannedProject, amounts [][12]int64,
	troubles map[*plannedProject]map[int]int, units map[int64]*unit) error {
	opened := time.Date(pe.Year, date(pe.Start).Time().Month(), 1, 1, 0, 0, 0, s.loc)
	ph := s.phase(pe)
	rank := s.pastRank(pe)
	month := int(date(pe.End).Time().Month())
	const batch = 20_000
	for lo := 0; lo < len(list); lo += batch {
		err := s.DB.Seed(ctx, func(sd *store.Seeding) error {
			if lo == 0 {
				sd.As(tuijin.SystemActor, opened)
				if err := sd.CreatePeriod(pe, len(list)); err != nil {
					return err
				}
				s.result.Periods++
			}
			for i := lo; i < min(lo+batch, len(list)); i++ {
				pp := list[i]
				rep := s.report(r, pe, ph, rank, pp, amounts[i][month-1], units)
				kind, troubled := troubles[pp][month]
				if troubled && rep.SubmittedAt != nil {
					rep.Problems = obstacles[kind].report
				}
				if err := sd.CreateReport(pe, rep); err != nil {
					return err
				}
				s.result.Reports++
				if troubled && rep.SubmittedAt != nil {
					s.found = append(s.found, reportedProblem{pp: pp, reportID: rep.ID, at: rep.UpdatedAt, kind: kind})
				}
			}
			if ph == phaseSettled && lo+batch >= len(list) {
				sd.As(s.counties[0].officeStaff[0].Actor, s.moment(r, date(pe.Deadline).AddDays(30)))
				return sd.ClosePeriod(pe)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// pastRank is how many of this year's later periods are past their
// deadline too (0: the latest one); -1 for a period not yet due or of a
// year gone by.
func (s *Seeder) pastRank(pe *tuijin.Period) int {
	if pe.Year != s.Opt.Today.Year() || !date(pe.Deadline).Before(s.today()) {
		return -1
	}
	n := 0
	for m := int(date(pe.End).Time().Month()) + 1; m <= 12; m++ {
		if date(s.monthPeriod(pe.Year, m).Deadline).Before(s.today()) {
			n++
		}
	}
	return n
}

// report is one project's report of the period, in the state it reached.
func (s *Seeder) report(r *rand.Rand, pe *tuijin.Period, ph periodPhase, rank int, pp *plannedProject, invested int64,
	units map[int64]*unit) *tuijin.Report {
	rep := &tuijin.Report{ProjectID: pp.p.ID, Status: tuijin.ReportDraft, Version: 1, UpdatedAt: pe.CreatedAt}
	silent := pp.prof.silent > 0 && pe.Year == s.Opt.Today.Year() && (rank < 0 || rank < pp.prof.silent)
	status, returnedFirst, saved := s.drawStatus(r, ph, pe.Year)
	if silent {
		status, returnedFirst, saved = tuijin.ReportDraft, false, false
	}
	if status == tuijin.ReportDraft && !saved {
		return rep // untouched
	}
	s.fill(r, rep, pe, pp, invested)
	rep.Version = 2
	if status == tuijin.ReportDraft {
		rep.UpdatedAt = s.moment(r, s.dayIn(r, date(pe.Start), s.yesterday()))
		return rep
	}
	officer := pp.officer.Actor.Username
	reviewer := s.reviewer(pp, units)
	sub := s.submitDay(r, pe, ph)
	at := s.moment(r, sub)
	rep.Status, rep.SubmittedAt, rep.SubmittedBy, rep.UpdatedAt = tuijin.ReportSubmitted, &at, officer, at
	if status == tuijin.ReportSubmitted && !returnedFirst {
		return rep
	}
	// Reviewed a working day or three later, if that day has come.
	next := func(from time.Time, days int) (time.Time, bool) {
		d := s.cal.AddWorkingDays(calendar.DateOf(from.In(s.loc)), days)
		return s.moment(r, d), !d.After(s.yesterday())
	}
	rev, ok := next(at, 1+r.IntN(3))
	if !ok {
		return rep // still waiting for review
	}
	if returnedFirst || status == tuijin.ReportReturned {
		rep.Status, rep.ReviewedAt, rep.ReviewedBy, rep.UpdatedAt = tuijin.ReportReturned, &rev, reviewer, rev
		rep.ReturnReason, rep.Version = pick(r, returnReasons), 3
		if status == tuijin.ReportReturned {
			return rep
		}
		again, ok := next(rev, 1+r.IntN(3))
		if !ok {
			return rep
		}
		rep.Status, rep.SubmittedAt, rep.UpdatedAt, rep.ReturnReason, rep.Version = tuijin.ReportSubmitted, &again, again, "", 4
		if rev, ok = next(again, 1+r.IntN(2)); !ok {
			return rep
		}
	}
	if status == tuijin.ReportApproved {
		rep.Status, rep.ReviewedAt, rep.ReviewedBy, rep.UpdatedAt = tuijin.ReportApproved, &rev, reviewer, rev
		rep.Version++
	}
	return rep
}

// drawStatus draws where a report got to by now: whether it was sent back
// once on its way, and whether a draft was saved at all.
func (s *Seeder) drawStatus(r *rand.Rand, ph periodPhase, year int) (status tuijin.ReportStatus, returnedFirst, saved bool) {
	u := r.IntN(1000)
	pick4 := func(approved, submitted, returned int) tuijin.ReportStatus {
		switch {
		case u < approved:
			return tuijin.ReportApproved
		case u < approved+submitted:
			return tuijin.ReportSubmitted
		case u < approved+submitted+returned:
			return tuijin.ReportReturned
		}
		return tuijin.ReportDraft
	}
	switch ph {
	case phaseSettled:
		missed := 5
		if year < s.Opt.Today.Year() {
			missed = 3
		}
		status = pick4(1000-missed, 0, 0)
	case phaseDue:
		status = pick4(880, 70, 20)
	case phaseSeason:
		status = pick4(300, 350, 50)
	default:
		status = pick4(40, 120, 20)
		saved = r.IntN(8) == 0
	}
	return status, status == tuijin.ReportApproved && r.IntN(25) == 0, saved
}

// submitDay is when a report came in: within the deadline mostly, some
// late; in a month not over yet, early, in its last days.
func (s *Seeder) submitDay(r *rand.Rand, pe *tuijin.Period, ph periodPhase) calendar.Date {
	end, last := date(pe.End), s.yesterday()
	if ph == phaseOpen {
		return s.dayIn(r, later2(date(pe.Start), last.AddDays(-8)), last)
	}
	d := s.cal.AddWorkingDays(end, 1+r.IntN(deadlineDays))
	if r.IntN(100) < 8 {
		d = s.cal.AddWorkingDays(end, deadlineDays+1+r.IntN(8))
	}
	if d.After(last) {
		d = s.dayIn(r, end.AddDays(1), last)
	}
	return d
}

// fill writes a report's figures and words from the project's state at
// the month's end.
func (s *Seeder) fill(r *rand.Rand, rep *tuijin.Report, pe *tuijin.Period, pp *plannedProject, invested int64) {
	p := &pp.p
	end := date(pe.End)
	cum := p.CompletedBeforeYuan + pp.spentBy(end)
	rep.InvestedYuan = invested
	rep.ProgressPercent = int(min(100, cum*100/max(1, p.TotalInvestmentYuan)))
	started, done := dateOf(pp.sc.started), dateOf(pp.completion())
	wan := fmt.Sprintf("%d", invested/10_000)
	switch {
	case started.IsZero() || started.After(end):
		rep.ProgressText, rep.NextPlan = pick(r, prelimProgress), pick(r, prelimPlans)
		rep.WorkDone = "推进前期手续办理。" + pick(r, prelimWork)
	case !done.IsZero() && !done.After(end):
		rep.ProgressText, rep.NextPlan = "项目已竣工", pick(r, donePlans)
		rep.WorkDone = "完成竣工验收及结算审计相关工作，本月完成投资" + wan + "万元。"
	default:
		rep.ProgressText = fmt.Sprintf(pick(r, buildProgress), 1+r.IntN(20), rep.ProgressPercent)
		rep.WorkDone = "本月完成投资" + wan + "万元，" + pick(r, buildWork)
		rep.NextPlan = pick(r, buildPlans)
		if p.TotalInvestmentYuan >= 50_000_000 && started.AddDays(45).Before(end) && invested > 0 {
			rep.StatsEntered, rep.StatsYuan = true, invested
		}
	}
}

// reviewer is who reviews a project's reports: its department's account,
// or the office.
func (s *Seeder) reviewer(pp *plannedProject, units map[int64]*unit) string {
	if u := units[*pp.p.DepartmentID]; u != nil && u.staff != nil {
		return u.staff.Username
	}
	return pp.county.officeStaff[0].Username
}

// yearAmounts draws what a project invests in each month of a year's list
// up to month last: its plan times its pace, spread over the months it was
// under construction by the season; before its start a little on
// preparation; never more than its total.
func (s *Seeder) yearAmounts(r *rand.Rand, pp *plannedProject, year, last int) [12]int64 {
	var out [12]int64
	p := &pp.p
	plan, _ := p.PlanFor(year)
	started, done := pp.sc.started, pp.completion()
	first, final := 1, 12
	switch {
	case !done.IsZero() && done.Year() < year:
		return out
	case started.IsZero() || started.Year() > year:
		if r.IntN(100) < 35 {
			m := 1 + r.IntN(last)
			out[m-1] = max(10_000, roundWan(float64(plan.PlannedYuan)*(0.01+r.Float64()*0.03)))
		}
		return pp.spend(out, year)
	}
	if started.Year() == year {
		// Site preparation and advance payments count from a couple of
		// months before the start.
		first = max(1, int(started.Month())-2)
	}
	if !done.IsZero() && done.Year() == year {
		final = int(done.Month())
	}
	// Years gone by came out near their plans. This year, a project keeps
	// its pace with the season to date (序时进度): one that started late
	// catches up, one that lags lags.
	pace, upTo := 0.85+r.Float64()*0.17, final
	if year == s.Opt.Today.Year() && final >= last {
		pace, upTo = pp.prof.pace*(0.95+r.Float64()*0.1), last
	}
	var w [12]float64
	sum, season := 0.0, 0.0
	for m := first; m <= upTo; m++ {
		w[m-1] = seasonal[m-1] * (0.7 + r.Float64()*0.6)
		sum += w[m-1]
	}
	for m := 1; m <= upTo; m++ {
		season += seasonal[m-1] / 100
	}
	if upTo == final {
		season = 1 // the whole year's plan, or all of it by completion
	}
	target := float64(plan.PlannedYuan) * pace * season
	for m := first; m <= upTo; m++ {
		out[m-1] = roundWan(target * w[m-1] / sum)
	}
	return pp.spend(out, year)
}

// spend keeps a year's amounts within what is left of the total, and
// remembers them. A project past its planned end works on with the
// catch-up plan it was given, over its estimate by up to a tenth or so
// (超概算), as late projects do.
func (pp *plannedProject) spend(months [12]int64, year int) [12]int64 {
	left := pp.p.TotalInvestmentYuan*23/20 - pp.p.CompletedBeforeYuan - pp.spent
	for i := range months {
		months[i] = max(0, min(months[i], left))
		left -= months[i]
		pp.spent += months[i]
	}
	if pp.byYear == nil {
		pp.byYear = map[int][12]int64{}
	}
	pp.byYear[year] = months
	return months
}

// spentBy is what the project invested from the first list to the end of
// the month of d, as drawn.
func (pp *plannedProject) spentBy(d calendar.Date) int64 {
	var n int64
	for y, ms := range pp.byYear {
		for m, v := range ms {
			if y < d.Year() || y == d.Year() && m < int(d.Time().Month()) {
				n += v
			}
		}
	}
	return n
}

// completion is when the project was finally completed, or zero.
func (pp *plannedProject) completion() time.Time {
	if !pp.sc.reworkDone.IsZero() {
		return pp.sc.reworkDone
	}
	return pp.sc.completed
}

// troubleMonths picks, for the troubled projects on this year's list, the
// months whose report tells of an obstacle, and which.
func (s *Seeder) troubleMonths(r *rand.Rand, list []*plannedProject, year, months int) map[*plannedProject]map[int]int {
	out := map[*plannedProject]map[int]int{}
	if year != s.Opt.Today.Year() {
		return out
	}
	for _, pp := range list {
		if !pp.prof.troubled {
			continue
		}
		out[pp] = map[int]int{}
		for range 1 + r.IntN(3) {
			out[pp][1+r.IntN(months)] = r.IntN(len(obstacles))
		}
	}
	return out
}

// unitsByID finds a department by its id.
func (s *Seeder) unitsByID() map[int64]*unit {
	out := map[int64]*unit{}
	for _, c := range s.counties {
		for _, u := range c.units() {
			out[u.ID] = u
		}
	}
	return out
}

// yesterday is the last whole day before the dataset's now.
func (s *Seeder) yesterday() calendar.Date { return s.today().AddDays(-1) }

// dayIn is a random day from a to b (b when b is before a).
func (s *Seeder) dayIn(r *rand.Rand, a, b calendar.Date) calendar.Date {
	if !a.Before(b) {
		return b
	}
	return a.AddDays(r.IntN(b.Sub(a) + 1))
}

// moment is a working-hours time of day d.
func (s *Seeder) moment(r *rand.Rand, d calendar.Date) time.Time {
	t := d.Time()
	return s.before(time.Date(t.Year(), t.Month(), t.Day(), 9+r.IntN(9), r.IntN(60), 0, 0, s.loc))
}

func later2(a, b calendar.Date) calendar.Date {
	if a.After(b) {
		return a
	}
	return b
}
