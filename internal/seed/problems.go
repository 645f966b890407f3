package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/store"
)

// problems writes this year's site visits and meetings, leader by leader
// and month by month, and the problems of the year: found on visits,
// decided as tasks at meetings, told of in reports. Each problem goes
// through its flow as far as it got by today, and the daily job escalates
// it while it is open past its deadline.
func (s *Seeder) problems(ctx context.Context) error {
	r := s.rand("problems")
	units := s.unitsByID()
	cur := s.Opt.Today.Year()
	byLeader := map[int64][]*plannedProject{}
	for _, pp := range s.planned {
		if _, ok := pp.p.PlanFor(cur); ok && pp.p.LeaderID != nil {
			byLeader[*pp.p.LeaderID] = append(byLeader[*pp.p.LeaderID], pp)
		}
	}
	found := map[*county][]reportedProblem{}
	for _, f := range s.found {
		found[f.pp.county] = append(found[f.pp.county], f)
	}
	for _, c := range s.counties {
		w := &problemWriter{s: s, r: r, c: c, units: units}
		err := s.DB.Seed(ctx, func(sd *store.Seeding) error {
			w.sd = sd
			for _, l := range c.leaders {
				for m := 1; m <= int(s.yesterday().Time().Month()) && cur == s.yesterday().Year(); m++ {
					if err := w.leaderMonth(l, byLeader[l.Actor.UserID], m); err != nil {
						return err
					}
				}
			}
			for _, f := range found[c] {
				if err := w.fromReport(f); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// problemWriter writes one county's visits, meetings and problems.
type problemWriter struct {
	s     *Seeder
	r     *rand.Rand
	c     *county
	units map[int64]*unit
	sd    *store.Seeding
}

// leaderMonth is a leader's month: two or three site visits to the
// projects in their charge, a meeting or two.
func (w *problemWriter) leaderMonth(l *person, projects []*plannedProject, month int) error {
	if len(projects) == 0 {
		return nil
	}
	r := w.r
	for range 2 + r.IntN(2) {
		day, ok := w.workingDay(month)
		if !ok {
			continue
		}
		if err := w.visit(l, pick(r, projects), day); err != nil {
			return err
		}
	}
	for range 1 + r.IntN(2) {
		day, ok := w.workingDay(month)
		if !ok {
			continue
		}
		if err := w.meeting(l, projects, day); err != nil {
			return err
		}
	}
	return nil
}

// workingDay is a random working day of this year's month, before today.
func (w *problemWriter) workingDay(month int) (calendar.Date, bool) {
	y := w.s.yesterday().Year()
	d := w.s.cal.AddWorkingDays(calendar.NewDate(y, time.Month(month), 1+w.r.IntN(28)), 0)
	return d, !d.After(w.s.yesterday())
}

func (w *problemWriter) visit(l *person, pp *plannedProject, day calendar.Date) error {
	r := w.r
	id := l.Actor.UserID
	v := &tuijin.Visit{LeaderID: &id, LeaderName: l.Name, VisitedOn: day.String(), ProjectID: pp.p.ID,
		Checklist: tuijin.Checklist{SawProjectLead: r.IntN(10) > 0, SawLocalLead: r.IntN(5) > 0, SawSecretary: r.IntN(3) > 0,
			Progress: pick(r, visitAsks), Problems: pick(r, visitNotes), Reasons: "",
			ReportedUp: r.IntN(3) == 0, Coordinated: r.IntN(2) == 0, FollowedUp: r.IntN(4) > 0},
		Notes: pick(r, visitNotes)}
	at := w.s.moment(r, day)
	w.sd.As(l.Actor, at)
	if err := w.sd.CreateVisit(v); err != nil {
		return fmt.Errorf("visit: %w", err)
	}
	w.s.result.Visits++
	if r.IntN(5) > 0 {
		return nil
	}
	ob := pick(r, obstacles)
	vid := v.ID
	pr := w.problem(pp, ob, "visit", &vid, &id)
	return w.log(pr, l, at)
}

func (w *problemWriter) meeting(l *person, projects []*plannedProject, day calendar.Date) error {
	s, r := w.s, w.r
	kind := pick(r, meetingKinds)
	id := l.Actor.UserID
	m := &tuijin.Meeting{Type: kind.typ, HeldOn: day.String(), ChairID: &id, ChairName: l.Name,
		Title: fmt.Sprintf("%d月%s", int(day.Time().Month()), kind.title), ProjectIDs: []int64{}}
	var about []*plannedProject
	for range 1 + r.IntN(3) {
		pp := pick(r, projects)
		about = append(about, pp)
		m.ProjectIDs = append(m.ProjectIDs, pp.p.ID)
	}
	if kind.typ == "coordination" {
		m.Title = about[0].p.Name + kind.title
	}
	var names []string
	for _, b := range []string{"发改局", "住建局", "自然资源局"} {
		names = append(names, w.c.bureaus[b].Name)
	}
	m.Attendees = strings.Join(append(names, about[0].p.Town), "、")
	m.Minutes = fmt.Sprintf("会议听取了%s等项目推进情况汇报，研究解决项目建设中的困难和问题。", about[0].p.Name)
	type task struct {
		decision int
		ob       obstacle
		pp       *plannedProject
	}
	var tasks []task
	for i := range 2 + r.IntN(2) {
		ob := pick(r, obstacles)
		pp := about[r.IntN(len(about))]
		dept := w.deptFor(pp, ob)
		m.Decisions = append(m.Decisions, tuijin.Decision{Text: fmt.Sprintf(pick(r, decisionWords), dept.Name, 5+5*r.IntN(4))})
		if r.IntN(100) < 45 {
			tasks = append(tasks, task{i, ob, pp})
		}
	}
	office := pick(r, w.c.officeStaff)
	at := s.moment(r, day)
	w.sd.As(office.Actor, at)
	if err := w.sd.CreateMeeting(m); err != nil {
		return fmt.Errorf("meeting: %w", err)
	}
	s.result.Meetings++
	for _, t := range tasks {
		mid := m.ID
		pr := w.problem(t.pp, t.ob, "meeting", &mid, &id)
		pr.Kind, pr.Title = tuijin.KindTask, m.Decisions[t.decision].Text
		if err := w.log(pr, office, at); err != nil {
			return err
		}
		m.Decisions[t.decision].TaskID = &pr.ID
	}
	if len(tasks) == 0 {
		return nil
	}
	return w.sd.SetDecisions(m)
}

// fromReport logs what a report told of, as the office does a working day
// or two after reading it.
func (w *problemWriter) fromReport(f reportedProblem) error {
	day := w.s.cal.AddWorkingDays(calendar.DateOf(f.at.In(w.s.loc)), 1+w.r.IntN(2))
	if day.After(w.s.yesterday()) {
		return nil
	}
	rid := f.reportID
	pr := w.problem(f.pp, obstacles[f.kind], "report", &rid, f.pp.p.LeaderID)
	return w.log(pr, pick(w.r, w.c.officeStaff), w.s.moment(w.r, day))
}

// problem is a problem of a project, assigned to the bureau that answers
// for its kind or else the project's own department.
func (w *problemWriter) problem(pp *plannedProject, ob obstacle, source string, sourceID, leader *int64) *tuijin.Problem {
	pid := pp.p.ID
	dept := w.deptFor(pp, ob)
	return &tuijin.Problem{Kind: tuijin.KindProblem, ProjectID: &pid, Source: source, SourceID: sourceID, Type: ob.typ,
		Title: ob.title, Description: pp.p.Name + "：" + ob.report, DepartmentID: &dept.ID, LeaderID: leader}
}

func (w *problemWriter) deptFor(pp *plannedProject, ob obstacle) *unit {
	if b := w.c.bureaus[ob.bureau]; b != nil {
		return b
	}
	if u := w.units[*pp.p.DepartmentID]; u != nil && u.staff != nil {
		return u
	}
	return w.c.towns[0]
}

// log writes a problem found by someone at a moment, with its deadline and
// the steps it went through up to today.
func (w *problemWriter) log(pr *tuijin.Problem, by *person, at time.Time) error {
	s, r := w.s, w.r
	found := calendar.DateOf(at.In(s.loc))
	days := pick(r, []int{5, 10, 10, 15, 20, 30})
	pr.FoundOn, pr.Deadline = found.String(), s.cal.AddWorkingDays(found, days).String()
	steps := w.flow(pr, at, days)
	w.sd.As(by.Actor, at)
	if err := w.sd.CreateProblem(pr, steps); err != nil {
		return err
	}
	s.result.Problems++
	return nil
}

// flow is a problem's way as far as it went before today: accepted and
// worked on by its department, applied for close-out with evidence,
// closed by the office (or sent back once), with comments on the way; and
// while it was open past its deadline, raised a level by the daily job on
// the working day each threshold of the ladder was reached.
func (w *problemWriter) flow(pr *tuijin.Problem, created time.Time, days int) []store.SeedStep {
	s, r := w.s, w.r
	staff := w.units[*pr.DepartmentID].staff.Actor
	office := pick(r, w.c.officeStaff).Actor
	var steps []store.SeedStep
	d, prev := calendar.DateOf(created.In(s.loc)), created
	add := func(action string, after int, actor *tuijin.Actor, note string) bool {
		d = s.cal.AddWorkingDays(d, after)
		at := s.moment(r, d)
		if !at.After(prev) {
			at = prev.Add(time.Duration(10+r.IntN(50)) * time.Minute)
		}
		if d.After(s.yesterday()) || !at.Before(s.Opt.Today) {
			return false
		}
		prev = at
		steps = append(steps, store.SeedStep{Action: action, Actor: actor, At: at, Day: d.String(), Note: note})
		return true
	}
	// Most are taken up within days and done within their time; some
	// wait to be accepted or started, some drag on.
	work, wait := max(1, int(float64(days)*(0.4+r.Float64()*0.9))), r.IntN(3)
	u := r.IntN(100)
	switch {
	case u < 10:
		wait += 3 + r.IntN(8)
	case u < 25:
		work *= 2 + r.IntN(3)
	}
	_ = add("accept", wait, staff, "") && u >= 5 && add("start", r.IntN(3)+wait/2, staff, "") &&
		add("apply", work, staff, pick(r, applyNotes)) &&
		(r.IntN(100) >= 12 || add("send_back", 1+r.IntN(3), office, pick(r, sendBackNotes)) &&
			add("apply", 3+r.IntN(8), staff, pick(r, applyNotes))) &&
		add("close", 1+r.IntN(4), office, "")
	if r.IntN(4) == 0 && len(steps) > 0 {
		at := steps[r.IntN(len(steps))].At.Add(time.Duration(r.IntN(120)) * time.Minute)
		if at.Before(s.Opt.Today) && (steps[len(steps)-1].Action != "close" || at.Before(steps[len(steps)-1].At)) {
			steps = append(steps, store.SeedStep{Action: "comment", Actor: office, At: at, Note: pick(r, commentNotes)})
		}
	}
	steps = append(steps, w.escalations(pr, steps)...)
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].At.Before(steps[j].At) })
	return steps
}

// escalations are the daily job's raises while the problem was open past
// its deadline (before today: today's run is the job's own), each order
// answered by the department within days, mostly.
func (w *problemWriter) escalations(pr *tuijin.Problem, steps []store.SeedStep) []store.SeedStep {
	s, r := w.s, w.r
	closed := s.Opt.Today
	for _, st := range steps {
		if st.Action == "close" {
			closed = st.At
		}
	}
	due := s.cal.AddWorkingDays(date(pr.Deadline), 0)
	staff := w.units[*pr.DepartmentID].staff.Actor
	var out []store.SeedStep
	for _, rule := range store.DefaultEscalation {
		day := s.cal.AddWorkingDays(due, rule.OverdueDays)
		t := day.Time()
		at := time.Date(t.Year(), t.Month(), t.Day(), 7, 0, 0, 0, s.loc)
		if day.After(s.yesterday()) || !at.Before(closed) {
			break
		}
		st := store.SeedStep{Action: "escalate", Actor: tuijin.SystemActor, At: at, Day: day.String(),
			Level: rule.Level, Days: rule.OverdueDays}
		if reply := s.cal.AddWorkingDays(day, 1+r.IntN(3)); !reply.After(s.yesterday()) && r.IntN(10) < 7 {
			st.Reply, st.ReplyBy, st.ReplyAt = pick(r, orderReplies), staff, s.moment(r, reply)
		}
		out = append(out, st)
	}
	return out
}
