package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/schedule"
	"tuijin/internal/store"
)

// profile is how a project fares beyond its dates: how much of each year's
// plan it invests, how late its open nodes run, whether it stopped
// reporting, whether it meets obstacles.
type profile struct {
	pace float64
	// slip is how many working days its open nodes run behind their plan
	// (for a project not started yet: behind the start it will make).
	slip int
	// stuck is how far back from the last approval due by today a
	// project not started yet is held up (0: the last one).
	stuck int
	// silent is how many of the latest past-deadline periods it left
	// unreported.
	silent   int
	troubled bool
}

// profiles draws every project's profile: most keep pace with their plan,
// a quarter lag, one in eight is far behind.
func (s *Seeder) profiles() {
	r := s.rand("profiles")
	for _, pp := range s.planned {
		var pr profile
		switch u := r.IntN(100); {
		case u < 70:
			pr.pace = 1 + r.Float64()*0.2
		case u < 92:
			pr.pace = 0.75 + r.Float64()*0.21
		default:
			pr.pace = 0.3 + r.Float64()*0.35
		}
		if r.IntN(100) < 15 {
			pr.slip = 3 + r.IntN(35)
		}
		pr.stuck = r.IntN(3)
		if r.IntN(100) < 2 {
			pr.silent = 1 + r.IntN(3)
		}
		pr.troubled = r.IntN(100) < 14
		pp.prof = pr
	}
}

// keyNodes gives every project the key nodes of its kind's template, laid
// out to end on its planned completion (倒排, mostly) or forwards to its
// planned start, with the actual dates of the nodes done.
func (s *Seeder) keyNodes(ctx context.Context) error {
	s.profiles()
	r := s.rand("nodes")
	const batch = 2000
	for lo := 0; lo < len(s.planned); lo += batch {
		err := s.DB.Seed(ctx, func(sd *store.Seeding) error {
			for _, pp := range s.planned[lo:min(lo+batch, len(s.planned))] {
				nodes, err := s.planNodes(r, pp)
				if err != nil {
					return fmt.Errorf("project %s: %w", pp.p.Name, err)
				}
				sd.As(pp.officer.Actor, s.before(later(pp.created.Add(72*time.Hour), lastActual(nodes, s.loc))))
				if err := sd.CreateNodes(pp.p.ID, nodes); err != nil {
					return fmt.Errorf("project %s: %w", pp.p.Name, err)
				}
				s.result.Nodes += len(nodes)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// planNodes lays out a project's template so that its start milestone
// falls on the planned start and its last node on the planned completion,
// stretching the main works; then marks what was done and when.
func (s *Seeder) planNodes(r *rand.Rand, pp *plannedProject) ([]tuijin.Node, error) {
	p := &pp.p
	t := templateFor(p.Domain)
	start, end := date(p.PlannedStart), date(p.PlannedCompletion)
	// Plan once with the template's main works, see where the start lands,
	// and stretch the main works by the difference.
	trial, err := schedule.FromTemplate(s.cal, t, schedule.ModeBackward, end)
	if err != nil {
		return nil, err
	}
	main := nodeIndex(t, "main_structure")
	gap := s.cal.WorkingDaysBetween(start, date(trial[nodeIndex(t, "start")].PlannedStart))
	t.Nodes[main].Duration = max(20, t.Nodes[main].Duration+gap)
	nodes, err := schedule.FromTemplate(s.cal, t, schedule.ModeBackward, end)
	if err != nil {
		return nil, err
	}
	if r.IntN(4) == 0 {
		// Planned forwards from when the first approvals began: the same
		// chain, side branches as early as they can go.
		if nodes, err = schedule.FromTemplate(s.cal, t, schedule.ModeForward, date(nodes[0].PlannedStart)); err != nil {
			return nil, err
		}
	}
	s.actualNodes(r, pp, t, nodes)
	c := pp.county
	for i := range nodes {
		n := &nodes[i]
		if b := c.bureaus[nodeBureau[n.Key]]; b != nil {
			n.DepartmentID, n.Person = &b.ID, b.Head
		} else {
			n.DepartmentID, n.Person = p.OwnerDepartmentID, p.OwnerContact
		}
	}
	return nodes, nil
}

// actualNodes fills in the actual dates. Approvals before the start were
// done by the actual start (shifted with it); the start is the project's;
// the works after it follow the start's shift and the project's slip, and
// are done once that date has passed; a completed project did them all, the
// last on its completion. A project not started yet works through its
// approvals behind plan by its slip.
func (s *Seeder) actualNodes(r *rand.Rand, pp *plannedProject, t schedule.Template, nodes []tuijin.Node) {
	today := s.today()
	startAt := nodeIndex(t, "start")
	started, completed := dateOf(pp.sc.started), date(pp.p.ActualCompletion)
	shift := pp.prof.slip
	if !started.IsZero() {
		shift = s.cal.WorkingDaysBetween(date(nodes[startAt].PlannedStart), started)
	}
	last := len(nodes) - 1
	// A project not started yet is held up at one of the approvals due by
	// now: those before it are done, it and the ones after it are not.
	held := startAt
	if started.IsZero() {
		var due []int
		for i := range startAt {
			if date(nodes[i].PlannedFinish).Before(today) {
				due = append(due, i)
			}
		}
		if len(due) > 0 {
			held = due[max(0, len(due)-1-pp.prof.stuck)]
		}
	}
	endShift := 0
	if !completed.IsZero() {
		endShift = s.cal.WorkingDaysBetween(date(nodes[last].PlannedFinish), completed)
	}
	for i := range nodes {
		n := &nodes[i]
		ps, pf := date(n.PlannedStart), date(n.PlannedFinish)
		var as, af calendar.Date
		switch {
		case i == startAt:
			if !started.IsZero() {
				as, af = started, started
			}
		case i < startAt:
			as, af = s.cal.AddWorkingDays(ps, shift), s.cal.AddWorkingDays(pf, shift)
			if i >= held && af.Before(today) {
				af = today.AddDays(1) // still open
			}
			if !started.IsZero() && af.After(started) {
				// Done before the start, whatever the plan said.
				back := s.cal.WorkingDaysBetween(started, af) + 1 + r.IntN(5)
				as, af = s.cal.AddWorkingDays(as, -back), s.cal.AddWorkingDays(af, -back)
			}
		case !completed.IsZero():
			as, af = s.cal.AddWorkingDays(ps, endShift), s.cal.AddWorkingDays(pf, endShift)
			if as.Before(started) {
				as = started
			}
			if as.After(completed) {
				as = completed
			}
			if af.After(completed) || i == last {
				af = completed
			}
		case !started.IsZero():
			slip := shift + pp.prof.slip
			as, af = s.cal.AddWorkingDays(ps, slip), s.cal.AddWorkingDays(pf, slip)
		}
		if as.IsZero() || as.After(today) {
			continue
		}
		if af.Before(as) {
			af = as
		}
		n.ActualStart = as.String()
		if !af.After(today) {
			n.ActualFinish = af.String()
		}
	}
}

// templateFor picks the path of a project's kind: companies' projects go
// from signing to production, public ones from proposal to acceptance.
func templateFor(domain string) schedule.Template {
	key := "government"
	if domain == "产业" || domain == "绿色低碳" {
		key = "industrial"
	}
	t, _ := schedule.TemplateByKey(key)
	t.Nodes = append([]schedule.TemplateNode(nil), t.Nodes...)
	return t
}

func nodeIndex(t schedule.Template, key string) int {
	for i, n := range t.Nodes {
		if n.Key == key {
			return i
		}
	}
	panic("seed: template " + t.Key + " has no node " + key)
}

// nodeBureau is the bureau that answers for each approval; the owner does
// the works.
var nodeBureau = map[string]string{
	"signing": "商务局", "registration": "商务局", "filing": "发改局", "energy": "发改局", "proposal": "发改局",
	"feasibility": "发改局", "preliminary_design": "发改局", "land": "自然资源局", "land_pre": "自然资源局",
	"planning_permit": "自然资源局", "eia": "生态环境局", "drawings": "住建局", "tendering": "住建局",
	"construction_permit": "住建局", "acceptance": "住建局",
}

// lastActual is the latest moment a node was done, at the end of that day's
// work, or zero.
func lastActual(nodes []tuijin.Node, loc *time.Location) time.Time {
	var d string
	for _, n := range nodes {
		d = max(d, n.ActualFinish)
	}
	if d == "" {
		return time.Time{}
	}
	t, _ := time.ParseInLocation(time.DateOnly, d, loc)
	return t.Add(17 * time.Hour)
}

// date reads YYYY-MM-DD; "" is the zero date.
func date(s string) calendar.Date {
	d, _ := calendar.ParseDate(s)
	return d
}

func dateOf(t time.Time) calendar.Date {
	if t.IsZero() {
		return calendar.Date{}
	}
	return calendar.DateOf(t)
}
