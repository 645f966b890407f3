package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"

	"tuijin"
	"tuijin/internal/ledger"
)

// fixture is what the scenarios need to know about the seeded province.
type fixture struct {
	base  string
	year  int
	maxID int64
	// users is one office session per simulated user.
	users   []*session
	queries []ledgerQuery
	// edits numbers the benchmark's edits, so that no edit repeats an
	// earlier one (an edit that changes nothing writes nothing).
	edits atomic.Int64
}

// ledgerQuery is one way the office looks at the ledger, as the front end
// asks for it.
type ledgerQuery struct {
	Name   string
	Params url.Values
}

func newFixture(base string, year, concurrency int) (*fixture, error) {
	f := &fixture{base: base, year: year}
	first, err := login(base, "office1", seedPassword)
	if err != nil {
		return nil, err
	}
	office, err := usernames(first, tuijin.RoleOffice)
	if err != nil {
		return nil, err
	}
	// A small province has fewer office accounts than users at once: they
	// share them.
	for i := range min(concurrency, len(office)) {
		s, err := login(base, office[i], seedPassword)
		if err != nil {
			return nil, err
		}
		f.users = append(f.users, s)
	}
	for i := len(f.users); i < concurrency; i++ {
		f.users = append(f.users, f.users[i%len(f.users)])
	}
	var last tuijin.ProjectList
	if err := want(200)(f.users[0].do("GET", "/api/v1/projects?per_page=1&sort=-id", nil, &last)); err != nil || len(last.Items) == 0 {
		return nil, fmt.Errorf("no projects to measure: %v", err)
	}
	f.maxID = last.Items[0].ID
	return f, f.ledgerQueries()
}

// usernames lists the accounts of a role, as the office sees them.
func usernames(s *session, role tuijin.Role) ([]string, error) {
	var out []string
	for page := 1; ; page++ {
		var list tuijin.List[tuijin.User]
		path := fmt.Sprintf("/api/v1/users?role=%s&sort=id&per_page=500&page=%d", role, page)
		if err := want(200)(s.do("GET", path, nil, &list)); err != nil {
			return nil, err
		}
		for _, u := range list.Items {
			out = append(out, u.Username)
		}
		if len(list.Items) == 0 || page*500 >= list.Total {
			return out, nil
		}
	}
}

// ledgerQueries builds the mix: mostly this year's list (the front end's
// default), paged, sorted, filtered and searched.
func (f *fixture) ledgerQueries() error {
	// A department and a town that have projects on this year's list.
	var first tuijin.ProjectList
	if err := want(200)(f.users[0].do("GET", fmt.Sprintf("/api/v1/projects?year=%d&per_page=1&sort=-id", f.year), nil, &first)); err != nil {
		return err
	}
	if len(first.Items) == 0 || first.Items[0].DepartmentID == nil {
		return fmt.Errorf("no projects on %d's list", f.year)
	}
	dept, town := *first.Items[0].DepartmentID, first.Items[0].Town
	y := strconv.Itoa(f.year)
	q := func(name string, kv ...string) {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		f.queries = append(f.queries, ledgerQuery{name, v})
	}
	q("this year, page 1", "year", y, "per_page", "50")
	q("this year, page 20", "year", y, "per_page", "50", "page", "20")
	q("this year, by amount", "year", y, "per_page", "50", "sort", "-total_investment_yuan")
	q("this year, new starts by plan", "year", y, "per_page", "50", "stage", "new_start", "sort", "-planned_yuan")
	q("this year, search 污水", "year", y, "per_page", "50", "q", "污水")
	q("this year, one department", "year", y, "per_page", "50", "department_id", strconv.FormatInt(dept, 10))
	q("this year, one town by name", "year", y, "per_page", "50", "town", town, "sort", "name")
	q("this year, province level", "year", y, "per_page", "50", "level", "province")
	q("all years, pinyin cgz", "per_page", "50", "q", "cgz")
	q("all years, under construction by department", "per_page", "50", "stage", "construction", "sort", "department_name", "page", "3")
	return nil
}

// ledgerOps browse the ledger, each user walking through the mix.
func (f *fixture) ledgerOps(c int, only *ledgerQuery) []op {
	ops := make([]op, c)
	for w := range c {
		s := f.users[w]
		ops[w] = func(ctx context.Context, i int) error {
			q := f.queries[(w+i)%len(f.queries)]
			if only != nil {
				q = *only
			}
			return want(200)(s.do("GET", "/api/v1/projects?"+q.Params.Encode(), nil, nil))
		}
	}
	return ops
}

// ledgerAfterWriteOps edit a project and then ask for the ledger page, so
// that every page is the first after a write; only the page is timed.
func (f *fixture) ledgerAfterWriteOps(q *ledgerQuery) []op {
	edit := f.updateOps(1)[0]
	page := f.ledgerOps(1, q)[0]
	return []op{func(ctx context.Context, i int) error {
		if err := untimed(ctx, func() error { return edit(ctx, i) }); err != nil {
			return err
		}
		return page(ctx, i)
	}}
}

// background edits a project every interval until the returned stop is
// called.
func (f *fixture) background(interval time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	edit := f.updateOps(1)[0]
	go func() {
		defer close(done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				edit(ctx, i)
			}
		}
	}()
	return func() { cancel(); <-done }
}

// detailOps open projects at random.
func (f *fixture) detailOps(c int) []op {
	ops := make([]op, c)
	for w := range c {
		s, r := f.users[w], rand.New(rand.NewPCG(uint64(w), 7))
		ops[w] = func(ctx context.Context, i int) error {
			id := 1 + r.Int64N(f.maxID)
			return want(200)(s.do("GET", "/api/v1/projects/"+strconv.FormatInt(id, 10), nil, nil))
		}
	}
	return ops
}

// updateOps edit the remarks of projects, each user its own projects (so
// that no edit conflicts), carrying the version from one edit to the next.
func (f *fixture) updateOps(c int) []op {
	ops := make([]op, c)
	for w := range c {
		s := f.users[w]
		versions := map[int64]int64{}
		ops[w] = func(ctx context.Context, i int) error {
			id := 1 + (int64(w)+int64(i%50)*int64(c))%f.maxID
			v, ok := versions[id]
			if !ok {
				var p struct{ Version int64 }
				if err := want(200)(s.do("GET", "/api/v1/projects/"+strconv.FormatInt(id, 10), nil, &p)); err != nil {
					return err
				}
				v = p.Version
			}
			var out struct{ Version int64 }
			body := map[string]any{"remarks": fmt.Sprintf("bench edit %d", f.edits.Add(1)), "version": v}
			err := want(200)(s.do("PATCH", "/api/v1/projects/"+strconv.FormatInt(id, 10), body, &out))
			versions[id] = out.Version
			return err
		}
	}
	return ops
}

// loginOps log in again and again, as the given accounts.
func (f *fixture) loginOps(c int, account func(w int) (string, string)) []op {
	ops := make([]op, c)
	for w := range c {
		user, pw := account(w)
		ops[w] = func(ctx context.Context, i int) error {
			_, err := login(f.base, user, pw)
			return err
		}
	}
	return ops
}

// importSheet takes n projects of this year's list through the API and
// lists them on year with new codes and names, as an .xlsx ledger; bump
// changes every amount (for a re-import that updates every row).
func (f *fixture) importSheet(year, n int, bump int64) ([]byte, error) {
	var ps []tuijin.Project
	for page := 1; len(ps) < n; page++ {
		var list tuijin.ProjectList
		path := fmt.Sprintf("/api/v1/projects?year=%d&per_page=500&page=%d", f.year, page)
		if err := want(200)(f.users[0].do("GET", path, nil, &list)); err != nil {
			return nil, err
		}
		if len(list.Items) == 0 {
			return nil, fmt.Errorf("only %d projects on %d's list, want %d", len(ps), f.year, n)
		}
		ps = append(ps, list.Items...)
	}
	ps = ps[:n]
	for i := range ps {
		p := &ps[i]
		plan, _ := p.PlanFor(f.year)
		p.ID, p.Code, p.Name = 0, fmt.Sprintf("BENCH-%d-%06d", year, i), fmt.Sprintf("%s（第%d号）", p.Name, i)
		p.TotalInvestmentYuan += bump
		p.Years = []tuijin.YearPlan{{Year: year, PlannedYuan: plan.PlannedYuan, Level: plan.Level}}
	}
	var buf bytes.Buffer
	err := ledger.WriteXLSX(&buf, year, fmt.Sprintf("%d年重点项目台账", year), ps)
	return buf.Bytes(), err
}

// importOp uploads sheets[i] and expects it committed.
func (f *fixture) importOp(year int, sheets [][]byte) op {
	s := f.users[0]
	return func(ctx context.Context, i int) error {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "bench.xlsx")
		fw.Write(sheets[i%len(sheets)])
		mw.Close()
		req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/ledger/import?year=%d", f.base, year), &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		var res struct {
			Committed bool
			Summary   struct{ Create, Update, Errors int }
		}
		if err := want(200)(s.send(req, &res)); err != nil {
			return err
		}
		if !res.Committed || res.Summary.Errors > 0 || res.Summary.Create+res.Summary.Update == 0 {
			return fmt.Errorf("import not committed: %+v", res)
		}
		return nil
	}
}

// exportOp downloads year's list as .xlsx.
func (f *fixture) exportOp(year int) op {
	s := f.users[0]
	return func(ctx context.Context, i int) error {
		return want(200)(s.do("GET", fmt.Sprintf("/api/v1/ledger/export?year=%d", year), nil, nil))
	}
}
