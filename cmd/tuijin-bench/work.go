package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"tuijin"
)

// workFixture is what the scenarios of the office's daily work (the battle
// map, reporting periods, lights, the cockpit) need to know about the
// seeded province.
type workFixture struct {
	// listYear is the year whose list is closest to 5,000 projects: the
	// battle map and the period overview are measured on it.
	listYear, listSize int
	// listPeriod is the last monthly period of listYear's list; current is
	// this month's period, over this year's whole list.
	listPeriod, current *tuijin.Period
	// submitters are department accounts, each with ten draft reports of
	// the current period in its scope.
	submitters []*submitter
	tokens     atomic.Int64
}

// submitter is a department account and its drafts.
type submitter struct {
	s       *session
	reports []tuijin.Report
}

// workSetup finds the lists, periods and drafts; clients is how many
// department accounts with perClient drafts each the submission needs.
func (f *fixture) workSetup(clients, perClient int) (*workFixture, error) {
	w := &workFixture{}
	s := f.users[0]
	best := -1
	for y := f.year - 4; y <= f.year; y++ {
		var list tuijin.ProjectList
		if err := want(200)(s.do("GET", fmt.Sprintf("/api/v1/projects?year=%d&per_page=1", y), nil, &list)); err != nil {
			return nil, err
		}
		if d := abs(list.Total - 5000); best < 0 || d < best {
			best, w.listYear, w.listSize = d, y, list.Total
		}
	}
	var err error
	if w.listPeriod, err = latestPeriod(s, w.listYear); err != nil {
		return nil, err
	}
	if w.current, err = latestPeriod(s, f.year); err != nil {
		return nil, err
	}
	w.submitters, err = f.submitters(w.current.ID, clients, perClient)
	return w, err
}

func latestPeriod(s *session, year int) (*tuijin.Period, error) {
	var out struct{ Items []tuijin.Period }
	if err := want(200)(s.do("GET", fmt.Sprintf("/api/v1/periods?year=%d", year), nil, &out)); err != nil {
		return nil, err
	}
	if len(out.Items) == 0 {
		return nil, fmt.Errorf("no periods of %d: the seed writes them", year)
	}
	return &out.Items[0], nil // newest first
}

// submitters logs in department accounts until clients of them have
// perClient drafts each in the period.
func (f *fixture) submitters(periodID int64, clients, perClient int) ([]*submitter, error) {
	names, err := usernames(f.users[0], tuijin.RoleDepartment)
	if err != nil {
		return nil, err
	}
	var out []*submitter
	for _, name := range names {
		if len(out) == clients {
			break
		}
		s, err := login(f.base, name, seedPassword)
		if err != nil {
			return nil, err
		}
		var list tuijin.List[tuijin.Report]
		path := fmt.Sprintf("/api/v1/periods/%d/reports?status=draft&per_page=%d&sort=id", periodID, perClient)
		if err := want(200)(s.do("GET", path, nil, &list)); err != nil {
			return nil, err
		}
		if len(list.Items) == perClient {
			out = append(out, &submitter{s: s, reports: list.Items})
		}
	}
	if len(out) < clients {
		return nil, fmt.Errorf("only %d department accounts with %d drafts each, want %d", len(out), perClient, clients)
	}
	return out, nil
}

func abs(n int) int { return max(n, -n) }

// scheduleOps open the battle map of the list year, as the office does.
func (f *fixture) scheduleOps(w *workFixture, c int) []op {
	return f.getOps(c, fmt.Sprintf("/api/v1/schedule?year=%d", w.listYear))
}

// periodOps open a period's page: the period with its counts, and the
// first page of its reports.
func (f *fixture) periodOps(pe *tuijin.Period, c int) []op {
	ops := make([]op, c)
	for i := range c {
		s := f.users[i]
		ops[i] = func(ctx context.Context, n int) error {
			if err := want(200)(s.do("GET", fmt.Sprintf("/api/v1/periods/%d", pe.ID), nil, nil)); err != nil {
				return err
			}
			return want(200)(s.do("GET", fmt.Sprintf("/api/v1/periods/%d/reports", pe.ID), nil, nil))
		}
	}
	return ops
}

// afterEdit names the scenarios whose every request is the first after a
// project was edited.
const afterEdit = ", first after an edit"

// afterEditOps edit a project (untimed), then request path: every request
// is the first after a write.
func (f *fixture) afterEditOps(path string) []op {
	edit, get := f.updateOps(1)[0], f.getOps(1, path)[0]
	return []op{func(ctx context.Context, i int) error {
		if err := untimed(ctx, func() error { return edit(ctx, i) }); err != nil {
			return err
		}
		return get(ctx, i)
	}}
}

// getOps request one path again and again.
func (f *fixture) getOps(c int, path string) []op {
	ops := make([]op, c)
	for i := range c {
		s := f.users[i]
		ops[i] = func(ctx context.Context, n int) error { return want(200)(s.do("GET", path, nil, nil)) }
	}
	return ops
}

// recomputeOp recomputes this year's lights, as the office's button does.
func (f *fixture) recomputeOp() op {
	s := f.users[0]
	return func(ctx context.Context, n int) error {
		return want(200)(s.do("POST", "/api/v1/lights/recompute", map[string]any{}, nil))
	}
}

// submitOps submit each client's drafts, one after another, with figures
// and a unique token in the work done.
func (w *workFixture) submitOps() []op {
	ops := make([]op, len(w.submitters))
	for i, sub := range w.submitters {
		ops[i] = func(ctx context.Context, n int) error {
			rep := sub.reports[n%len(sub.reports)]
			body := map[string]any{"version": rep.Version, "invested_yuan": 1_230_000 + int64(n)*10_000, "progress_text": "主体施工",
				"progress_percent": 40, "work_done": "bench submit " + strconv.FormatInt(w.tokens.Add(1), 10), "next_plan": "继续施工"}
			return want(200)(sub.s.do("POST", fmt.Sprintf("/api/v1/reports/%d/submit", rep.ID), body, nil))
		}
	}
	return ops
}

// Scenario names of the daily work, as results.json and the targets name
// them.
const (
	scSchedule      = "schedule (battle map), 5,000-project list"
	scPeriod        = "period overview, 5,000-project list"
	scPeriodCurrent = "period overview, this year's list"
	scPeriods       = "periods list with counts, this year"
	scBoard         = "lights board"
	scCockpit       = "cockpit"
	scSubmit        = "report submit, 50 clients × 10"
	scRecompute     = "lights recompute, this year's list"
)

// dailyWork measures the screens of the office's daily work at the
// benchmark's concurrencies up to 16, then 500 reports submitted by 50
// clients at once and the lights recomputed. The heavy pages (the battle
// map, the board, the cockpit) are measured by a number of requests
// rather than rounds of time: alone against their floor, then sixteen
// users opening them at once (once each, without the floor: seconds each,
// and the bench must stay under ten minutes).
func (b *runner) dailyWork() error {
	names := []string{scSchedule, scPeriod, scPeriodCurrent, scPeriods, scBoard, scCockpit, scSubmit, scRecompute}
	any := false
	for _, n := range names {
		any = any || b.selected(n)
	}
	if !any {
		return nil
	}
	w, err := b.fx.workSetup(50, 10)
	if err != nil {
		return err
	}
	fmt.Printf("   (lists: %d's has %d projects; periods %q and %q)\n", w.listYear, w.listSize, w.listPeriod.Name, w.current.Name)
	for _, c := range b.cfg.Concurrency {
		if c > 16 {
			continue
		}
		n := max(1, 6/c)
		b.addN(scSchedule, c, max(1, 5/c), func() []op { return b.fx.scheduleOps(w, c) },
			func() []op { return b.floor.scheduleOps(w.listYear, c) }, b.scheduleNote(w))
		b.add(&b.er.Cells, scPeriod, c, b.cfg.Timing, func() []op { return b.fx.periodOps(w.listPeriod, c) },
			func() []op { return b.floor.periodOps(w.listPeriod.ID, c) })
		if c == 1 {
			b.add(&b.er.Cells, scPeriodCurrent, c, b.cfg.Timing, func() []op { return b.fx.periodOps(w.current, c) },
				func() []op { return b.floor.periodOps(w.current.ID, c) })
			b.add(&b.er.Cells, scPeriods, c, b.cfg.Timing, func() []op { return b.fx.getOps(c, fmt.Sprintf("/api/v1/periods?year=%d", b.cfg.Year)) },
				func() []op { return b.floor.periodsOps(b.cfg.Year, c) })
		}
		b.addN(scBoard, c, n, func() []op { return b.fx.getOps(c, "/api/v1/lights") },
			func() []op { return b.floor.boardOps(b.cfg.Year, c) }, "")
		b.addN(scCockpit, c, n, func() []op { return b.fx.getOps(c, fmt.Sprintf("/api/v1/dashboard?year=%d", b.cfg.Year)) },
			func() []op { return b.floor.cockpitOps(b.cfg.Year, c) }, "")
		if c == 1 {
			// The same pages when each is the first after a write: what is
			// kept is computed again (see internal/httpapi/heavy.go).
			b.addN(scSchedule+afterEdit, c, 3, func() []op { return b.fx.afterEditOps(fmt.Sprintf("/api/v1/schedule?year=%d", w.listYear)) },
				func() []op { return b.floor.scheduleOps(w.listYear, c) }, "")
			b.addN(scBoard+afterEdit, c, n, func() []op { return b.fx.afterEditOps("/api/v1/lights") },
				func() []op { return b.floor.boardOps(b.cfg.Year, c) }, "")
			b.addN(scCockpit+afterEdit, c, n, func() []op { return b.fx.afterEditOps(fmt.Sprintf("/api/v1/dashboard?year=%d", b.cfg.Year)) },
				func() []op { return b.floor.cockpitOps(b.cfg.Year, c) }, "")
		}
	}
	if b.selected(scSubmit) {
		b.heavy(scSubmit, len(w.submitters), 10, w.submitOps(), "")
	}
	if b.selected(scRecompute) {
		b.heavy(scRecompute, 1, 3, []op{b.fx.recomputeOp()}, "")
	}
	return nil
}

// addN measures a cell by n requests of each op. Alone (c = 1) it warms
// up with one untimed request and measures the floor the same way; at
// once (c > 1), on the caches the single user warmed, it measures the
// requests only.
func (b *runner) addN(name string, c, n int, ops func() []op, floorOps func() []op, note string) {
	if !b.selected(name) {
		return
	}
	b.srv.resetPeak()
	o := ops()
	if c == 1 {
		run(b.ctx, o, 24*time.Hour, 1)
	}
	cell := Cell{Scenario: name, Concurrency: c, Stats: measureN(b.ctx, o, n), Note: note}
	cell.PeakMB, cell.GoSysMB = round(b.srv.peakMB(), 1), b.srv.goSysMB()
	if c == 1 {
		fl := floorOps()
		run(b.ctx, fl, 24*time.Hour, 1)
		fs := measureN(b.ctx, fl, n)
		cell.Floor = &fs
		if fs.P50 > 0 && fs.P95 > 0 {
			cell.RatioP50, cell.RatioP95 = round(cell.Stats.P50/fs.P50, 2), round(cell.Stats.P95/fs.P95, 2)
		}
	}
	b.print(cell)
	b.er.Cells = append(b.er.Cells, cell)
}

// heavy measures n runs of each op once, without warm-up (writes that
// cannot be repeated, jobs).
func (b *runner) heavy(name string, c, n int, ops []op, note string) {
	b.srv.resetPeak()
	cell := Cell{Scenario: name, Concurrency: c, Stats: measureN(b.ctx, ops, n), Note: note}
	cell.PeakMB, cell.GoSysMB = round(b.srv.peakMB(), 1), b.srv.goSysMB()
	b.print(cell)
	b.er.Cells = append(b.er.Cells, cell)
}

// scheduleNote says how big the battle map measured is.
func (b *runner) scheduleNote(w *workFixture) string {
	var out struct {
		Items []struct{ Nodes []struct{} }
	}
	status, _, err := b.fx.users[0].do("GET", fmt.Sprintf("/api/v1/schedule?year=%d", w.listYear), nil, &out)
	if err != nil || status != 200 {
		return ""
	}
	nodes := 0
	for _, it := range out.Items {
		nodes += len(it.Nodes)
	}
	size := b.responseMB(fmt.Sprintf("/api/v1/schedule?year=%d", w.listYear))
	return fmt.Sprintf("year %d's list: %d projects, %d nodes; %.0f MB of JSON a response", w.listYear, len(out.Items), nodes, size)
}

// responseMB is the size of a response's body.
func (b *runner) responseMB(path string) float64 {
	req, _ := http.NewRequest("GET", b.fx.base+path, nil)
	res, err := b.fx.users[0].hc.Do(req)
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	n, _ := io.Copy(io.Discard, res.Body)
	return float64(n) / (1 << 20)
}
