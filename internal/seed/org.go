package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"tuijin"
	"tuijin/internal/store"
)

// projectsPerCounty sets the province's size: a county keeps a few hundred
// key projects on its lists.
const projectsPerCounty = 500

// county is one county of the province with its units and people.
type county struct {
	Name string // 永宁县
	// prefix goes before department names: "县" in a one-county ledger
	// ("县发改局"), the county's name in a province ("永宁县发改局").
	prefix   string
	projects int // how many projects it gets
	lng, lat float64
	// outline is its boundary on the map, drawn on first use (map.go).
	outline *outline

	office  *unit
	bureaus map[string]*unit // by short name: 发改局 → 永宁县发改局
	towns   []*unit
	owners  []*unit

	officeStaff []*person
	leaders     []*person
	officers    []*person
}

// unit is a department as generated and, once written, its id.
type unit struct {
	ID    int64
	Name  string
	Kind  tuijin.DepartmentKind
	Head  string
	Phone string
	// Short is the name without the county: 城关镇, 发改局.
	Short string
	// staff is the department user of a bureau or town.
	staff *person
}

// person is an account as generated and, once written, its actor.
type person struct {
	Username, Name, Phone string
	Role                  tuijin.Role
	Unit                  *unit
	Actor                 *tuijin.Actor
}

// organisation invents the counties and writes their departments.
func (s *Seeder) organisation(ctx context.Context) error {
	r := s.rand("organisation")
	n := max(1, (s.Opt.Projects+projectsPerCounty/2)/projectsPerCounty)
	names := uniqueNames(r, n, placeName, "县")
	for i := range n {
		c := &county{Name: names[i], prefix: names[i], projects: s.Opt.Projects / n, bureaus: map[string]*unit{},
			lng: 113 + r.Float64()*6, lat: 24 + r.Float64()*6}
		if i < s.Opt.Projects%n {
			c.projects++
		}
		if n == 1 {
			c.prefix = "县"
		}
		s.makeUnits(r, c)
		s.counties = append(s.counties, c)
	}
	var all []*unit
	for _, c := range s.counties {
		all = append(all, c.units()...)
	}
	s.result.Departments = len(all)
	return s.batch(ctx, len(all), 2000, func(tx *store.Tx, i int) error {
		u := all[i]
		tx.As(tuijin.SystemActor, s.start())
		d, err := tx.CreateDepartment(tuijin.DepartmentInput{Name: u.Name, Kind: u.Kind, Head: u.Head, Phone: u.Phone})
		if err != nil {
			return fmt.Errorf("%s: %w", u.Name, err)
		}
		u.ID = d.ID
		return nil
	})
}

func (c *county) units() []*unit {
	out := []*unit{c.office}
	for _, b := range bureaus {
		out = append(out, c.bureaus[b])
	}
	out = append(out, c.towns...)
	return append(out, c.owners...)
}

// makeUnits gives a county its project office, bureaus, towns and owner
// companies.
func (s *Seeder) makeUnits(r *rand.Rand, c *county) {
	mk := func(short string, kind tuijin.DepartmentKind) *unit {
		return &unit{Name: c.prefix + short, Short: short, Kind: kind, Head: personName(r), Phone: officePhone(r)}
	}
	c.office = mk("重点项目服务中心", tuijin.KindOffice)
	for _, b := range bureaus {
		c.bureaus[b] = mk(b, tuijin.KindBureau)
	}
	towns := append([]string{"城关镇"}, uniqueNames(r, 5+r.IntN(11), placeName, "")...)
	for i, t := range towns {
		if i > 0 {
			t += townSuffixes[r.IntN(len(townSuffixes))]
		}
		u := mk(t, tuijin.KindTown)
		if c.prefix == "县" {
			u.Name = t // a county's own ledger names its towns plainly
		}
		c.towns = append(c.towns, u)
	}
	companies := uniqueNames(r, max(2, c.projects/6), companyName, "")
	c.owners = []*unit{
		{Name: c.Name + "城市建设投资集团有限公司", Short: "城投集团", Kind: tuijin.KindOwner, Head: personName(r), Phone: officePhone(r)},
		{Name: c.Name + "交通建设投资有限公司", Short: "交投公司", Kind: tuijin.KindOwner, Head: personName(r), Phone: officePhone(r)},
	}
	for _, name := range companies {
		// Companies carry the county's name so that two counties' firms
		// of the same trade stay distinct.
		c.owners = append(c.owners, &unit{Name: strings.TrimSuffix(c.Name, "县") + name, Short: name, Kind: tuijin.KindOwner,
			Head: personName(r), Phone: mobile(r)})
	}
}

// accounts writes every role's users: the office, leaders, one account per
// bureau and town, officers, an account per owner company, a supervisor
// and a viewer per county.
func (s *Seeder) accounts(ctx context.Context) error {
	r := s.rand("accounts")
	seq := map[tuijin.Role]int{}
	newPerson := func(role tuijin.Role, u *unit) *person {
		seq[role]++
		return &person{Username: fmt.Sprintf("%s%d", usernamePrefix[role], seq[role]), Name: personName(r), Phone: mobile(r), Role: role, Unit: u}
	}
	var all []*person
	for _, c := range s.counties {
		for range 2 {
			c.officeStaff = append(c.officeStaff, newPerson(tuijin.RoleOffice, c.office))
		}
		for range 4 + r.IntN(3) {
			c.leaders = append(c.leaders, newPerson(tuijin.RoleLeader, nil))
		}
		all = append(append(all, c.officeStaff...), c.leaders...)
		for _, u := range append(c.bureauList(), c.towns...) {
			u.staff = newPerson(tuijin.RoleDepartment, u)
			all = append(all, u.staff)
		}
		for range max(2, c.projects/8) {
			c.officers = append(c.officers, newPerson(tuijin.RoleOfficer, c.bureauList()[r.IntN(len(bureaus))]))
		}
		all = append(all, c.officers...)
		for _, u := range c.owners {
			all = append(all, newPerson(tuijin.RoleOwner, u))
		}
		all = append(all, newPerson(tuijin.RoleSupervisor, nil), newPerson(tuijin.RoleViewer, nil))
	}
	s.result.Users = len(all)
	s.noteAccounts(all)
	if err := s.admin(ctx); err != nil {
		return err
	}
	return s.batch(ctx, len(all), 2000, func(tx *store.Tx, i int) error {
		p := all[i]
		tx.As(tuijin.SystemActor, s.start())
		in := tuijin.UserInput{Username: p.Username, DisplayName: p.Name, Role: p.Role, Phone: p.Phone, Password: s.Opt.Password}
		if p.Unit != nil {
			in.DepartmentID = &p.Unit.ID
		}
		u, err := tx.CreateUser(in, s.hash, false)
		if err != nil {
			return fmt.Errorf("%s: %w", p.Username, err)
		}
		p.Actor = tuijin.ActorFor(u)
		return nil
	})
}

// admin makes the administrator's account, the first one the office had,
// unless the database has one already.
func (s *Seeder) admin(ctx context.Context) error {
	if s.Opt.AdminHash == "" {
		return nil
	}
	if n, err := s.DB.CountUsers(ctx); err != nil || n > 0 {
		return err
	}
	return s.DB.InTx(ctx, tuijin.SystemActor, func(tx *store.Tx) error {
		tx.As(tuijin.SystemActor, s.start().Add(-time.Hour))
		in := tuijin.UserInput{Username: "admin", DisplayName: "系统管理员", Role: tuijin.RoleAdmin}
		_, err := tx.CreateUser(in, s.Opt.AdminHash, s.Opt.AdminMustChange)
		s.result.AdminCreated = err == nil
		return err
	})
}

var usernamePrefix = map[tuijin.Role]string{
	tuijin.RoleOffice: "office", tuijin.RoleLeader: "leader", tuijin.RoleDepartment: "dept", tuijin.RoleOfficer: "officer",
	tuijin.RoleOwner: "owner", tuijin.RoleSupervisor: "supervisor", tuijin.RoleViewer: "viewer",
}

func (c *county) bureauList() []*unit {
	out := make([]*unit, len(bureaus))
	for i, b := range bureaus {
		out[i] = c.bureaus[b]
	}
	return out
}

// noteAccounts keeps the first account of each role for the summary.
func (s *Seeder) noteAccounts(all []*person) {
	seen := map[tuijin.Role]bool{}
	for _, p := range all {
		if seen[p.Role] {
			continue
		}
		seen[p.Role] = true
		a := Account{Username: p.Username, DisplayName: p.Name, Role: p.Role}
		if p.Unit != nil {
			a.Department = p.Unit.Name
		}
		s.result.Accounts = append(s.result.Accounts, a)
	}
}

// uniqueNames draws n distinct names from gen, each with suffix.
func uniqueNames(r *rand.Rand, n int, gen func(*rand.Rand) string, suffix string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		name := gen(r) + suffix
		for tries := 0; seen[name]; tries++ {
			name = gen(r) + suffix
			if tries > 20 { // the word lists are running out: number them
				name = fmt.Sprintf("%s%d%s", gen(r), len(out), suffix)
			}
		}
		seen[name] = true
		out = append(out, name)
	}
	return out
}

func placeName(r *rand.Rand) string {
	return string([]rune{placeFirst[r.IntN(len(placeFirst))], placeSecond[r.IntN(len(placeSecond))]})
}

func companyName(r *rand.Rand) string {
	return pick(r, brands) + pick(r, companyWords) + pick(r, companyForms)
}

func personName(r *rand.Rand) string {
	return string(surnames[r.IntN(len(surnames))]) + pick(r, givenNames)
}

func officePhone(r *rand.Rand) string {
	return fmt.Sprintf("0%d-%07d", 591+r.IntN(9), 2000000+r.IntN(7999999))
}

func mobile(r *rand.Rand) string { return fmt.Sprintf("1%d%09d", 30+r.IntN(60), r.IntN(1_000_000_000)) }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
