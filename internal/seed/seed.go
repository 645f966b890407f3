// Package seed fills an empty database with a synthetic but realistic
// province (or, for a demo, one county): towns and departments, accounts of
// every role, and projects with Chinese names, heavy-tailed amounts,
// responsibility chains, year lists and stage histories; their key nodes,
// monthly reports for every year's list with the running sums approvals
// keep, problems found in reports, site visits and meetings on their way
// to close-out, the warning lights with their history, and the daily jobs'
// work for today. Everything follows from one seed number and the
// dataset's "today", so two runs with the same options write the same
// records.
//
// History is replayed, not invented after the fact: every record is written
// at the moment it would have been written, by the user who would have
// written it, so timestamps, stage histories and flows come out the way
// real use leaves them. Projects go through the store's ordinary writes
// (with their audit rows); nodes, reports and problems, hundreds of
// thousands of them, through its bulk path in the state their flow reached
// (store/seed_work.go).
package seed

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"time"

	"tuijin"
	"tuijin/internal/auth"
	"tuijin/internal/calendar"
	"tuijin/internal/store"
)

// Options say what to generate.
type Options struct {
	Seed     uint64
	Projects int
	// Years of history: year lists run from Today's year - Years + 1 to
	// Today's year (reserve projects are on next year's list).
	Years int
	// Today is the dataset's "now", in the office's time zone; nothing is
	// dated after it.
	Today time.Time
	// Password of every generated account. It is hashed once with cheap
	// argon2 parameters: these are fixtures, and thousands of them.
	Password string
	// AdminHash, when set, is the password hash of an "admin" account made
	// first (on a database that has none), with AdminMustChange saying
	// whether the password must be replaced at first login.
	AdminHash       string
	AdminMustChange bool
	// Progress, when set, receives one line per step.
	Progress io.Writer
}

// Defaults are the benchmark province's options.
func Defaults(today time.Time) Options {
	return Options{Seed: 1, Projects: 50_000, Years: 5, Today: today}
}

// Demo is a county of about 200 projects, set in today's year.
func Demo(today time.Time) Options {
	return Options{Seed: 2026, Projects: 200, Years: 3, Today: today}
}

// Step is one stage of seeding. Steps run in order and may use what the
// earlier ones made (s.counties, s.planned).
type Step struct {
	Name string
	Run  func(s *Seeder, ctx context.Context) error
}

// Steps lists the seeding steps. A later capability adds its own step here,
// drawing from its own random stream so that the earlier steps' records do
// not change.
func Steps() []Step {
	return []Step{
		{"organisation", (*Seeder).organisation},
		{"accounts", (*Seeder).accounts},
		{"map", (*Seeder).boundary},
		{"projects", (*Seeder).replayProjects},
		{"nodes", (*Seeder).keyNodes},
		{"reports", (*Seeder).reports},
		{"problems", (*Seeder).problems},
		{"lights", (*Seeder).lights},
		{"daily jobs", (*Seeder).dailyJobs},
	}
}

// Seeder holds the options and what the steps have made so far.
type Seeder struct {
	DB   *store.DB
	Opt  Options
	hash string
	// loc is the office's time zone, from Opt.Today.
	loc      *time.Location
	counties []*county
	planned  []*plannedProject
	result   Result
	// cal is the official working-day calendar.
	cal *calendar.Calendar
	// found are the problems reports told of, for the problems step.
	found []reportedProblem
}

// Result counts what was written.
type Result struct {
	Departments  int
	Users        int
	Projects     int
	StageChanges int
	Updates      int
	Nodes        int
	Periods      int
	Reports      int
	Problems     int
	Meetings     int
	Visits       int
	// Lights counts this year's lights by colour.
	Lights       map[string]int
	AdminCreated bool
	// Accounts names one generated account per role, for the demo's
	// welcome message.
	Accounts []Account
	Took     map[string]time.Duration
}

// Account is a generated login.
type Account struct {
	Username, DisplayName string
	Role                  tuijin.Role
	Department            string
}

// Run checks that the database is empty (an admin account may exist) and
// runs every step.
func Run(ctx context.Context, db *store.DB, opt Options) (*Result, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	users, depts, projects, err := db.RecordCounts(ctx)
	if err != nil {
		return nil, err
	}
	if users > 1 || depts > 0 || projects > 0 {
		return nil, fmt.Errorf("seed: the database already holds records (%d users, %d departments, %d projects); seed an empty one", users, depts, projects)
	}
	hash, err := auth.Hasher{P: auth.Cheap}.Hash(opt.Password)
	if err != nil {
		return nil, err
	}
	s := &Seeder{DB: db, Opt: opt, hash: hash, loc: opt.Today.Location(), cal: calendar.New(nil),
		result: Result{Took: map[string]time.Duration{}, Lights: map[string]int{}}}
	for _, st := range Steps() {
		start := time.Now()
		if err := st.Run(s, ctx); err != nil {
			return nil, fmt.Errorf("seed %s: %w", st.Name, err)
		}
		s.result.Took[st.Name] = time.Since(start)
		if opt.Progress != nil {
			fmt.Fprintf(opt.Progress, "  %-13s %8.1fs\n", st.Name, time.Since(start).Seconds())
		}
	}
	return &s.result, nil
}

func (o Options) validate() error {
	switch {
	case o.Projects < 1 || o.Projects > 1_000_000:
		return fmt.Errorf("seed: projects must be between 1 and 1,000,000")
	case o.Years < 1 || o.Years > 20:
		return fmt.Errorf("seed: years must be between 1 and 20")
	case o.Today.IsZero():
		return fmt.Errorf("seed: no date for today")
	case tuijin.PasswordProblem(o.Password) != "":
		return fmt.Errorf("seed: the accounts' password is too weak (%s)", tuijin.PasswordProblem(o.Password))
	}
	return nil
}

// rand returns the random stream of one step. Each step has its own, so
// that adding a step, or drawing more in one, leaves the others' records
// as they were.
func (s *Seeder) rand(step string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(step))
	return rand.New(rand.NewPCG(s.Opt.Seed, h.Sum64()))
}

// today is the dataset's today as a date.
func (s *Seeder) today() calendar.Date { return calendar.DateOf(s.Opt.Today) }

// before keeps a moment before the dataset's now: what would happen later
// today happens just before.
func (s *Seeder) before(t time.Time) time.Time {
	if t.Before(s.Opt.Today) {
		return t
	}
	return s.Opt.Today.Add(-time.Minute)
}

// firstYear is the first year on the lists.
func (s *Seeder) firstYear() int { return s.Opt.Today.Year() - s.Opt.Years + 1 }

// start is when the office began keeping the ledger in Tuijin: early
// November of the year before the first list (lists are compiled in
// autumn).
func (s *Seeder) start() time.Time {
	return time.Date(s.firstYear()-1, 11, 1, 9, 0, 0, 0, s.loc)
}

// batch runs f in transactions of at most size writes each: one transaction
// per write would be slow, one for a province would hold the writer for
// long and take much memory on PostgreSQL.
func (s *Seeder) batch(ctx context.Context, n, size int, f func(tx *store.Tx, i int) error) error {
	for lo := 0; lo < n; lo += size {
		hi := min(lo+size, n)
		err := s.DB.InTx(ctx, tuijin.SystemActor, func(tx *store.Tx) error {
			for i := lo; i < hi; i++ {
				if err := f(tx, i); err != nil {
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
