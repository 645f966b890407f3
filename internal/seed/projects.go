package seed

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"

	"tuijin"
	"tuijin/internal/store"
)

// plannedProject is a project as generated: the record as first entered
// (then, while history is replayed, as currently stored), and what happened
// to it afterwards.
type plannedProject struct {
	p       tuijin.Project
	county  *county
	officer *person
	events  []event
	// sc is how its life really went; created when it was entered.
	sc      timeline
	created time.Time
	// profile is how it fares, for the nodes, reports and problems.
	prof profile
	// spent is what its reports tell it invested, in all and by year and
	// month.
	spent  int64
	byYear map[int][12]int64
}

// event is one write of a project's history.
type event struct {
	at    time.Time
	seq   int // generation order, to break ties in time
	proj  *plannedProject
	actor *person
	// Exactly one of these is set.
	create bool
	stage  *transition
	year   *tuijin.YearPlan // put on another year's list (续建)
}

// replayProjects invents every county's projects and replays their
// histories in time order.
func (s *Seeder) replayProjects(ctx context.Context) error {
	r := s.rand("projects")
	var events []event
	for _, c := range s.counties {
		for range c.projects {
			pp := s.planProject(r, c, len(s.planned))
			s.planned = append(s.planned, pp)
			events = append(events, pp.events...)
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].at.Before(events[j].at) })
	const batch = 5000
	for lo := 0; lo < len(events); lo += batch {
		err := s.DB.Seed(ctx, func(sd *store.Seeding) error {
			for i := lo; i < min(lo+batch, len(events)); i++ {
				if err := s.apply(sd, &events[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, pp := range s.planned {
		pp.events = nil // replayed; pp.p is the stored state
	}
	return nil
}

// apply writes one event, as its author, at its time; pp.p follows the
// project's stored state.
func (s *Seeder) apply(sd *store.Seeding, ev *event) error {
	p := &ev.proj.p
	sd.As(ev.actor.Actor, ev.at)
	var err error
	switch {
	case ev.create:
		err = sd.CreateProject(p)
		s.result.Projects++
	case ev.stage != nil:
		err = sd.ChangeStage(p, tuijin.StageChange{To: ev.stage.to, Date: ev.stage.at.Format(time.DateOnly),
			Reason: ev.stage.reason, Version: p.Version})
		s.result.StageChanges++
	default:
		err = sd.CarryOver(p, *ev.year)
		s.result.Updates++
	}
	if err != nil {
		return fmt.Errorf("project %s: %w", p.Name, err)
	}
	return nil
}

// planProject draws one project and its history.
func (s *Seeder) planProject(r *rand.Rand, c *county, serial int) *plannedProject {
	t := pick(r, templates)
	lg := min(6.7, max(1.7, 3.4+t.Scale+r.NormFloat64()*0.8)) // log10 of 万元: 50万 to 500亿
	total := int64(math.Round(math.Pow(10, lg))) * 10_000
	sc := s.timeline(r, lg)
	pp := &plannedProject{county: c, officer: pick(r, c.officers), sc: sc}
	p := &pp.p
	s.describe(r, c, t, p, lg)
	p.Code = fmt.Sprintf("%d-%s-%02d-0%d-%06d", sc.startYear-1, c.regionCode(), 10+r.IntN(80), 1+r.IntN(3), serial+1)
	p.TotalInvestmentYuan = total
	p.StartYear, p.EndYear = sc.startYear, sc.endYear
	p.PlannedStart, p.PlannedCompletion = sc.plannedStart.Format(time.DateOnly), sc.plannedEnd.Format(time.DateOnly)
	leader := pick(r, c.leaders)
	p.LeaderID, p.LeaderName = &leader.Actor.UserID, leader.Name
	p.OfficerID, p.OfficerName = &pp.officer.Actor.UserID, pp.officer.Name
	s.history(r, pp, sc)
	return pp
}

// regionCode is the county's six-digit administrative code.
func (c *county) regionCode() string {
	var h uint32
	for _, r := range c.Name {
		h = h*31 + uint32(r)
	}
	return strconv.Itoa(350100 + int(h%80)*100 + int(h%20) + 21)
}

// describe fills the project's names, place, chain, money and tags.
func (s *Seeder) describe(r *rand.Rand, c *county, t template, p *tuijin.Project, lg float64) {
	town := pick(r, c.towns)
	owner := c.ownerFor(r, t)
	fill := strings.NewReplacer("{town}", town.Short, "{place}", strings.TrimSuffix(c.Name, "县"), "{place2}", placeName(r),
		"{company}", strings.TrimSuffix(owner.Short, "有限公司"), "{product}", pick(r, products), "{crop}", pick(r, crops),
		"{phase}", pick(r, phases), "{n}", strconv.Itoa(1+r.IntN(20)), "{m}", strconv.Itoa(2+r.IntN(8)))
	p.Name, p.Content = fill.Replace(t.Name), fill.Replace(t.Content)
	p.Category, p.Domain, p.Industry = t.Category, t.Domain, t.Industry
	p.Flagship = lg > 4.5 && r.IntN(3) == 0 || r.IntN(40) == 0
	p.Level = []tuijin.Level{tuijin.LevelProvince, tuijin.LevelCity, tuijin.LevelCity, tuijin.LevelCounty}[min(3, r.IntN(20))]
	p.Town, p.Address = town.Name, town.Short+pick(r, []string{"工业园区", "经济开发区", "", "新区", "中心村"})
	lng, lat := s.outline(c).place(c.townIndex(town), r.Float64(), r.Float64())
	p.Longitude, p.Latitude = &lng, &lat
	if t.Domain == "产业" || r.IntN(2) == 0 {
		land := math.Round(math.Pow(10, lg-2.2)*10+float64(r.IntN(50))) / 10
		floor := math.Round(land * (300 + float64(r.IntN(600))))
		p.LandAreaMu, p.FloorAreaM2 = &land, &floor
	}
	dept := town
	if bs := bureausByDomain[t.Domain]; r.IntN(100) < 65 {
		dept = c.bureaus[pick(r, bs)]
	}
	p.DepartmentID, p.DepartmentName, p.DeptHead, p.DeptPhone = &dept.ID, dept.Name, dept.Head, dept.Phone
	if dept.staff != nil {
		p.DeptLiaison = dept.staff.Name
	}
	p.OwnerDepartmentID, p.OwnerName, p.OwnerHead = &owner.ID, owner.Name, owner.Head
	p.OwnerContact, p.OwnerPhone = personName(r), mobile(r)
	p.TaskForce = pick(r, taskForces)
	p.Funding = funding(r, t.Domain, int64(math.Round(math.Pow(10, lg)))*10_000)
	for range r.IntN(3) {
		if tag := pick(r, tagWords); !contains(p.Tags, tag) {
			p.Tags = append(p.Tags, tag)
		}
	}
	if r.IntN(5) == 0 {
		p.Extra = map[string]string{"备案号": fmt.Sprintf("%s发改备〔%d〕%d号", strings.TrimSuffix(c.Name, "县"), s.firstYear()-1+r.IntN(s.Opt.Years), 1+r.IntN(300))}
	}
}

// ownerFor picks who builds: the county's investment companies build
// roads, pipes and schools; companies build factories.
func (c *county) ownerFor(r *rand.Rand, t template) *unit {
	switch t.Domain {
	case "基础设施":
		if t.Industry == "交通" {
			return c.owners[1]
		}
		return c.owners[0]
	case "民生", "文化旅游":
		return c.owners[r.IntN(2)]
	}
	return c.owners[2+r.IntN(len(c.owners)-2)]
}

// funding splits the total among sources the way the domain is usually
// paid for: public works by special bonds and central funds, industry by
// the company and its banks.
func funding(r *rand.Rand, domain string, total int64) []tuijin.Funding {
	wan := func(f float64) int64 { return int64(math.Round(float64(total)*f/10_000)) * 10_000 }
	switch domain {
	case "产业", "绿色低碳":
		own := 0.4 + r.Float64()*0.4
		return []tuijin.Funding{{Source: "企业自筹", AmountYuan: wan(own)}, {Source: "银行贷款", AmountYuan: total - wan(own)}}
	}
	bond, central := 0.3+r.Float64()*0.4, r.Float64()*0.2
	return []tuijin.Funding{{Source: "专项债", AmountYuan: wan(bond)}, {Source: "中央预算内", AmountYuan: wan(central)},
		{Source: "地方财政", AmountYuan: total - wan(bond) - wan(central)}}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
