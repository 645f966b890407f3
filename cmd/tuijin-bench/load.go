package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tuijin"
)

// The load test: simulated users of every role browse the ledger, open
// projects and write (edit projects, move stages, submit this month's
// reports, move problems along their flow) for a fixed time, all at once,
// on loopback. Every write carries a unique token; afterwards the
// database must hold each acknowledged token exactly once, on the record
// it was written to, and no token of a write that failed (verify.go).

type loadConfig struct {
	Bin, Out    string
	Projects    int
	Seed        uint64
	Users       int
	Duration    time.Duration
	MaxRequests int64
}

func cmdLoad(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("tuijin-bench load", flag.ContinueOnError)
	var cfg loadConfig
	fs.StringVar(&cfg.Bin, "bin", "bin/tuijin", "the tuijin binary")
	fs.StringVar(&cfg.Out, "out", "bench", "folder for load.json, LOAD.md and tmp/")
	fs.IntVar(&cfg.Projects, "projects", 50_000, "projects in the seeded province")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the generated data")
	fs.IntVar(&cfg.Users, "users", 200, "simulated users")
	fs.DurationVar(&cfg.Duration, "duration", time.Minute, "how long they work")
	fs.Int64Var(&cfg.MaxRequests, "max-requests", 300_000, "stop early after this many requests")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.Users < 1 || cfg.Users > 2000 || cfg.Duration > 10*time.Minute {
		return fmt.Errorf("at most 2000 users for at most 10 minutes")
	}
	return load(ctx, cfg)
}

func load(ctx context.Context, cfg loadConfig) error {
	tmp := filepath.Join(cfg.Out, "tmp")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	logf, err := os.Create(filepath.Join(tmp, "load-server.log"))
	if err != nil {
		return err
	}
	defer logf.Close()
	path := filepath.Join(tmp, "load.db")
	if _, err := sqliteCopy(ctx, cfg.Bin, tmp, path, cfg.Projects, cfg.Seed, logf); err != nil {
		return err
	}
	srv, err := startServer(cfg.Bin, "sqlite:"+path, logf)
	if err != nil {
		return err
	}
	users, err := loadUsers(srv.base, cfg.Users)
	if err != nil {
		srv.stop()
		return err
	}
	fmt.Printf("load test: %d users for %v on %s\n", len(users), cfg.Duration, srv.base)
	srv.resetPeak()
	rep := drive(ctx, users, cfg)
	rep.PeakMB = round(srv.peakMB(), 1)
	if err := srv.stop(); err != nil {
		fmt.Println("server stop:", err)
	}
	rep.Check = verify(ctx, cfg.Bin, path, users)
	return rep.write(cfg.Out)
}

// roleMix is who the simulated users are, out of 200.
var roleMix = []struct {
	role tuijin.Role
	n    int
}{{tuijin.RoleOffice, 20}, {tuijin.RoleLeader, 20}, {tuijin.RoleDepartment, 40}, {tuijin.RoleOfficer, 80},
	{tuijin.RoleOwner, 20}, {tuijin.RoleSupervisor, 10}, {tuijin.RoleViewer, 10}}

// loadUsers logs in users of every role in the proportions of roleMix.
func loadUsers(base string, n int) ([]*user, error) {
	office, err := login(base, "office1", seedPassword)
	if err != nil {
		return nil, err
	}
	var out []*user
	for _, m := range roleMix {
		names, err := usernames(office, m.role)
		if err != nil {
			return nil, err
		}
		want := max(1, m.n*n/200)
		if len(names) < want {
			return nil, fmt.Errorf("only %d %s accounts, want %d: seed more projects", len(names), m.role, want)
		}
		for i := range want {
			s, err := login(base, names[i], seedPassword)
			if err != nil {
				return nil, err
			}
			out = append(out, &user{s: s, role: m.role, id: len(out), r: rand.New(rand.NewPCG(uint64(len(out)), 42))})
		}
	}
	return out, nil
}

// user is one simulated person with what they have seen and written.
type user struct {
	s      *session
	role   tuijin.Role
	id     int
	r      *rand.Rand
	seen   []int64 // project ids on the last ledger page
	writes []write
	seq    int
	// period is the current period; drafts and problems are the user's
	// reports to submit and open problems, as last listed.
	period   int64
	drafts   []int64
	problems []int64
}

// write is one write attempt and how it ended.
type write struct {
	Token string `json:"token"`
	Kind  string `json:"kind"` // remarks, stage, report or problem
	// Target is the project, report or problem written to.
	Target int64 `json:"target"`
	Acked  bool  `json:"acked"`
	// Conflicts is how many times the write met 409 and was retried.
	Conflicts int    `json:"conflicts"`
	Status    int    `json:"status"`
	Error     string `json:"error,omitempty"`
}

// drive runs every user until the time or the request budget is spent.
func drive(ctx context.Context, users []*user, cfg loadConfig) *loadReport {
	rep := newLoadReport(cfg, len(users))
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var budget atomic.Int64
	budget.Store(cfg.MaxRequests)
	start := time.Now()
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Go(func() {
			for ctx.Err() == nil && budget.Add(-1) > 0 {
				think := time.Duration(300+u.r.IntN(1200)) * time.Millisecond
				select {
				case <-ctx.Done():
					return
				case <-time.After(think):
				}
				kind, d, err := u.act()
				rep.record(kind, d, err)
			}
		})
	}
	wg.Wait()
	rep.Seconds = round(time.Since(start).Seconds(), 1)
	for _, u := range users {
		rep.addWrites(u.writes)
	}
	return rep
}

// act does one thing a person of this role does. Roles that may edit
// projects also write: officers and departments submit this month's
// reports, departments and the office move problems along.
func (u *user) act() (string, time.Duration, error) {
	t0 := time.Now()
	editor := u.role == tuijin.RoleOffice || u.role == tuijin.RoleDepartment || u.role == tuijin.RoleOfficer
	roll := u.r.IntN(100)
	var kind string
	var err error
	done := true
	switch {
	case len(u.seen) == 0 || roll < 30:
		kind, err = "ledger page", u.browse()
	case !editor || roll < 60:
		kind, err = "project detail", u.open()
	case roll < 72:
		kind, err = "project update", u.edit()
	case roll < 80:
		kind, err = "stage change", u.moveStage()
	case u.role == tuijin.RoleOfficer || u.role == tuijin.RoleDepartment && roll < 90:
		kind = "report submit"
		done, err = u.submitReport()
	default:
		kind = "problem step"
		done, err = u.stepProblem()
	}
	if !done { // nothing left to submit or move: browse instead
		kind, err = "ledger page", u.browse()
	}
	return kind, time.Since(t0), err
}

var loadSorts = []string{"", "", "-total_investment_yuan", "name", "-updated_at"}

func (u *user) browse() error {
	path := fmt.Sprintf("/api/v1/projects?per_page=50&page=%d&sort=%s", 1+u.r.IntN(3), loadSorts[u.r.IntN(len(loadSorts))])
	if u.r.IntN(4) > 0 {
		path += fmt.Sprintf("&year=%d", time.Now().In(officeZone()).Year())
	}
	var list tuijin.ProjectList
	if err := want(200)(u.s.do("GET", path, nil, &list)); err != nil {
		return err
	}
	if len(list.Items) > 0 {
		u.seen = u.seen[:0]
		for _, p := range list.Items {
			u.seen = append(u.seen, p.ID)
		}
	}
	return nil
}

func (u *user) pick() int64 { return u.seen[u.r.IntN(len(u.seen))] }

func (u *user) open() error {
	id := u.pick()
	if err := want(200)(u.s.do("GET", fmt.Sprintf("/api/v1/projects/%d", id), nil, nil)); err != nil {
		return err
	}
	return want(200)(u.s.do("GET", fmt.Sprintf("/api/v1/projects/%d/stages", id), nil, nil))
}

// token names one write: the user and its sequence number.
func (u *user) token() string {
	u.seq++
	return fmt.Sprintf("LT-%03d-%04d", u.id, u.seq)
}

// edit appends a token to a project's remarks, re-reading and retrying
// when someone else changed the project meanwhile (409).
func (u *user) edit() error {
	w := write{Token: u.token(), Kind: "remarks", Target: u.pick()}
	err := retryAs(u, &w, fmt.Sprintf("/api/v1/projects/%d", w.Target), func(p *tuijin.Project) (string, string, any) {
		remarks := strings.TrimSpace(p.Remarks + " " + w.Token)
		return "PATCH", fmt.Sprintf("/api/v1/projects/%d", p.ID), map[string]any{"remarks": remarks, "version": p.Version}
	})
	u.writes = append(u.writes, w)
	return err
}

// nextStage is the forward move from each stage.
var nextStage = map[tuijin.Stage]tuijin.Stage{
	tuijin.StageReserve: tuijin.StagePreliminary, tuijin.StagePreliminary: tuijin.StageNewStart,
	tuijin.StageNewStart: tuijin.StageConstruction, tuijin.StageConstruction: tuijin.StageCompleted,
	tuijin.StageCompleted: tuijin.StageOperating,
}

// moveStage moves a project one stage on, with the token as the reason.
func (u *user) moveStage() error {
	w := write{Token: u.token(), Kind: "stage", Target: u.pick()}
	today := time.Now().In(officeZone()).Format(time.DateOnly)
	err := retryAs(u, &w, fmt.Sprintf("/api/v1/projects/%d", w.Target), func(p *tuijin.Project) (string, string, any) {
		to, ok := nextStage[p.Stage]
		if !ok {
			return "", "", nil // operating: nothing further
		}
		return "POST", fmt.Sprintf("/api/v1/projects/%d/stage", p.ID), tuijin.StageChange{To: to, Date: today, Reason: w.Token, Version: p.Version}
	})
	if w.Status != 0 {
		u.writes = append(u.writes, w)
	}
	return err
}

// retryAs reads the record at path, builds the write from it and sends
// it, up to five times while the answer is 409 (a concurrent change). A
// build that returns no method finds nothing left to do: no write is made.
func retryAs[T any](u *user, w *write, path string, build func(*T) (string, string, any)) error {
	for attempt := 0; attempt < 5; attempt++ {
		var rec T
		if err := want(200)(u.s.do("GET", path, nil, &rec)); err != nil {
			return err
		}
		method, path, body := build(&rec)
		if method == "" {
			w.Status = 0 // nothing left to do: no write was made
			return nil
		}
		status, text, err := u.s.do(method, path, body, nil)
		w.Status = status
		if err != nil {
			w.Error = err.Error()
			return err
		}
		if status == 409 {
			w.Conflicts++
			continue
		}
		w.Acked = status/100 == 2
		if !w.Acked {
			w.Error = truncate(text, 200)
			return fmt.Errorf("%s %s: %d %s", method, path, status, w.Error)
		}
		return nil
	}
	w.Error = "still conflicting after 5 attempts"
	return fmt.Errorf("%s: %s", w.Token, w.Error)
}
